# More printf-style formatting: flags, stars, mappings, objects, errors in CPython's order.
class Num:
    def __int__(self):
        return 7
    def __float__(self):
        return 2.5
    def __index__(self):
        return 9

class Rep:
    def __repr__(self):
        return "Rep()"

print("%d|%i|%x|%o|%e|%f|%c" % (Num(), Num(), Num(), Num(), Num(), Num(), Num()))
print("%s|%r|%a|%5.2s|%-6r|" % (Rep(), Rep(), "é", "xyz", "a"))
print("%(a)s-%(b)05.1f-%(a)r" % {"a": "k", "b": 2.25}, "%(x)s" % {"x": [1, 2]}, "%s" % {"x": 1})
print("%*.*f|%-*d|%.*s" % (8, 3, 3.14159, 4, 7, 2, "abcdef"))
print("%+d % d %+.2e %#x %#X %#o %05x %-5o|" % (3, 3, 1234.5, 255, 255, 8, 255, 8))
print("%.0f %.0f %.0f %.1f" % (0.5, 1.5, 2.5, 0.05), "%g %g %#g" % (1e-5, 123456789, 0.5))
print("%s %s" % (True, None), "%d %d" % (True, False), "%.3d" % 7, "%x" % -255, "%c" % 0x1F600)
print("%10.3f|%-10.3e|%+010d" % (-1.5, 1e-7, -42))
try:
    print("%5%|" % ())
except TypeError as e:
    print(e)
try:
    print("%-5%|" % (1,))
except ValueError as e:
    print(e)
print("%s" % [1, 2], "%s" % (1,), "abc" % [], "abc" % {}, "%s" % "")
print("%d%%" % 50, "%%%d" % 5, "%i" % 2**70, "%x" % 2**70, "%.2f" % 2**60)
for fmt, args in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("x", 5), ("%(a)s", (1,)), ("%(a)s", {}),
                  ("%z", 1), ("%", ()), ("%s %z", ()), ("%s %z", (1,)), ("%c", 1.5), ("%c", "ab"), ("%c", -1),
                  ("%x", 1.5), ("%f", "a"), ("%d", None), ("%*d", ("a", 1)), ("%(a", {}), ("%d", float("inf")),
                  ("%d", float("nan")), ("%f", Rep()), ("%x", Rep()), ("%.*f", (1,))]:
    try:
        print(repr(fmt % args))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(type(e).__name__, e)
rows = [("a", 1, 0.5), ("bb", 22, 12.25)]
print("\n".join("%-4s|%3d|%7.3f" % r for r in rows))
s = "%s=%d"
s %= ("k", 3)
print(s)
