# Name resolution: LEGB, global, nonlocal, class scope, shadowing builtins.
x = "global"

def read_global():
    return x

def shadow():
    x = "local"
    return x

def modify_global():
    global x
    x = "modified"

print(read_global(), shadow(), x)
modify_global()
print(x)

def outer():
    y = 1
    def inner():
        nonlocal y
        y += 1
        def innermost():
            nonlocal y
            y *= 10
        innermost()
        return y
    r = inner()
    return y, r
print(outer())

class Scope:
    attr = "class attr"
    def method(self):
        try:
            return attr
        except NameError as e:
            return f"NameError: {e}"
    def method2(self):
        return self.attr
print(Scope().method(), Scope().method2())

def builtin_shadow():
    len = lambda s: 42
    return len("abc")
print(builtin_shadow(), len("abc"))

for loop_var in range(3):
    pass
print("loop var survives:", loop_var)

def counter_factory():
    counts = {"n": 0}
    def inc():
        counts["n"] += 1
        return counts["n"]
    return inc
c = counter_factory()
c()
print(c())
def default_scope(v=x):
    return v
x = "changed later"
print(default_scope())
g_list = []
def mutate_global_list():
    g_list.append(1)
mutate_global_list()
print(g_list)
if True:
    block_var = "visible"
print(block_var)
try:
    del never_defined
except NameError as e:
    print("NameError:", e)
def uses_later():
    return later_defined
later_defined = "defined after function"
print(uses_later())
