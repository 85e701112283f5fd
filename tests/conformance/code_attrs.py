# Code objects and functions: co_* attributes with CPython's values, function attributes, closures and cells, co_lines/co_positions/co_code shapes.
import os


def describe(code):
    return {
        "co_name": code.co_name,
        "co_qualname": code.co_qualname,
        "co_filename": os.path.basename(code.co_filename),
        "co_firstlineno": code.co_firstlineno,
        "co_argcount": code.co_argcount,
        "co_posonlyargcount": code.co_posonlyargcount,
        "co_kwonlyargcount": code.co_kwonlyargcount,
        "co_nlocals": code.co_nlocals,
        "co_flags": code.co_flags,
        "co_varnames": code.co_varnames,
        "co_cellvars": code.co_cellvars,
        "co_freevars": code.co_freevars,
        "co_names": code.co_names,
        "co_consts": tuple(c if not hasattr(c, "co_name") else "<code " + c.co_name + ">" for c in code.co_consts),
    }


def show(label, code):
    print(label)
    for k, v in describe(code).items():
        print("   ", k, v)


def simple():
    pass


def params(a, b, /, c, d=4, *args, e, f=6, **kw):
    "docstring"
    local = a + b
    return local


def outer(n):
    count = n

    def inner(step):
        nonlocal count
        count += step
        return count

    return inner


def gen(limit):
    i = 0
    while i < limit:
        yield i
        i += 1


class Holder:
    def method(self, value=None):
        return print(value, len(self.__dict__))

    @staticmethod
    def static(x):
        return x.attr.other


lam = lambda q, r=1: q * r

show("simple", simple.__code__)
show("params", params.__code__)
show("outer", outer.__code__)
show("inner", outer(1).__code__)
show("gen", gen.__code__)
show("method", Holder.method.__code__)
show("static", Holder.static.__code__)
show("lambda", lam.__code__)

print("function attrs")
print("   ", params.__name__, params.__qualname__, params.__module__, params.__doc__)
print("   ", params.__defaults__, params.__kwdefaults__, simple.__defaults__, simple.__kwdefaults__)
print("   ", params.__code__ is params.__code__, params.__globals__ is globals())
print("   ", Holder.method.__qualname__, outer(0).__qualname__, lam.__name__, lam.__qualname__)
print("   ", simple.__doc__, simple.__closure__, params.__annotations__)

counter = outer(10)
cells = counter.__closure__
print("closure", type(cells).__name__, len(cells), type(cells[0]).__name__, cells[0].cell_contents)
counter(5)
print("after call", cells[0].cell_contents)


def empty_cell():
    def reader():
        return late

    try:
        return reader.__closure__[0].cell_contents
    except ValueError as e:
        return "ValueError: " + str(e)
    finally:
        late = 1


print("empty cell", empty_cell())

simple.tag = "tagged"
print("function dict", simple.__dict__, simple.tag)
simple.__dict__["other"] = 2
print("dict is live", simple.other, sorted(simple.__dict__))
simple.__doc__ = "new doc"
simple.__name__ = "renamed"
print("renamed", simple.__name__, simple.__doc__, simple.__code__.co_name)

code = params.__code__
print("co_code", type(code.co_code).__name__, len(code.co_code) > 0)
lines = list(code.co_lines())
print("co_lines", all(len(t) == 3 for t in lines), sorted({t[2] for t in lines if t[2] is not None} - {code.co_firstlineno}))
positions = list(code.co_positions())
print("co_positions", all(len(p) == 4 for p in positions), sorted({p[0] for p in positions if p[0] is not None} - {code.co_firstlineno}))
print("code type", type(code).__name__, repr(code).startswith("<code object params at 0x"), repr(code).endswith('line 34>'))
print("co_stacksize is int", type(code.co_stacksize).__name__)
