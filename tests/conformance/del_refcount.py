# __del__ runs as soon as the last reference disappears (reference counting).
class Tracked:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("delete", self.name)

x = Tracked("x")
del x
print("after del x")
y = Tracked("y")
y2 = y
del y
print("y still alive via y2")
del y2
print("after del y2")
z = Tracked("z1")
z = Tracked("z2")
print("after rebinding z")
def scope():
    local = Tracked("local")
    print("leaving scope")
scope()
print("after scope")
items = [Tracked("in-list-0"), Tracked("in-list-1")]
items.pop(0)
print("after pop")
items.clear()
print("after clear")
d = {"k": Tracked("in-dict")}
d["k"] = None
print("after dict overwrite")
def make():
    return Tracked("temp")
make()
print("after discarding return value")
holder = Tracked("holder")
holder.child = Tracked("child")
del holder
print("after del holder")
print("end of program")
del z
print("really the end")
