# Decorators, with and without arguments, stacked.
def trace(func):
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args, kwargs)
        result = func(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper

@trace
def add(a, b):
    return a + b

add(2, 3)
add(a=1, b=1)

def repeat(times):
    def deco(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return deco

@repeat(3)
def hello(name):
    return "hi " + name

print(hello("bob"))

def bold(f):
    return lambda: "<b>" + f() + "</b>"

def italic(f):
    return lambda: "<i>" + f() + "</i>"

@bold
@italic
def text():
    return "txt"

print(text())

registry = {}
def register(name):
    def deco(f):
        registry[name] = f
        return f
    return deco

@register("double")
def double(x):
    return 2 * x

@register("neg")
def neg(x):
    return -x

print(sorted(registry), registry["double"](21), neg(3))

def count_calls(f):
    def wrapper(*a):
        wrapper.calls += 1
        return f(*a)
    wrapper.calls = 0
    return wrapper

@count_calls
def noop():
    pass

for _ in range(4):
    noop()
print("calls:", noop.calls)

def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(90))

class Tag:
    def __init__(self, tag):
        self.tag = tag
    def __call__(self, f):
        def wrapper(*a):
            return f"<{self.tag}>{f(*a)}</{self.tag}>"
        return wrapper

@Tag("p")
def para(s):
    return s

print(para("class decorator"))
