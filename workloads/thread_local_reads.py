"""Reads of a `threading.local` attribute: one shared local object (bound once to a local name, as hot loops do), a private value per thread. CPython keeps each thread's values with the thread and 3.14 reads a local variable without a new reference, so reads scale."""

import threading

META = {"category": "shared-read", "size": 1_000_000, "doc": "size reads (and size/8 writes) of an attribute of one shared threading.local"}

LOCAL = threading.local()


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    local = LOCAL
    local.value = worker
    total = 0
    for i in range(n):
        total += local.value
        if i % 8 == 7:
            local.value = worker
    return total


def check(results, size, workers):
    n = size // workers
    for w, r in enumerate(results):
        if r != w * n:
            return f"worker {w}: total {r}, expected {w * n}"
    return True
