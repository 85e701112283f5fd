"""Each worker creates and drops instances of one module-level class: the class is shared, the instances are private. CPython 3.14t counts references to heap types per thread, so this scales."""

META = {"category": "alloc", "size": 600_000, "doc": "size instances of a shared class created, read once and dropped"}


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    total = 0
    for i in range(n):
        p = Point(i, worker)
        total += p.x - p.y
    return total


def check(results, size, workers):
    n = size // workers
    for w, r in enumerate(results):
        want = n * (n - 1) // 2 - w * n
        if r != want:
            return f"worker {w}: total {r}, expected {want}"
    return True
