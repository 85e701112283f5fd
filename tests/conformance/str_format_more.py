# More str.format / format() / __format__: nested specs, conversions, user __format__, errors.
class Money:
    def __init__(self, v):
        self.v = v
    def __format__(self, spec):
        if spec == "":
            return f"${self.v}"
        return "$" + format(self.v, spec)
    def __str__(self):
        return "Money(%s)" % self.v

class Plain:
    def __str__(self):
        return "plain!"

class Bad:
    def __format__(self, spec):
        return 42

m = Money(3.5)
print(format(m), format(m, ".2f"), "{}|{:>8.1f}|{!s}|{!r:.5}".format(m, m, m, "abcdefgh"))
print(f"{m}", f"{m:08.3f}", f"{m!s:>12}", f"{Plain()}", f"{Plain()!r:.8}")
print(format(Plain()), "{}".format(Plain()), "{0!s:^10}".format(Plain()))
try:
    format(Plain(), "x")
except TypeError as e:
    print("TypeError:", e)
try:
    format(Bad())
except TypeError as e:
    print("TypeError:", e)
print("{0:{1}{2}}".format(42, ">", 6), "{:{}.{}f}".format(3.14159, 10, 2), "{x:{fill}^{w}}".format(x="mid", fill="*", w=9))
print("{0[a][0]} {0[b].v} {1[1]}".format({"a": [7], "b": Money(1)}, "xy"))
print("{!a}".format("é"), "{0!r}".format([1, "x"]), "{:}".format(1.0), "{:}".format(None))
print("{:+,d} {:_x} {:#o} {:#X} {:c} {:n}".format(1234567, 0xABCDEF, 8, 255, 65, 1234))
print("{:.3e} {:.0f} {:.2%} {:g} {:G} {:.3g} {:#.3g}".format(123456.789, 2.5, 0.12345, 1e20, 1e-20, 0.0001234, 1.0))
print("{:>8.3s}|{:<5}|{:^6}|{:=+8d}|{:08.2f}|{:-^7}".format("abcdef", "é", "xy", 42, -3.14159, "t"))
print("{:,}".format(10**20), "{:_}".format(123456789.125), "{:.10}".format("short"), "{:5.1f}%".format(99.95))
print(format(float("inf"), "8.2f"), format(float("-inf"), "<8"), format(float("nan"), "+"), format(-0.0, "z.1f"), format(1e100, ".3g"))
print(format(2**100, "x"), format(-2**70, ","), format(True, ">5"), format(False, "d"), format(7, "b"), format(-7, "#b"))
print("{0}{1}{0}".format("ab", "-"), "{}{{}}{}".format(1, 2), "}}{{".format(), "{:{{}}}".format if False else "x")
d = {"name": "Ann", "n": 3}
print("{name} has {n} items".format_map(d), "{name!r:>8}".format(**d))
class Default:
    def __getitem__(self, key):
        return "<" + key + ">"
print("{a} {b}".format_map(Default()))
for bad in ["{", "}", "{0!}", "{0:}}", "{!x}", "{0[}", "{0.}", "{0:{1:{2}}}", "{a.b[}"]:
    try:
        bad.format(1, 2, 3)
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)
for spec in ["d", "s", "c", ",s", "=", "+s", "#s", ".2d", "z", "xx", ",_", ".f"]:
    for v in [5, 2.5, "s"]:
        try:
            r = format(v, spec)
        except (ValueError, TypeError) as e:
            r = type(e).__name__ + ": " + str(e)
        print(repr(spec), repr(v), r)
try:
    "{} {0}".format(1, 2)
except ValueError as e:
    print(e)
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print(e)
print("{0} {0}".format("rep"), "{1}".format(*"ab"), "{a}{b}".format(**{"a": 1, "b": 2}))
width = 10
print(f"{'x':>{width}}|{3.14159:.{2}f}|{42:#{width}x}")
