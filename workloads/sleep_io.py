"""Sleep-bound work: each worker does size//workers sleeps of 1 ms (should scale in every model)."""

import time

META = {"category": "io", "size": 200, "doc": "size sleeps of 1 ms in total, split across workers"}


def setup(size):
    return 0.001


def work(state, worker, workers, size):
    done = 0
    for _ in range(size // workers):
        time.sleep(state)
        done += 1
    return done


def check(results, size, workers):
    if len(results) != workers or any(r != size // workers for r in results):
        return f"results {results}, expected {workers} x {size // workers}"
    return True
