"""ast.unparse: source text back from parsed, transformed and hand-built trees (CPython 3.11's
layout: precedence-driven parentheses, quote choice, blank lines before definitions)."""
import ast

SOURCES = [
    '"""Module doc."""\nimport os, sys as system\nfrom ..pkg import (a as b, c)\nx: int\n(y): int = 1\n',
    "def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> 'r':\n    '''Doc.'''\n    global g\n    return a\n",
    "@deco\n@deco2(1)\nclass C(Base, metaclass=M):\n    x = 1\n\n    def m(self):\n        nonlocal q\n",
    "for (a, b) in items:\n    continue\nelse:\n    break\nwhile x:\n    pass\n",
    "if a:\n    pass\nelif b:\n    pass\nelse:\n    if c:\n        pass\n    d = 1\n",
    "try:\n    pass\nexcept (A, B) as e:\n    raise C from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    pass\n",
    "with open(p) as fh, lock:\n    del x[0], y\nassert x, 'msg'\n",
    "x = a if b else (c if d else e)\ny = (a if b else c) if d else e\nz = lambda: 0\nw = lambda *a, k=1, **kw: a\n",
    "x = not not a\ny = -(-a) + ~b * +c\nz = (-1) ** 2, 2 ** -1, -a ** 2, (a ** b) ** c, a ** b ** c\n",
    "x = a and b or c and d\ny = a or (b or c)\nz = (a or b) or c\nw = not a == b\n",
    "x = a < b <= c != d is not e in f not in g\ny = (a < b) < c\nz = a - (b - c) + (d + e)\n",
    "v = [1, 2.5, 'three', b'four', None, True, ..., 10 ** 20, 1e999, -1e999]\n",
    "d = {'a': 1, **rest}\ns = {1, 2}\nt = (1,)\nu = ()\nw = [*a, *b]\n",
    "c = [i for i in r if i if not j for j in s]\ng = (i for i in r)\nsc = {i for i in r}\ndc = {k: v for k, v in items}\n",
    "f(a, *args, k=1, **kw)\nf(x for x in y)\nf((x for x in y), 2)\nx[1:2, ::3]\nx[a, b]\nx[()]\nx.y.z\n1 .real\n",
    "x = f\"a{b!r:>{width}}c{d}\"\ny = f'{x}\\n'\nz = f\"{'q'}\"\nw = f'{ {1: 2}[1] }'\n",
    "x = 'it\\'s'\ny = \"say \\\"hi\\\"\"\nz = 'a\\nb'\nw = '\\x00'\nv = u'uni'\n",
    "def g():\n    x = yield\n    y = yield from z\n    print((yield))\n    w = (v := 1)\n",
    "a += 1\nb **= 2\nc //= 3\nd @= e\na = b = c\n",
]
for src in SOURCES:
    tree = ast.parse(src)
    text = ast.unparse(tree)
    print(text)
    print("-----")

print(ast.unparse(ast.parse("a * (b + c)", mode="eval")))
print(ast.unparse(ast.BinOp(ast.BinOp(ast.Name("a"), ast.Add(), ast.Name("b")), ast.Mult(), ast.Constant(2))))
print(ast.unparse(ast.Tuple([ast.Constant(1)], ast.Load())), ast.unparse(ast.Constant((1, 2))), ast.unparse(ast.Set([])))


class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.Constant(node.value * 2)
        return node


print(ast.unparse(Double().visit(ast.parse("def f(x=1):\n    return x + 2 * 3\n"))))
