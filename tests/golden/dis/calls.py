def f(*args, **kwargs):
    return args, kwargs

f()
f(1, 2)
f(a=1, b=2)
f(1, *[2, 3], 4, k=5, **{"z": 6})
f(**{"a": 1}, b=2)
obj.method(1, 2)
obj.method(x=1)
obj.method(*f())

@decorator(arg=1)
class K(*bases, **opts):
    pass
