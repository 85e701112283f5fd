"""Lookups in one dict that every worker shares and nobody writes. CPython 3.13t+ reads dicts without taking their lock, so this scales."""

META = {"category": "shared-read", "size": 1_200_000, "setup": "once", "doc": "size lookups of string keys in a shared read-only dict of 1,000 entries"}

KEYS = 1000


def setup(size):
    return {"key%d" % i: i for i in range(KEYS)}


def work(state, worker, workers, size):
    keys = ["key%d" % i for i in range(KEYS)]  # private key objects, equal to the dict's
    n = size // workers
    total = 0
    for i in range(n):
        total += state[keys[(i + worker) % KEYS]]
    return total


def check(results, size, workers):
    n = size // workers
    for w, r in enumerate(results):
        want = sum((i + w) % KEYS for i in range(n))
        if r != want:
            return f"worker {w}: total {r}, expected {want}"
    return True
