"""Importing a module with a syntax error: SyntaxError with its location, caught and uncaught."""
import os

try:
    import _bad_syntax_mod
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset, os.path.basename(e.filename))
import _bad_syntax_mod
