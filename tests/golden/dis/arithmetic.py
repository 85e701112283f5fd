a = 1
b = 2.5
c = a + b * 3 - 4 / 2 // 1 % 7 ** 2
d = -a + +b - ~a
e = (a << 2) | (a >> 1) & 0xff ^ 3
big = 123456789012345678901234567890
neg = -9223372036854775808
f = 1e16, 0.1, -0.0, 1.0, True, None, ..., 'it''s', b'\x00b'
a += 1
a **= 2
print(not a, a is None, a is not b, a in f, a not in f)
