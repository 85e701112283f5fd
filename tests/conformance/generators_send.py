# send(), yield from (with return value), generator close and throw.
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total

acc = accumulator()
print(next(acc))
print(acc.send(5))
print(acc.send(10))
try:
    acc.send(None)
except StopIteration as e:
    print("finished with", e.value)

def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
            print("  got", x)
    finally:
        print("  echo cleanup", received)

e = echo()
next(e)
e.send("a")
e.send("b")
e.close()
print("closed")

def inner():
    yield "i1"
    yield "i2"
    return "inner-result"

def outer():
    result = yield from inner()
    print("  inner returned", result)
    yield "o1"
    yield from [10, 20]
    yield from range(2)
    return "outer-result"

print(list(outer()))
g = outer()
for v in g:
    print("v", v)

def delegator():
    r = yield from accumulator()
    yield f"acc total {r}"

d = delegator()
print(next(d), d.send(1), d.send(2), d.send(None))

def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as err:
            print("  caught inside:", err)
            yield "recovered"
c = catcher()
print(next(c))
print(c.throw(ValueError("injected")))
print(next(c))

def tree(node):
    if isinstance(node, list):
        for child in node:
            yield from tree(child)
    else:
        yield node
print(list(tree([1, [2, [3, 4], 5], [[6]]])))

def not_started():
    x = yield 1
try:
    not_started().send("x")
except TypeError as err:
    print("TypeError:", err)

def stop_inside():
    yield 1
    raise StopIteration("bad")
try:
    list(stop_inside())
except RuntimeError as err:
    print("RuntimeError:", err)
