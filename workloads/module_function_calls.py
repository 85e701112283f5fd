"""Calls through a shared module: `math.floor(x)` and `helpers.double(x)`, functions read as attributes of module objects; nothing is written, so every model should scale (CPython 3.14t does)."""

import math
import types

META = {"category": "shared-read", "size": 1_200_000, "doc": "size calls of math.floor and of a Python function read off a module object"}


# A module of Python functions (as if imported from a helper file; built here so the workload is
# one file), read through its attribute on every call like `helpers.double(i)` in real code.
helpers = types.ModuleType("helpers")
exec("def double(x):\n    return x + x\n", helpers.__dict__)


def work(state, worker, workers, size):
    n = size // workers
    total = 0
    for i in range(n):
        total += helpers.double(i) + math.floor(i * 0.5)
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
