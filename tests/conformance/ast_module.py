"""ast: parse to node objects, dump (byte-identical to CPython 3.11), walk, visitors,
transformers, literal_eval, docstrings, locations, node construction, compile() of trees."""
import ast

SOURCE = '''
"""Module doc."""
import os, sys as system
from . import x
from a.b import (c as d, e)
def f(a, /, b: int = 1, *args, c, d=2, **kw) -> None:
    """Doc
       more."""
    global g
    x = y = [1, 2.5, 'three', b'four', None, True, ..., -1, 10**20]
    x += 1
    z: int = 3
    del x[0], y
    for i in range(3):
        if i: continue
        else: break
    else:
        pass
    while False: pass
    with open(p) as fh, q: pass
    try:
        raise ValueError("bad") from None
    except (TypeError, ValueError) as e:
        pass
    except Exception:
        pass
    else: pass
    finally: pass
    assert x, "msg"
    return (yield) if x else (yield from y)
class C(Base, metaclass=M):
    @deco
    def m(self): nonlocal q
lam = lambda x, *, y=3: x
comp = [i for i in r if i for j in s]
gen = (i for i in r)
d = {k: v for k, v in items}
st = {1, 2} | {i for i in r}
dd = {'a': 1, **other}
b = a if c else d
n = not a and b or c
cmp = 1 < x <= 2 != y is not None in z not in w
call = f(1, *args, k=2, **kw)
fs = f"a{b!r:>{width}}c{d}"
sl = a[1:2:3, ::, 4]
at = a.b.c
st2 = *a, b
w = (x := 5)
aw = -x ** ~y
'''

tree = ast.parse(SOURCE)
print(ast.dump(tree, indent=2))
print(ast.dump(tree))
print(ast.dump(tree.body[4].body[2], include_attributes=True))
print(ast.dump(tree.body[4].args, indent="--"))
print(ast.dump(ast.parse("x + 1", mode="eval")))
print(ast.dump(ast.parse("x = 1; y", mode="single")))
print(ast.dump(ast.parse("f(a)(b)[c].d"), annotate_fields=False))
print(ast.dump(ast.parse("'''a'''\nx: int\n(y): int = 3\nz.w: str"), include_attributes=True, indent=1))
print(ast.dump(ast.parse(b"b'bytes' + u'text'")))

# positions
for node in ast.walk(ast.parse("def g(a, b=2):\n    return a +  b  # c\n")):
    if isinstance(node, (ast.stmt, ast.expr, ast.arg)):
        print(type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
print(ast.get_source_segment(SOURCE, tree.body[10].value))
print(ast.get_source_segment("x = [1,\n  2]\n", ast.parse("x = [1,\n  2]\n").body[0].value))

# helpers
print(ast.get_docstring(tree), "|", ast.get_docstring(tree.body[4]), "|", repr(ast.get_docstring(tree.body[4], clean=False)))
print(ast.get_docstring(tree.body[5]))
try:
    ast.get_docstring(tree.body[1])
except TypeError as e:
    print("TypeError", e)
print([type(n).__name__ for n in ast.walk(ast.parse("a + b * c"))])
print([(name, type(value).__name__) for name, value in ast.iter_fields(ast.parse("x").body[0].value)])
print([type(n).__name__ for n in ast.iter_child_nodes(ast.parse("f(x, y=1)").body[0].value)])
print(ast.literal_eval("[1, (2, 3), {'a': -4.5}, {5}, set(), None, b'x', ..., +7, 'é']"))
print(ast.literal_eval(ast.parse("(1, [2])", mode="eval")), ast.literal_eval(ast.Constant(3)))
for bad in ["f(x)", "a + b", "{**x}", "x"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print("ValueError", str(e).split(":")[0])


class Names(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append(node.id)
        self.generic_visit(node)


v = Names()
v.visit(tree)
print(v.names)


class Scale(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return ast.copy_location(ast.Constant(node.value * 10), node)
        return node

    def visit_Pass(self, node):
        return None

    def visit_Expr(self, node):
        self.generic_visit(node)
        return [node, node]


t2 = Scale().visit(ast.parse("x = 1 + 2\nprint(x * 3)\nif x:\n    pass\n    print(4)\n"))
print(ast.dump(t2))
exec(compile(t2, "<ast>", "exec"))

# building trees by hand
node = ast.BinOp(left=ast.Constant(1), op=ast.Add(), right=ast.Name(id="q", ctx=ast.Load()))
expr = ast.Expression(body=node)
print(ast.dump(expr))
ast.fix_missing_locations(expr)
print(ast.dump(expr, include_attributes=True))
print(eval(compile(expr, "<e>", "eval"), {"q": 41}))
mod = ast.Module(body=[ast.Assign(targets=[ast.Name("z", ast.Store())], value=ast.Constant("built")),
                       ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Name("z", ast.Load())], []))],
                 type_ignores=[])
ast.fix_missing_locations(mod)
exec(compile(mod, "<built>", "exec"))
print(ast.increment_lineno(ast.parse("x\ny"), 3).body[1].lineno)
print(ast.Name._fields, ast.Name._attributes, ast.arguments._fields, ast.Constant._fields)
print(ast.Constant.kind, ast.FunctionDef.returns, ast.Return.value, ast.arg.annotation, ast.expr.end_lineno)
print(ast.Name.__match_args__, ast.AST._fields, ast.comprehension._attributes)
print(ast.dump(ast.Name(id="x")), ast.dump(ast.Name("x", ast.Load())), ast.dump(ast.Return()), ast.dump(ast.Constant(None)))
print(ast.dump(ast.Constant(value=1, kind="u")), ast.dump(ast.alias("m")), ast.dump(ast.keyword(value=ast.Constant(1))))
print(ast.dump(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [ast.Pass()], [], None)))
print(ast.dump(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)), annotate_fields=False))
print(ast.dump(ast.Tuple(elts=[], ctx=ast.Load()), indent=4))
for args, kwargs in [(("a", "b", "c"), {}), (("a",), {"id": "b"}), ((1,), {})]:
    try:
        ast.Name(*args, **kwargs)
    except TypeError as e:
        print("TypeError", e)
try:
    ast.Load(1)
except TypeError as e:
    print("TypeError", e)
try:
    ast.Expr(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    ast.Name().id
except AttributeError as e:
    print("AttributeError", e)
try:
    ast.dump("x")
except TypeError as e:
    print("TypeError", e)

# errors
for src, mode in [("x = (1,", "exec"), ("def f(:\n  pass", "exec"), ("x = 1", "eval"),
                  ("  1", "exec"), ("if x:\npass", "exec")]:
    try:
        ast.parse(src, filename="foo.py", mode=mode)
    except SyntaxError as e:
        print(type(e).__name__, e, e.args)
try:
    ast.parse("x", mode="nope")
except ValueError as e:
    print("ValueError", e)
try:
    compile(ast.Module(body=[ast.Expr(ast.Name("x", ast.Load()))], type_ignores=[]), "<m>", "exec")
except TypeError as e:
    print("TypeError", e)
try:
    compile(ast.Expression(body=ast.Constant(1)), "<m>", "exec")
except TypeError as e:
    print("TypeError", e)
print(isinstance(tree, ast.AST), isinstance(tree.body[0], ast.stmt), issubclass(ast.Add, ast.operator))
print(ast.Load() is not ast.Load(), tree.body[1].names[0].name, repr(ast.Add), ast.Module.__module__)
print(type(ast.parse("1").body[0].value.ctx if False else ast.parse("x").body[0].value.ctx).__name__)
print(compile("x = 1", "f", "exec", ast.PyCF_ONLY_AST).__class__.__name__, ast.PyCF_ONLY_AST)
