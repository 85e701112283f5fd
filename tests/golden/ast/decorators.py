@dec
def f():
    pass

@dec1
@dec2(arg)
@a.b.c
def g(x):
    return x

@dataclass(frozen=True)
class P:
    x: int
    y: int = 0

@(lambda f: f)
def h():
    pass

@x[0].y
def k(): pass
