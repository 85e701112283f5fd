"""Every worker appends to one shared list (under subinterpreters: its interpreter's own list).

Appends go in batches of BATCH, each batch popped back right after, so the list stays small
however many samples run; the values popped prove no append was lost or duplicated.
"""

META = {"category": "shared-mutation", "size": 3_000_000, "doc": "appends to one shared list (popped back in batches)",
        "caveat": "under subinterpreters each interpreter appends to its own list: not the same program, nothing is shared"}

BATCH = 1000


def setup(size):
    return []


def work(state, worker, workers, size):
    items = state
    append = items.append
    pop = items.pop
    value = worker + 1
    n = size // workers
    appended = 0
    popped_sum = 0
    while appended < n:
        batch = min(BATCH, n - appended)
        for _ in range(batch):
            append(value)
        for _ in range(batch):
            popped_sum += pop()
        appended += batch
    return (appended, popped_sum)


def check(results, size, workers):
    # Every sample leaves the list as it found it (empty), so across workers the values popped
    # are exactly the values appended, whether the list is shared or one per interpreter.
    n = size // workers
    if len(results) != workers or any(r[0] != n for r in results):
        return f"pops per worker {[r[0] for r in results]}, expected {n} each"
    total, expected = sum(r[1] for r in results), n * sum(range(1, workers + 1))
    if total != expected:
        return f"popped values sum to {total}, expected {expected}"
    return True
