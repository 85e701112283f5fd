def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get():
        return count
    return inc, get

def outer(x):
    def middle():
        def inner():
            return x
        return inner
    return middle

g = 10
def uses_global():
    global g
    g = g + 1
    return g
