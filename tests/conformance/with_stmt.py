# with statements and custom context managers.
class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("open", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("close", self.name, "exc:", exc_type.__name__ if exc_type else None, repr(exc))
        return self.suppress

with Resource("a") as value:
    print("using", value)

try:
    with Resource("b"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated:", e)

with Resource("c", suppress=True):
    raise KeyError("swallowed")
print("after suppressed")

with Resource("outer") as o, Resource("inner") as i:
    print("both", o, i)

def early_return():
    with Resource("ret"):
        return "returned"
print(early_return())

for n in range(3):
    with Resource(f"loop{n}"):
        if n == 1:
            continue
        if n == 2:
            break
        print("body", n)

class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.types)

with Suppress(ZeroDivisionError):
    print("before")
    1 / 0
    print("not printed")
print("continued")
try:
    with Suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)

class Timer:
    def __enter__(self):
        self.entered = True
        return self
    def __exit__(self, *a):
        self.exited = True
with Timer() as t:
    pass
print(t.entered, t.exited)

class Noisy:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("never")
try:
    with Noisy():
        print("never body")
except RuntimeError as e:
    print("enter error:", e)
try:
    with 5:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__)
