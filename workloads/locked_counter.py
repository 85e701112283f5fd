"""Workers increment one counter under one threading.Lock (under subinterpreters: one per interpreter)."""

import threading

META = {"category": "lock-contention", "size": 1_000_000, "doc": "increments of a shared counter under a threading.Lock",
        "caveat": "under subinterpreters each interpreter has its own counter and lock: nothing is contended"}


def setup(size):
    return {"lock": threading.Lock(), "counter": [0]}


def work(state, worker, workers, size):
    lock = state["lock"]
    counter = state["counter"]
    first = -1
    value = 0
    for _ in range(size // workers):
        with lock:
            counter[0] += 1
            value = counter[0]
        if first < 0:
            first = value
    return (size // workers, first, value)


def check(results, size, workers):
    # Each worker reports the counter values it saw at its first and last increment. Shared
    # counter: the values seen over all workers span exactly n * workers increments (a lost
    # update would shrink the span). One counter per interpreter: each worker's own span is n.
    n = size // workers
    if len(results) != workers or any(r[0] != n for r in results):
        return f"increments per worker {[r[0] for r in results]}, expected {n} each"
    if n == 0:
        return True
    shared = max(r[2] for r in results) - min(r[1] for r in results) + 1 == n * workers
    isolated = all(r[2] - r[1] + 1 == n for r in results)
    if not (shared or isolated):
        return f"first/last counter values {[(r[1], r[2]) for r in results]}: updates were lost"
    return True
