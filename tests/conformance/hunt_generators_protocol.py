# Generator protocol: send/throw/close, return values, yield from results, PEP 479, genexp errors.
def g():
    try:
        x = yield 1
        print("recv", x)
        y = yield 2
        print("recv", y)
    except ValueError as e:
        print("caught in gen", e)
        yield "after-throw"
    finally:
        print("gen finally")
    return "ret"
it = g()
print(next(it), it.send("a"), it.throw(ValueError("boom")))
try:
    next(it)
except StopIteration as e:
    print("stop", e.value)
print(list(it), next(it, "exhausted"))
def avg():
    total = n = 0
    avg = None
    while True:
        v = yield avg
        if v is None:
            return avg
        total += v; n += 1; avg = total / n
a = avg(); next(a)
print(a.send(10), a.send(20), a.send(0))
try:
    a.send(None)
except StopIteration as e:
    print("final", e.value)
def sub():
    r = yield "s1"
    return f"sub got {r}"
def main():
    result = yield from sub()
    yield result
m = main(); print(next(m), m.send("X"))
def bad():
    yield 1
    raise StopIteration("oops")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
def inf():
    i = 0
    while True:
        yield i
        i += 1
gen = inf()
print([next(gen) for _ in range(5)], gen.close(), next(gen, "closed"))
def ctx_gen():
    print("setup")
    try:
        yield
    finally:
        print("teardown")
cg = ctx_gen(); next(cg); del cg
print("after del")
g2 = (x * 2 for x in range(3))
print(next(g2), list(g2), list(g2), type(g2).__name__)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print([x for _, x in zip(range(10), fib())])
def flatten(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def throw_unhandled():
    yield 1
t = throw_unhandled(); next(t)
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("propagated", e)
def close_yields():
    try:
        yield 1
    except GeneratorExit:
        yield 2
c = close_yields(); next(c)
try:
    c.close()
except RuntimeError as e:
    print(e)
def gen_ret():
    return 5
    yield
try:
    next(gen_ret())
except StopIteration as e:
    print("value", e.value, e.args)
print(sum(x for x in range(5) if x % 2), any(x > 3 for x in [1, 5]), tuple(x for x in "ab"), dict((x, x * x) for x in range(3)), set(x % 2 for x in range(5)))
gx = (1 / x for x in [1, 0])
print(next(gx))
try:
    next(gx)
except ZeroDivisionError as e:
    print(e)
def running():
    yield 1
r = running()
print(r.__name__, r.__qualname__ if hasattr(r, "__qualname__") else "", hasattr(r, "send"), iter(r) is r)
