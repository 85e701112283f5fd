x = ('implicit '
     'concatenation '
     "across lines")
y = 'a' \
    'b'
z = """doc
string""" 'tail'
w = b'abc' b"def"
