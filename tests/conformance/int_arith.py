# Integer arithmetic: + - * / // % ** with positive and negative operands.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
for x, y in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, 7), (-1, 7)]:
    print(x, y, "floordiv", x // y, "mod", x % y, "divmod", divmod(x, y), "truediv", x / y)
print(divmod(100, 7), divmod(-100, 7), divmod(100, -7))
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 13), pow(-3, 3), pow(7, -1, 11))
print(2 ** -1, 2 ** 0, 0 ** 0, (-2) ** 3, -2 ** 2)
print(abs(-42), abs(0), -(-5), +7)
n = 10
n += 5
print(n)
n -= 3
print(n)
n *= 4
print(n)
n //= 7
print(n)
n %= 4
print(n)
n **= 5
print(n)
print(10 / 4, 10 / 5, -10 / 4, 1 / 8)
print(int(7 / 2), int(-7 / 2))
print(1_000_000 + 1, 0x1F, 0o17, 0b1011)
print(7 == 7.0, 7 < 7.5, 3 * True, True + True)
total = 0
for i in range(1, 101):
    total += i * i
print("sum of squares", total)
print(max(3, -9, 12), min(3, -9, 12))
