"""Allocation-heavy string and dict building: f-strings, str.join and small dicts made and thrown away (allocator and refcount traffic, no sharing)."""

META = {"category": "alloc", "size": 70_000, "doc": "size records built as dicts of f-strings, joined into a line and dropped, split across workers"}

FIELDS = ("id", "name", "email", "city", "score")
CITIES = ("Oslo", "Lima", "Pune", "Kyiv", "Quito", "Hanoi", "Accra")


def record(i):
    return {
        "id": i,
        "name": f"user{i:06d}",
        "email": "user" + str(i) + "@example.org",
        "city": CITIES[i % len(CITIES)],
        "score": (i * 37) % 101,
    }


def render(rec):
    parts = [f"{key}={rec[key]}" for key in FIELDS]
    return ";".join(parts)


def setup(size):
    return None


def work(state, worker, workers, size):
    # Strided share: worker w builds records w, w + workers, w + 2 * workers, ...
    count = 0
    chars = 0
    by_city = {}
    for i in range(worker, (size // workers) * workers, workers):
        line = render(record(i))
        chars += len(line)
        city = line[line.index("city=") + 5:line.index(";score=")]
        by_city[city] = by_city.get(city, 0) + 1
        count += 1
    return (count, chars, by_city)


def _digits(n):
    return len(str(n))


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    fixed = len("id=;name=;email=@example.org;city=;score=") + len("user") * 2
    for w in range(workers):
        count, chars, by_city = results[w]
        if count != n:
            return f"worker {w}: {count} records, expected {n}"
        expected = 0
        cities = {}
        for i in range(w, n * workers, workers):
            d = _digits(i)
            city = CITIES[i % len(CITIES)]
            expected += fixed + d + max(6, d) + d + len(city) + _digits((i * 37) % 101)
            cities[city] = cities.get(city, 0) + 1
        if chars != expected or dict(by_city) != cities:
            return f"worker {w}: {chars} characters in cities {dict(by_city)}, expected {expected} in {cities}"
    return True
