# bool and None semantics.
print(True, False, None)
print(repr(True), str(None), type(True).__name__, type(None).__name__)
print(True + True, True * 10, False - 1, True / 2)
print(int(True), float(False), str(True))
print(isinstance(True, int), True == 1, False == 0, True is True)
for v in [0, 1, -1, 0.0, 0.5, "", "a", " ", [], [0], (), {}, {0: 0}, None, set(), range(0), range(1)]:
    print(repr(v), bool(v))
print(not None, not 0, not [], not "x")
print(None is None, None == None, None == 0, None == False)
x = None
if x is None:
    print("x is None")
if not x:
    print("x is falsy")
def nothing():
    pass
print(nothing())
print(nothing() is None)
print(bool(), int(), float(), str() == "")
print(sorted([True, False, True]))
print(sum([True, True, False, True]))
print(True and 3, False or "fallback", None or 0)
