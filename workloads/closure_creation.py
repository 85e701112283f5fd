"""Each worker defines and calls a fresh closure per iteration (a new function object over one shared code object); CPython 3.14t counts code-object references per thread, so this scales."""

META = {"category": "alloc", "size": 600_000, "doc": "size closures created over a loop variable, each called once"}


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    total = 0
    for i in range(n):
        def add(k):
            return i + k

        total += add(worker)
    return total


def check(results, size, workers):
    n = size // workers
    for w, r in enumerate(results):
        want = n * (n - 1) // 2 + w * n
        if r != want:
            return f"worker {w}: total {r}, expected {want}"
    return True
