"""Recursive fib through one shared module-level function: size fib(K) calls in total, split across workers."""

META = {"category": "cpu", "size": 380, "doc": "recursive fib(18) through a module-level function, size calls split across workers"}

K = 18
FIB_K = 2584


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def setup(size):
    return K


def work(state, worker, workers, size):
    total = 0
    for _ in range(size // workers):
        total += fib(state)
    return total


def check(results, size, workers):
    expected = (size // workers) * FIB_K
    if len(results) != workers or any(r != expected for r in results):
        return f"results {results}, expected {workers} x {expected}"
    return True
