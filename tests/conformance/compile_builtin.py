"""compile(), exec() and eval() of code objects, and SyntaxError objects with their attributes."""

code = compile("a = 6\nb = a * 7\n", "<lab>", "exec")
print(type(code).__name__, code.co_name, code.co_filename)
ns = {}
exec(code, ns)
print(ns["a"], ns["b"])
expr = compile("a * 2 + 1", "<expr>", "eval")
print(eval(expr, {"a": 20}), expr.co_name)
print(eval(" 1 + 2"), eval("\t[x * x for x in range(4)]"))
print(eval(compile("(1, 2)", "f", "eval")), eval("x", {"x": "glob"}), eval("y", {}, {"y": "loc"}))
print(eval(code, {}))
single = compile("q = 5", "<single>", "single")
exec(single)
print(q)
print(compile(b"1 + 1", "bytes.py", "eval").co_filename, eval(compile(b"1 + 1", "bytes.py", "eval")))


def show(thunk):
    try:
        thunk()
    except SyntaxError as e:
        print(type(e).__name__, "|", e, "|", e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
    except Exception as e:
        print(type(e).__name__, "|", e)


show(lambda: compile("x = (1,", "<s>", "exec"))
show(lambda: compile("def f(:\n  pass", "/some/dir/mod.py", "exec"))
show(lambda: compile("1 +", "f", "exec"))
show(lambda: compile("x = 1", "f", "eval"))
show(lambda: compile("if x:\npass\n", "f", "exec"))
show(lambda: compile("return 1", "f", "exec"))
show(lambda: compile("x", "f", "nope"))
show(lambda: compile(3, "f", "exec"))
show(lambda: compile("x", 3, "exec"))
show(lambda: compile("a\0b", "f", "exec"))
show(lambda: compile("x"))
show(lambda: eval("x = 1"))
show(lambda: exec("for"))
show(lambda: exec(3))
show(lambda: eval(3))

e = SyntaxError("message", ("file.py", 3, 5, "the text\n", 3, 8))
print(e, "|", e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset, e.args)
e = SyntaxError("only msg")
print(e, "|", e.msg, e.filename, e.lineno, e.args)
print(str(SyntaxError()), SyntaxError().msg, repr(SyntaxError("m")))
print(str(SyntaxError("m", ("f", None, None, None))), str(SyntaxError("m", (None, 4, None, None))))
print(issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError))
try:
    SyntaxError("m", (1, 2))
except TypeError as e:
    print("TypeError")


class MySyntax(SyntaxError):
    pass


try:
    raise MySyntax("custom", ("x.py", 1, 1, "t", 1, 2))
except SyntaxError as e:
    print(type(e).__name__, e)
