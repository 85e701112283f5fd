"""Producer/consumer through queue.Queue: every worker runs its own pipeline (a producer thread feeding it through a bounded queue), so it works unchanged in every model; shows lock/condition hand-offs and thread switches."""

import queue
import threading

META = {"category": "queue", "size": 60_000, "doc": "size items in total through bounded queue.Queue pipelines, one producer thread per worker"}

MAXSIZE = 64
DONE = None


def produce(q, first, count):
    for i in range(first, first + count):
        q.put((i, i % 7))
    q.put(DONE)


def setup(size):
    return None


def work(state, worker, workers, size):
    n = size // workers
    first = worker * n
    q = queue.Queue(MAXSIZE)
    producer = threading.Thread(target=produce, args=(q, first, n))
    producer.start()
    count = 0
    total = 0
    last = first - 1
    in_order = True
    while True:
        item = q.get()
        if item is DONE:
            break
        i, k = item
        if i != last + 1:
            in_order = False
        last = i
        total += i * k + (i ^ k)  # a little processing per item
        count += 1
    producer.join()
    return (count, total, in_order)


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        count, total, in_order = results[w]
        expected = 0
        for i in range(w * n, (w + 1) * n):
            k = i % 7
            expected += i * k + (i ^ k)
        if count != n or total != expected or in_order is not True:
            return f"worker {w}: {count} items totalling {total} (in order: {in_order}), expected {n} totalling {expected}"
    return True
