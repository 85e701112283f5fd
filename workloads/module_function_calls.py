"""Calls through a shared module: `math.floor(x)` and a function read as an attribute of this module; nothing is written, so every model should scale (CPython 3.14t does)."""

import math
import sys

META = {"category": "shared-read", "size": 1_200_000, "doc": "size calls of math.floor and of a module-level function read off the module object"}


def double(x):
    return x + x


def work(state, worker, workers, size):
    me = sys.modules[__name__]
    n = size // workers
    total = 0
    for i in range(n):
        total += me.double(i) + math.floor(i * 0.5)
    return total


def setup(size):
    return None


def expected(n):
    # sum of 2i plus sum of floor(i/2), i in 0..n-1
    halves = (n // 2) * (n // 2 - 1) + (n // 2 if n % 2 else 0)
    return n * (n - 1) + halves


def check(results, size, workers):
    n = size // workers
    want = expected(n)
    for w, r in enumerate(results):
        if r != want:
            return f"worker {w}: total {r}, expected {want}"
    return True
