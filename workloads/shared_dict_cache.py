"""A dict shared as a memo cache: workers look keys up (mostly hits after the first pass), compute and store on a miss (shared-dict reads vs per-interpreter caches)."""

META = {"category": "shared-read", "size": 2_000_000, "doc": "size cache lookups over KEYS keys in one shared dict (one per interpreter under subinterpreters)"}

KEYS = 4096


def expensive(key):
    # the value being cached: a small deterministic computation
    h = key
    for _ in range(40):
        h = (h * 1103515245 + 12345) & 0x7FFFFFFF
    return h % 1000


def setup(size):
    return {}


def work(state, worker, workers, size):
    cache = state
    get = cache.get
    misses = 0
    total = 0
    n = size // workers
    key = (worker * 7919) % KEYS
    for _ in range(n):
        value = get(key)
        if value is None:
            value = expensive(key)
            cache[key] = value  # two workers may both miss and store the same value: harmless
            misses += 1
        total += value
        key = (key * 5 + 1) % KEYS  # a full-period walk over every key
    return (n, total, misses, len(cache))


_values = []


def check(results, size, workers):
    if not _values:
        _values.extend(expensive(k) for k in range(KEYS))
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        count, total, misses, cached = results[w]
        if count != n or not 0 <= misses <= min(n, KEYS) or cached > KEYS:
            return f"worker {w}: {count} lookups, {misses} misses, {cached} cached (expected {n} lookups, at most {min(n, KEYS)} misses and {KEYS} cached)"
        # The sum of the values seen must match the walk, whoever computed each value. The walk
        # visits every key once per KEYS steps, so only the last partial round is walked here.
        expected = (n // KEYS) * sum(_values)
        key = (w * 7919) % KEYS
        for _ in range(n % KEYS):
            expected += _values[key]
            key = (key * 5 + 1) % KEYS
        if total != expected:
            return f"worker {w}: values sum to {total}, expected {expected}"
    return True
