def f(a, b=2, *args, c, d=4, **kwargs):
    return a + b + c + d + len(args) + len(kwargs)

def g(x: int, /, y: str = "s", *, z: float = 1.5) -> bool:
    """Docstring of g."""
    return True

def deco(fn):
    return fn

@deco
@deco
def h():
    pass

f(1, c=3)
f(*[1, 2], **{"c": 3})
f(1, *(2, 3), c=1, **{})
lam = lambda x, y=1: x * y
