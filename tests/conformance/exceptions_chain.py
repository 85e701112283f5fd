# raise ... from ..., __cause__, __context__, __suppress_context__.
class AppError(Exception):
    pass

def load(key):
    data = {"a": 1}
    try:
        return data[key]
    except KeyError as e:
        raise AppError(f"cannot load {key}") from e

try:
    load("b")
except AppError as e:
    print("caught:", repr(e))
    print("cause:", repr(e.__cause__), type(e.__cause__).__name__)
    print("context is cause:", e.__context__ is e.__cause__)
    print("suppress:", e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    print("context:", repr(e.__context__), "cause:", e.__cause__, e.__suppress_context__)

try:
    try:
        int("x")
    except ValueError:
        raise RuntimeError("no context") from None
except RuntimeError as e:
    print("cause:", e.__cause__, "suppress:", e.__suppress_context__, "context:", type(e.__context__).__name__)

try:
    raise TypeError("plain")
except TypeError as e:
    print("no chain:", e.__cause__, e.__context__)

def three_levels():
    try:
        try:
            raise KeyError("k")
        except KeyError as a:
            raise IndexError("i") from a
    except IndexError as b:
        raise LookupError("l") from b
try:
    three_levels()
except LookupError as e:
    chain = []
    cur = e
    while cur is not None:
        chain.append(f"{type(cur).__name__}({cur})")
        cur = cur.__cause__
    print(" <- ".join(chain))
err = ValueError("manual")
err.__cause__ = KeyError("set by hand")
print(repr(err.__cause__))
try:
    raise ValueError("outer") from KeyError("inner")
except ValueError as e:
    print(repr(e), repr(e.__cause__))
