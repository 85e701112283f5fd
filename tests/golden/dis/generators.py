def count(n):
    i = 0
    while i < n:
        got = yield i
        if got:
            i = got
        i += 1
    return i

def delegate():
    r = yield from count(3)
    yield r

def pipeline(data):
    yield
    return (d for d in data if d)
