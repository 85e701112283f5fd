# Defaults, keyword args, keyword-only, positional-only, mutable default pitfall.
def greet(name, greeting="Hello", punct="!"):
    return f"{greeting}, {name}{punct}"

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(punct=".", name="Di", greeting="Yo"))

def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))

def append_safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(append_safe(1), append_safe(2))

def kwonly(a, *, scale=1, offset=0):
    return a * scale + offset

print(kwonly(3), kwonly(3, scale=2), kwonly(3, offset=1, scale=10))
try:
    kwonly(1, 2)
except TypeError as e:
    print("TypeError:", e)

def posonly(a, b, /, c):
    return a + b + c

print(posonly(1, 2, 3), posonly(1, 2, c=3))
try:
    greet()
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", "b", "c", "d")
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", nme="x")
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", name="b")
except TypeError as e:
    print("TypeError:", e)

counter = 0
def default_eval(x=counter):
    return x
counter = 5
print(default_eval())

def doc():
    "docstring here"
    return 1
print(doc.__doc__, doc.__name__)

def multi():
    return 1, "two", [3]
a, b, c = multi()
print(a, b, c, multi())

def no_return():
    x = 1
print(no_return())

def early(n):
    if n > 0:
        return "positive"
    return "non-positive"
print(early(1), early(-1))
f = greet
print(f("alias"), f.__name__)
