# Lambdas, closures, nonlocal, global.
def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc

c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(10), c2())

def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]

print([m(10) for m in make_multipliers()])
late = [lambda: i for i in range(3)]
print([f() for f in late])

def adder(n):
    return lambda x: x + n

add5 = adder(5)
print(add5(1), adder(-1)(1), (lambda a, b=2: a * b)(3))

total = 0
def add_global(n):
    global total
    total += n
add_global(5)
add_global(7)
print("total", total)

def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())

def shadow():
    total = "local"
    return total
print(shadow(), total)

def make_acc():
    items = []
    def add(x):
        items.append(x)
        return list(items)
    return add
acc = make_acc()
acc(1)
print(acc(2))

try:
    def broken():
        print(undefined_local)
        undefined_local = 1
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

square = lambda x: x * x
print(square(7), (lambda: "no args")(), sorted([3, -4, 1], key=lambda v: abs(v)))
compose = lambda f, g: lambda x: f(g(x))
print(compose(square, add5)(2))

def fib_memo():
    memo = {}
    def fib(n):
        if n in memo:
            return memo[n]
        r = n if n < 2 else fib(n - 1) + fib(n - 2)
        memo[n] = r
        return r
    return fib
print(fib_memo()(80))
