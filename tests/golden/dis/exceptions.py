def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError as e:
        print("error", e)
        return None
    except (TypeError, ValueError):
        raise
    else:
        print("ok")
    finally:
        print("done")

def bare():
    try:
        x = 1
    except:
        x = 2
    return x

def reraise():
    try:
        pass
    finally:
        return 3

try:
    raise ValueError("x") from None
except ValueError:
    pass

assert safe_div(4, 2) == 2.0, "bad"
assert bare()
