# The cyclic GC as CPython 3.11 reports it: counts of unreachable objects, finalizers, callbacks, debug flags.
import gc

gc.disable()
gc.collect()


class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None


a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
del a, b
print("two instances:", gc.collect())

l = []
l.append(l)
del l
print("self-referencing list:", gc.collect())

d = {}
d["self"] = d
del d
print("self-referencing dict:", gc.collect())

t = ([],)
t[0].append(t)
del t
print("tuple and list:", gc.collect())

n = Node("n")
n.__dict__
n.me = n
del n
print("instance with its __dict__:", gc.collect())


def f():
    pass


f.me = f
del f
print("function with attributes:", gc.collect())

ring = [Node(str(i)) for i in range(10)]
for i, node in enumerate(ring):
    node.peer = ring[(i + 1) % 10]
del ring, node
print("ring of ten:", gc.collect())

keep = []
keep.append(keep)
print("still referenced:", gc.collect(), len(keep))


class Fin:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("__del__", self.name)


x = Fin("x")
y = Fin("y")
x.other = y
y.other = x
del x, y
print("with finalizers:", gc.collect())

saved = []


class Phoenix:
    def __del__(self):
        print("resurrected")
        saved.append(self)


p = Phoenix()
p.me = p
del p
print("resurrecting finalizer:", gc.collect(), len(saved))
saved.clear()
print("second time, no __del__:", gc.collect())

events = []


def callback(phase, info):
    events.append((phase, info["generation"], info["collected"], info["uncollectable"]))


gc.callbacks.append(callback)
z = []
z.append(z)
del z
gc.collect(1)
gc.callbacks.remove(callback)
print("callbacks:", events)

gc.set_debug(gc.DEBUG_SAVEALL)
s = []
s.append(s)
del s
print("saveall:", gc.collect(), len(gc.garbage), gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print("debug flags:", gc.get_debug(), gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)

print("threshold:", gc.get_threshold())
gc.set_threshold(500, 5)
print("threshold:", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("enabled:", gc.isenabled())
gc.enable()
print("enabled:", gc.isenabled())
stats = gc.get_stats()
print("stats:", len(stats), sorted(stats[0]), all(s["uncollectable"] == 0 for s in stats))

for bad in (3, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("collect(%d):" % bad, e)
try:
    gc.get_objects(5)
except ValueError as e:
    print("get_objects(5):", e)

print("tracked:", gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked({}),
      gc.is_tracked({"k": 1}), gc.is_tracked({"k": []}), gc.is_tracked(Node("q")), gc.is_tracked(()))
pair = (1, 2)
print("tuple of ints tracked:", gc.is_tracked(pair))
gc.collect()
print("after a collection:", gc.is_tracked(pair))
print("finalized:", gc.is_finalized(Fin("w")) if False else gc.is_finalized(Node("v")))

target = ["target"]
holder = [target]
print("referrers:", any(r is holder for r in gc.get_referrers(target)))
print("referents:", gc.get_referents([1, "a", (2,)]), gc.get_referents({"k": "v"}), gc.get_referents({1: "v"}))
print("in get_objects:", any(o is holder for o in gc.get_objects()))
