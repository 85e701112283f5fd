def f(items):
    for item in items:
        try:
            if item:
                return item
            continue
        finally:
            print("cleanup", item)
    return None

def g():
    try:
        try:
            return 1
        finally:
            print("inner")
    except Exception as exc:
        return exc
    finally:
        print("outer")

def h():
    while True:
        try:
            break
        except KeyError:
            pass
