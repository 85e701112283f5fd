# finally edge cases: return in finally, exceptions in finally, re-raise, ordering.
def ret_in_finally():
    try:
        return "from try"
    finally:
        print("finally runs before return")

def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"

def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")

def exc_in_except():
    try:
        raise ValueError("original")
    except ValueError:
        raise TypeError("replacement")

def counter():
    n = 0
    for i in range(5):
        try:
            if i == 3:
                break
            n += 1
        finally:
            print("  finally i =", i)
    return n

print(ret_in_finally())
print(finally_overrides())
print(finally_swallows())
try:
    exc_in_finally()
except KeyError as e:
    print("got", repr(e), "context", repr(e.__context__))
try:
    exc_in_except()
except TypeError as e:
    print("got", repr(e), "context", repr(e.__context__))
print(counter())

def reraise_later():
    try:
        1 / 0
    except ZeroDivisionError as e:
        saved = e
    print("saved", repr(saved))
    raise saved

try:
    reraise_later()
except ZeroDivisionError as e:
    print("re-raised", e)

def cleanup_order():
    log = []
    try:
        try:
            log.append("try")
            raise ValueError
        except ValueError:
            log.append("except")
            raise
        finally:
            log.append("inner finally")
    except ValueError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return log
print(cleanup_order())

def gen_value():
    x = "initial"
    try:
        return x
    finally:
        x = "changed"
print(gen_value())
results = []
for v in [1, 0, "a"]:
    try:
        results.append(10 / v)
    except ZeroDivisionError:
        results.append("div0")
    except TypeError:
        results.append("type")
    finally:
        results.append("|")
print(results)
try:
    try:
        raise ValueError("a")
    except ValueError as e:
        print("handling", e)
        try:
            raise KeyError("b")
        except KeyError as k:
            print("nested handled", repr(k), "context", repr(k.__context__))
        raise
except ValueError as e:
    print("outer got", repr(e))
