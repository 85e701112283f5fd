def f():
    pass

def g(a, b):
    return a + b

def h(a, b=1, *args, c, d=2, **kwargs):
    return

def posonly(a, b, /, c, d=3, *, e, f=4):
    pass

def only_pos(a, /):
    pass

def kw_only(*, a, b=1):
    pass

def annotated(a: int, b: str = 'x', *args: tuple, c: float = 1.0, **kw: dict) -> bool:
    return True

def gen():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from z
    return (yield)

def defaults(a=1, b=(1, 2), c=[], d={}):
    global g1, g2
    def inner():
        nonlocal a
        a = 2
    return inner
