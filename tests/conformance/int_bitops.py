# Bitwise operations and shifts.
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 5, -17 >> 1)
print(5 << 0, 255 >> 8, 1 << 64)
print(-5 & 0xFF, -5 | 3, -5 ^ 3)
for n in [0, 1, 7, 8, 255, 256, -1, -8, 1023]:
    print(n, bin(n), hex(n), oct(n), n.bit_length())
x = 0
for i in range(0, 16, 3):
    x |= 1 << i
print(x, bin(x))
print(x & ~(1 << 3))
flags = 0b1011
print([i for i in range(4) if flags >> i & 1])
print(True & False, True | False, True ^ True)
v = 0xDEADBEEF
v ^= 0xFFFFFFFF
print(hex(v))
v <<= 4
v >>= 2
print(v)
print(int("ff", 16), int("777", 8), int("1010", 2), int("0x1f", 16), int("z", 36))
