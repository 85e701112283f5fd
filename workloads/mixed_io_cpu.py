"""Mixed I/O and CPU: each item waits 1 ms (a blocking call that releases the GIL) then computes twice as long; under the GIL one worker's wait overlaps another's computing, so even the GIL build gains some from threads."""

import time

META = {"category": "mixed", "size": 70, "doc": "size items in total, each a 1 ms sleep plus about 2 ms of CPU work, split across workers"}

WAIT = 0.001
SPIN = 60_000  # about 2 ms of bytecode


def compute(seed):
    acc = seed
    for i in range(SPIN):
        acc = (acc * 31 + i) & 0xFFFFF
    return acc


def setup(size):
    return WAIT


def work(state, worker, workers, size):
    n = size // workers
    results = []
    for item in range(worker * n, (worker + 1) * n):
        time.sleep(state)  # the "I/O"
        results.append(compute(item))
    return results


_expected = {}


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        if (w, n) not in _expected:  # computed once per process
            _expected[(w, n)] = [compute(item) for item in range(w * n, (w + 1) * n)]
        if list(results[w]) != _expected[(w, n)]:
            return f"worker {w}: results differ from a run alone"
    return True
