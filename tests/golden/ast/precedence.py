a + b * c ** d
-a ** b
not a == b
a | b ^ c & d << e + f * g ** h
a if b or c else d and e
lambda: a if b else c
x = a, b if c else d
a < b | c
not not a
- - a
~ - + a
a ** b * c
(a + b) ** (c - d)
a * (b + c)
a - (b - c)
x = yield_ = 1
