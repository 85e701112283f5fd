"""threading.local: per-thread attribute dicts, __init__ rerun per thread with the creation arguments, __dict__, errors, subclasses, fresh data after many locals are freed."""
import threading
loc = threading.local()
loc.x = 1
print(loc.x, loc.__dict__)
def f(out):
    out.append(hasattr(loc, 'x'))
    loc.x = 2
    out.append(loc.x)
    out.append(sorted(vars(loc)))
out = []
t = threading.Thread(target=f, args=(out,)); t.start(); t.join()
print(out, loc.x)
try:
    loc.y
except AttributeError as e:
    print(e)
try:
    loc.__dict__ = {}
except AttributeError as e:
    print(e)
try:
    threading.local(1)
except TypeError as e:
    print(e)
class My(threading.local):
    initial = 'shared'
    def __init__(self, v, k=0):
        self.v = v
        self.k = k
m = My(5, k=3)
print(m.v, m.k, m.initial)
def g(out):
    out.append((m.v, m.k, m.initial))
    m.v = 9
    out.append(m.v)
out = []
t = threading.Thread(target=g, args=(out,)); t.start(); t.join()
print(out, m.v)
del loc.x
print(hasattr(loc, 'x'))
try:
    del loc.x
except AttributeError as e:
    print(e)
print(type(loc).__name__, type(loc).__module__, isinstance(m, threading.local))
try:
    m.nope
except AttributeError as e:
    print(e)
# many locals created and dropped: no stale data
for i in range(200):
    l = threading.local()
    assert not hasattr(l, 'x'), i
    l.x = i
print("ok")
