# try/except/else/finally ordering, raise, catching by base class and tuples.
def attempt(x):
    print("attempt", x)
    try:
        print("  try")
        r = 10 // x
        print("  computed", r)
    except ZeroDivisionError as e:
        print("  except ZeroDivisionError:", e)
        r = None
    else:
        print("  else")
    finally:
        print("  finally")
    print("  after", r)
    return r

attempt(2)
attempt(0)

def kinds(v):
    try:
        if v == 0:
            raise ValueError("zero")
        if v == 1:
            raise KeyError("one")
        if v == 2:
            raise IndexError("two")
        if v == 3:
            raise TypeError("three")
        return "ok"
    except (ValueError, TypeError) as e:
        return f"value-or-type {type(e).__name__} {e}"
    except LookupError as e:
        return f"lookup {type(e).__name__} {e!r}"

for v in range(5):
    print(v, kinds(v))
try:
    raise RuntimeError
except RuntimeError as e:
    print("bare class raised:", repr(e), e.args, str(e) == "")
try:
    raise Exception("a", 1, [2])
except Exception as e:
    print(e, e.args, repr(e), len(e.args))
try:
    try:
        {}["k"]
    except KeyError:
        print("inner caught, re-raising")
        raise
except KeyError as e:
    print("outer caught", repr(e))
try:
    [][0]
except Exception as e:
    print("caught by Exception:", type(e).__name__, e)
e_saved = None
try:
    1 / 0
except ZeroDivisionError as err:
    e_saved = err
print(type(e_saved).__name__, e_saved)
try:
    err
except NameError as ne:
    print("NameError:", ne)

def nested():
    try:
        try:
            raise ValueError("deep")
        finally:
            print("inner finally")
    except TypeError:
        print("not reached")
    finally:
        print("outer finally")
try:
    nested()
except ValueError as e:
    print("propagated:", e)
for i in range(3):
    try:
        if i == 1:
            continue
        print("loop body", i)
    finally:
        print("loop finally", i)
try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args)
print(isinstance(ValueError("x"), Exception), issubclass(ZeroDivisionError, ArithmeticError))
