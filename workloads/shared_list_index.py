"""Indexing one list that every worker shares and nobody writes. CPython 3.13t+ reads list items without the list's lock, so this scales."""

META = {"category": "shared-read", "size": 1_500_000, "setup": "once", "doc": "size index reads of a shared read-only list of 4,096 ints"}

ITEMS = 4096


def setup(size):
    return [i * 3 for i in range(ITEMS)]


def work(state, worker, workers, size):
    n = size // workers
    total = 0
    for i in range(n):
        total += state[(i * 7 + worker) % ITEMS]
    return total


def check(results, size, workers):
    n = size // workers
    for w, r in enumerate(results):
        want = 3 * sum((i * 7 + w) % ITEMS for i in range(n))
        if r != want:
            return f"worker {w}: total {r}, expected {want}"
    return True
