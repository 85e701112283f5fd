# Generators: yield, generator expressions, infinite generators, StopIteration.
def count_up(n):
    print("  start")
    for i in range(n):
        print("  yielding", i)
        yield i
    print("  done")

g = count_up(3)
print(type(g).__name__)
print(next(g))
print(next(g))
print(list(g))
try:
    next(g)
except StopIteration:
    print("StopIteration raised")
print(next(g, "default"))

def naturals():
    n = 0
    while True:
        yield n
        n += 1

for x in naturals():
    if x > 4:
        break
    print("nat", x)

squares = (i * i for i in range(6))
print(sum(squares), sum(squares))
print(list(x for x in range(10) if x % 3 == 0))
print(max(len(w) for w in ["a", "abc", "ab"]))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(15)])

def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
print(list(take(5, naturals())), list(take(3, "abcdef")))

def pipeline():
    evens = (n for n in naturals() if n % 2 == 0)
    sq = (n * n for n in evens)
    return list(take(5, sq))
print(pipeline())

def gen_with_return():
    yield 1
    return "result"
g2 = gen_with_return()
print(next(g2))
try:
    next(g2)
except StopIteration as e:
    print("return value:", e.value, repr(e))

def chunked(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
print(list(chunked(list(range(7)), 3)))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
print(list(zip(naturals(), "xyz")))
def lazy():
    print("  body started")
    yield 1
lz = lazy()
print("created, not started")
print(next(lz))
print(list(enumerate(count_up(2))))
