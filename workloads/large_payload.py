"""Large results handed back to the caller: each worker returns a big list of small tuples and strings; gil/ft hand it over by reference, subinterpreters copy it out (the xi copy is inside the timed section)."""

META = {"category": "payload", "size": 500_000, "doc": "size result rows in total (tuples of int, float and str) built by workers and returned"}


def setup(size):
    return None


def work(state, worker, workers, size):
    # Strided share: worker w builds rows w, w + workers, ...
    rows = []
    append = rows.append
    for i in range(worker, (size // workers) * workers, workers):
        append((i, i * 0.5, "row-%d" % (i % 1000)))
    return rows


_names = ["row-%d" % k for k in range(1000)]


def check(results, size, workers):
    names = _names
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        rows = results[w]
        if len(rows) != n:
            return f"worker {w}: {len(rows)} rows, expected {n}"
        i = w
        for row in rows:
            # every row arrived whole and in order
            if row[0] != i or row[1] != i * 0.5 or row[2] != names[i % 1000]:
                return f"worker {w}: row {row!r}, expected ({i}, {i * 0.5}, {names[i % 1000]!r})"
            i += workers
    return True
