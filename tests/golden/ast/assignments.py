x = 1
x = y = z = 0
a, b = 1, 2
a, *b = c
(a, b) = c
[a, b] = c
[a, [b, c]] = d
x.y = 1
x[0] = 1
x[1:2] = y
x += 1
x -= 1
x *= 2
x /= 2
x //= 2
x %= 2
x **= 2
x @= m
x &= 1
x |= 1
x ^= 1
x <<= 1
x >>= 1
x.attr += 1
x[i] -= 1
x: int
x: int = 5
(x): int = 5
x.y: str = 'a'
x[0]: float
a = b = c, d
a, = b
x = *a, *b
