"""Each worker runs its own generators of a shared generator function (frames suspended and resumed on the worker's thread); scales under CPython 3.14t."""

META = {"category": "cpu", "size": 1_000_000, "doc": "size values taken from generators of one module-level generator function, 1,000 per generator"}


def squares(start, count):
    for i in range(start, start + count):
        yield i * i


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    total = 0
    done = 0
    while done < n:
        count = min(1000, n - done)
        for v in squares(done, count):
            total += v
        done += count
    return total + worker


def check(results, size, workers):
    n = size // workers
    want = (n - 1) * n * (2 * n - 1) // 6
    for w, r in enumerate(results):
        if r != want + w:
            return f"worker {w}: total {r}, expected {want + w}"
    return True
