a + b * c
(a + b) * c
a - b - c
a ** b ** c
-2 ** 2
-a ** -b
~a
+a
not a
a // b % c @ d / e
a << b >> c
a & b | c ^ d
a | b & c
a and b or c and d
a or b or c
a and not b
x = a if b else c
x = a if b else c if d else e
a + b if c else d - e
a @ b
a ** -b
await_ = 1
