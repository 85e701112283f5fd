# str.format: positional, keyword, index/attribute access, format specs.
print("{} {} {}".format("a", "b", "c"))
print("{2} {1} {0} {0}".format("a", "b", "c"))
print("{name} is {age}".format(name="Bob", age=25))
print("{0[0]} {0[1]} {1[key]}".format(["x", "y"], {"key": "v"}))

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

p = Point(3, 4)
print("({0.x}, {0.y})".format(p))
print("{p.x}/{p.y}".format(p=p))
print("[{:>8}] [{:<8}] [{:^8}] [{:*^9}]".format("r", "l", "c", "s"))
print("{:d} {:5d} {:05d} {:+d} {:,d} {:_d}".format(1, 2, 3, 4, 1234567, 9876543))
print("{:.2f} {:10.4f} {:e} {:.1%} {:g}".format(3.14159, 2.5, 12345.6789, 0.256, 0.00001))
print("{:x} {:X} {:o} {:b} {:#x} {:#b} {:08b}".format(255, 255, 8, 5, 255, 5, 5))
print("{!r} {!s} {!r}".format("q", "q", 1.5))
print("{{literal}} {}".format("braces"))
print("{:>{w}}|".format("dyn", w=7))
print("{:.{p}f}".format(2 / 3, p=3))
print("{0:-^20}".format(" title "))
print("{:<6}{:>6}".format(12, 34))
print("{:,.2f}".format(1234567.891))
print("{:>10}".format(3.5), "{:<5}|".format(True))
print(format(255, "x"), format(3.14159, ".3f"), format("s", ">3"), format(12, ""))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format(x=1)
except KeyError as e:
    print("KeyError:", e)
try:
    "{:d}".format("s")
except ValueError as e:
    print("ValueError:", e)
table = [("Name", "Qty"), ("apples", 3), ("kiwis", 12)]
for a, b in table:
    print("{:<10}|{:>5}".format(a, b))
