# and/or return operands, conditional expressions, chained comparisons, identity.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", None and 1, [] or {} or "last")
print(3 and 0 and 5, 3 or 0 or 5, (0 or None) is None)
print(not 1, not not "x")
calls = []
def t(v):
    calls.append(v)
    return v
r = t(0) and t(1)
r2 = t(1) or t(2)
print(r, r2, calls)
x = 7
print("big" if x > 5 else "small", "even" if x % 2 == 0 else "odd")
print("neg" if x < 0 else "zero" if x == 0 else "pos")
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0, 1 == 1.0 == True, 1 < 2 > 0)
a = 5
print(0 <= a < 10, 0 <= a < 5, a == 5 != 6)
calls.clear()
print(t(1) < t(0) < t(5), calls)
print(1 in [1, 2] in [[1, 2]], "a" < "b" < "c")
l1 = [1]
l2 = [1]
print(l1 == l2, l1 is l2, l1 is not l2, id(l1) == id(l1), id(l1) != id(l2))
print(None is None, type(None) is type(None))
print(all([]), any([]), all([1, 2]), any([0, ""]))
y = 0
y = y or 10
print(y)
name = ""
print(name or "anonymous")
print((lambda v: v and v * 2)(0), (lambda v: v and v * 2)(4))
print(2 < 3 and 3 < 4 or False)
print(True + (not False), (1 > 0) * 5)
if (n := len("walrus")) > 3:
    print("walrus length", n)
