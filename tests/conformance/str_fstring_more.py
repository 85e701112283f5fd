# f-strings, conversions, str()/repr()/ascii() and small text-processing idioms.
x = 3.14159
name = "Ann"
w, p = 10, 2
print(f"{x=}", f"{name=!s}", f"{x=:.2f}", f"{x:{w}.{p}f}|", f"{name!r:>{w}}|", f"{'a' 'b'}")
print(f"{1+1}", f"{[1,2]!s:>8}", f"{ {'a': 1}['a'] }", f"{x:e}", f"{-0.0:z.1f}", f"{12345:_}", f"{2**64:,}")
print(f"{True!s:>6}|{None!r}|{b'x'!r}", f"{'é':*^5}", f"{'x':>0}", f"{42:c}")
class P:
    def __init__(self, n): self.n = n
    def __repr__(self): return f"P({self.n!r})"
    def __str__(self): return f"<{self.n}>"
ps = [P(1), P("a")]
print(ps, str(ps[0]), repr(ps[1]), f"{ps[0]}", f"{ps[0]!r}", "%s %r" % (ps[0], ps[0]), "{} {!r}".format(ps[1], ps[1]))
print(str.format("{}-{}", 1, 2), str.lower("ABC"), "a".__format__(""), format(3, "05"), format(-3, "05"), format(3.0, "05"))
print("{:>5}".format("toolong"), "{:.0%}".format(0.5), "{:.1f}".format(0.05), "{:.1f}".format(0.25), "{}".format(1e16), "{}".format(1.5e-7))
print("%5.1f%%" % 99.5, "%-3d|" % 5, "%03d:%02d" % (7, 5), "%s" % b"ab", "%r" % "it's", "%a" % "é")
lines = ["a=1", "b = 2", "# c", "", "d=4=5"]
cfg = {}
for ln in lines:
    ln = ln.strip()
    if not ln or ln.startswith("#"):
        continue
    k, _, v = ln.partition("=")
    cfg[k.strip()] = v.strip()
print(cfg)
print("|".join(f"{k}:{v:>3}" for k, v in sorted(cfg.items())))
print("CamelCaseString".swapcase(), "snake_case_here".title().replace("_", ""), "  x  y  ".split(" "))
txt = "The rain in Spain"
print(txt.lower().count("ain"), [w for w in txt.split() if w.endswith("ain")], txt.upper().find("SPAIN"))
print(sorted("hello world".replace(" ", "")), "".join(reversed("abc")), "abc"[::-1] == "cba")
print("{:08.3f}".format(-1.5), "{:+08d}".format(42), "{:^+9.2f}".format(1.005), "{:#010b}".format(5))
print(ascii("héllo\n"), repr("tab\there"), repr("quote'\""), repr('single\''), str(12.0), str(-0.0))
