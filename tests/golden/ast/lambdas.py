lambda: 0
lambda x: x
lambda x, y=1: x + y
lambda *args, **kw: args
lambda a, /, b, *, c: a
lambda *, k=3: k
f = lambda: (yield)
g = lambda x: lambda y: x + y
sorted(items, key=lambda item: item[1])
lambda x=lambda: 1: x
