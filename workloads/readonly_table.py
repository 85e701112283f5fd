"""A large read-mostly table built in setup and only read by workers: shared once under gil/ft, built again by every subinterpreter (memory and setup cost)."""

# "setup": "once": the table is costly to build and workers only read it, so every sample reuses
# the one each interpreter built (a fresh copy per sample would add its build time to every
# sample's wall time and change nothing the samples measure).
META = {"category": "shared-read", "size": 600_000, "setup": "once", "doc": "size lookups in a 200k-row table (list of tuples + dict index) built once per interpreter in setup"}

ROWS = 200_000


def setup(size):
    rows = [(i, "k%d" % i, (i * i) % 1000) for i in range(ROWS)]
    index = {row[1]: row[0] for row in rows}
    return (rows, index)


def work(state, worker, workers, size):
    rows, index = state
    n = size // workers
    total = 0
    pos = (worker * 104729) % ROWS
    for _ in range(n):
        name = rows[pos][1]          # list of tuples: read a row
        total += rows[index[name]][2]  # dict index: string key back to its row
        pos = (pos + 7919) % ROWS
    return (n, total)


_expected = {}


def expected_total(w, n):
    # The walk adds 7919 (prime to ROWS) each step, so it visits every row once per ROWS steps;
    # the field read is (i * i) % 1000, recomputed here without the table.
    total = (n // ROWS) * sum((i * i) % 1000 for i in range(ROWS)) if n >= ROWS else 0
    pos = (w * 104729) % ROWS
    for _ in range(n % ROWS):
        total += (pos * pos) % 1000
        pos = (pos + 7919) % ROWS
    return total


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        count, total = results[w]
        if (w, n) not in _expected:
            _expected[(w, n)] = expected_total(w, n)  # once per process
        if count != n or total != _expected[(w, n)]:
            return f"worker {w}: {count} lookups totalling {total}, expected {n} totalling {_expected[(w, n)]}"
    return True
