# repr/str of floats follows the shortest round-tripping representation.
values = [0.1 + 0.2, 1e21, 1e16, 1e15, 123456789012345678.0, 1 / 3, 2 / 3, 0.1, 1.0, -0.0, 0.0,
          1e-5, 0.0001, 1e-4 * 3, 1.5e300 * 1.5e10, 5e-324, 2.5, 100.0, 1e22, 3.141592653589793,
          float('inf'), float('-inf'), 1.7976931348623157e308, 12345.678, 0.5e-6]
for v in values:
    print(repr(v), str(v))
print(float('nan'))
print([1.0, 2.5, -0.0])
print((0.1, 0.7))
print({1.5: 2.25})
print(1e100)
print(10.0 ** 20, 10.0 ** 15, 10.0 ** 16)
print(2.0 ** 0.5)
print(float(10 ** 20))
print(9007199254740993.0)
print(-1e-7, 1e-7 * 10)
