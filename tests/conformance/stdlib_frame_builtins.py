X = 10
print(sorted(k for k in globals() if not k.startswith('__')), globals()['X'])
def f(a, b=2):
    c = a + b
    def inner():
        return c
    return sorted(locals().items(), key=lambda kv: kv[0] if kv[0] != 'inner' else 'z')[:3]
print(f(1))
class K:
    y = 1
    names = sorted(k for k in locals() if not k.startswith('__'))
print(K.names, sorted(vars().keys())[:3] == sorted(globals().keys())[:3])
print(eval('X * 2'), eval('a + 1', {'a': 5}), eval('[i * i for i in range(4)]'), eval('(1 +\n 2)'))
ns = {}
exec('def sq(v):\n    return v * v\nresult = sq(7)', ns)
print(ns['result'], ns['sq'](3))
exec('Y = X + 1')
print(Y)
def local_exec():
    g = {'base': 3}
    exec('out = base ** 2', g)
    return g['out']
print(local_exec())
try:
    eval('1 +')
except SyntaxError as e:
    print('SyntaxError')
print(int | None, int | str | None, (int | None) == (None | int))
print(isinstance(3, int | str), isinstance(None, int | None), isinstance('x', int | float))
def ann(x: int | None = None, ys: list[int] = []) -> dict[str, int]:
    return {'x': x}
print(ann(5), ann.__annotations__['x'])
class Desc:
    def __set_name__(self, owner, name):
        self.name = name
        self.owner = owner.__name__
    def __get__(self, obj, objtype=None):
        return f'{self.owner}.{self.name}'
class Host:
    attr = Desc()
    other = Desc()
print(Host().attr, Host.other)
class Box:
    def __class_getitem__(cls, item):
        return f'Box of {item.__name__}'
print(Box[int])
