"""A SyntaxError raised by compile() at run time ends the traceback with its location."""
source = "x = 1\nif x:\nprint(x)\n"
code = compile(source, "snippet.py", "exec")
