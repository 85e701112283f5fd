"""Reference cycles: rings of small objects and self-referencing lists made and dropped (only a cyclic GC can free them: GC pressure, or memory growth where there is none)."""

META = {"category": "gc", "size": 25_000, "doc": "size rings of RING nodes (plus a self-referencing list each) built, walked and dropped, split across workers"}

RING = 4
LAPS = 10  # walks per ring: CPU per allocated object, so memory stays bounded for a given time


class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
        self.prev = None


def make_ring(base):
    first = Node(base)
    node = first
    for k in range(1, RING):
        nxt = Node(base + k)
        node.next = nxt
        nxt.prev = node
        node = nxt
    node.next = first  # close the cycle both ways
    first.prev = node
    return first


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    total = 0
    links = 0
    for i in range(worker * n, (worker + 1) * n):
        ring = make_ring(i)
        # walk the ring forward until it comes back, LAPS times
        for _ in range(LAPS):
            node = ring
            while True:
                total += node.value
                links += 1
                node = node.next
                if node is ring:
                    break
        if ring.prev.next is not ring:
            return None
        box = [i]
        box.append(box)  # a list that contains itself
        total += box[1][1][0]
        ring = None  # drop the cycles: refcounting alone cannot free them
        box = None
    return (n, total, links)


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        r = results[w]
        if r is None:
            return f"worker {w}: no result"
        lo, hi = w * n, (w + 1) * n
        ring_sum = LAPS * (RING * (hi * (hi - 1) // 2 - lo * (lo - 1) // 2) + n * (RING * (RING - 1) // 2))
        box_sum = hi * (hi - 1) // 2 - lo * (lo - 1) // 2
        if tuple(r) != (n, ring_sum + box_sum, n * RING * LAPS):
            return f"worker {w}: got {tuple(r)}, expected {(n, ring_sum + box_sum, n * RING * LAPS)}"
    return True
