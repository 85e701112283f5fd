# Arbitrary-precision integers.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

print(fact(50))
print(fact(30) // fact(28))
print(2 ** 100)
print(2 ** 100 - 1)
print(-(2 ** 100))
print(2 ** 64, 2 ** 63 - 1, -(2 ** 63))
big = 123456789012345678901234567890
print(big * big)
print(big // 97, big % 97)
print(-big // 97, -big % 97)
print(divmod(big, -12345))
print(big + 1 - big, big - big)
print(big > 10 ** 29, big < 10 ** 30, big == 123456789012345678901234567890)
print(len(str(2 ** 1000)))
print(str(3 ** 100)[:20])
print(10 ** 20 / 10 ** 10)
print(pow(2, 1000, 10 ** 9 + 7))
print(2 ** 200 >> 190, 1 << 100)
print((2 ** 100) & 0xFFFF, (2 ** 100 + 12345) & 0xFFFF, (2 ** 70) | 1)
print(hex(2 ** 100), bin(2 ** 70))
fib = [0, 1]
while len(fib) < 120:
    fib.append(fib[-1] + fib[-2])
print(fib[-1])
print(sum(range(10 ** 6)))
print(int("9" * 40) + 1)
print(abs(-(10 ** 25)))
print(hash(2 ** 10) == hash(1024))
