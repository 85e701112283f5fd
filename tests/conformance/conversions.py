# int/float/str conversions and their errors.
print(int("42"), int("-17"), int("  8  "), int("+5"), int("1_000"))
print(int(3.99), int(-3.99), int(True))
print(float("3.25"), float("-1e3"), float(".5"), float("5."), float(42))
print(str(42), str(-0.5), str(True), str(None), str([1, "a"]))
print(repr("x"), repr(1), repr(1.0))
for bad in ["abc", "", "1.5", "12a", " ", "0x10"]:
    try:
        print(int(bad))
    except ValueError as e:
        print("ValueError:", e)
for bad in ["abc", "", "1.2.3", "1e"]:
    try:
        print(float(bad))
    except ValueError as e:
        print("ValueError:", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
try:
    int([1])
except TypeError as e:
    print("TypeError:", e)
try:
    int("10", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    1 + "a"
except TypeError as e:
    print("TypeError:", e)
print("a" * 3, 3 * "ab", [0] * 3)
print(str(12) + "3", int("12") + 3)
print(list("abc"), tuple("ab"), list(range(3)), tuple([1, 2]))
print(chr(65), ord("A"), ord("z"), chr(0x263A) == "\u263a")
print(bool("False"), bool(0.0))
print(int("101", 2), int("-ff", 16), int("0b101", 0), int("0o17", 0), int("0x1A", 0))
print(float(1 << 53), int(1e18))
