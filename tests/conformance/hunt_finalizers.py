# Finalization: suspended generators closed when freed, and __main__ globals finalized at exit in CPython's order.
def ctx_gen(name):
    print("setup", name)
    try:
        yield name
    finally:
        print("teardown", name)
def use():
    g = ctx_gen("local")
    next(g)
    print("leaving use")
use()
print("after use")
g = ctx_gen("rebound")
next(g)
g = None
print("after rebind")
for item in ctx_gen("loop"):
    print("break out", item)
    break
print("after loop")
keep = ctx_gen("global")
next(keep)
print("end of program")
class D:
    def __init__(self, n, child=None): self.n = n; self.child = child
    def __del__(self):
        print("del", self.n)
x = D("x", D("x-child"))
y = D("y")
_u = D("_u")
z = {"k": D("in-dict")}
w = D("w")
t = (D("in-tuple"),)
lst = [D("in-list")]
v = D("v")
x2 = x
temp = D("temp")
del temp
print("really the end")
