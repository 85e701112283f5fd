"""Pure integer loop: each worker sums i*i (mod 2**32) over its own slice of range(size)."""

META = {"category": "cpu", "size": 8_000_000, "doc": "pure integer loop: size//workers iterations of arithmetic per worker"}


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    acc = 0
    for i in range(worker * n, (worker + 1) * n):
        acc = (acc + i * i) & 0xFFFFFFFF
    return acc


def _sum_squares(n):
    # sum of i*i for i in range(n)
    return (n - 1) * n * (2 * n - 1) // 6


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        expected = (_sum_squares((w + 1) * n) - _sum_squares(w * n)) & 0xFFFFFFFF
        if results[w] != expected:
            return f"worker {w}: got {results[w]}, expected {expected}"
    return True
