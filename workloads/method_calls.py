"""Method calls on per-thread instances of one shared class (method lookup on the shared type, attribute writes on the private instance); scales under CPython 3.14t."""

META = {"category": "cpu-objects", "size": 800_000, "doc": "size calls of a method that updates its own instance"}


class Counter:
    def __init__(self, start):
        self.value = start

    def step(self, by):
        self.value += by
        return self.value


def setup(size):
    return None


def work(state, worker, workers, size):
    c = Counter(worker)
    n = size // workers
    for i in range(n):
        c.step(i & 3)
    return c.value


def check(results, size, workers):
    n = size // workers
    steps = sum(i & 3 for i in range(n))
    for w, r in enumerate(results):
        if r != w + steps:
            return f"worker {w}: value {r}, expected {w + steps}"
    return True
