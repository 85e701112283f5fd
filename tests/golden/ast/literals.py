1
-1
1_000_000
0xFF
0o17
0b1010
123456789012345678901234567890
1.5
1.
.5
1e10
1_000.5e-3
1e400
0.1
1e16
1e-05
3j
2.5J
True
False
None
...
'single'
"double"
'it\'s'
"say \"hi\""
'''triple
quoted'''
"""another
one"""
r'raw\n\d'
b'bytes\x00\xff'
rb'raw bytes\n'
BR"raw upper"
'esc: \n \t \\ \r \0 \a \b \f \v \x41 \101 \u00e9 \U0001F600'
'unknown \q escape'
'a' 'b' "c"
b'a' b'b'
'line \
continued'
'\u200b nbsp \xa0 soft \xad'
"quote ' only"
