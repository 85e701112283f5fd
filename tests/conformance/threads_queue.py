import queue
import threading

# producer/consumer with a sentinel
q = queue.Queue()
got = []

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        got.append(item * 10)
        q.task_done()

def producer(base):
    for i in range(50):
        q.put(base + i)

cons = [threading.Thread(target=consumer) for _ in range(2)]
prods = [threading.Thread(target=producer, args=(b,)) for b in (0, 1000)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
q.join()
print("all tasks done, unfinished:", q.unfinished_tasks, "qsize:", q.qsize())
for _ in cons:
    q.put(None)
for t in cons:
    t.join()
print("consumed:", len(got), sum(got), sorted(got)[:3], sorted(got)[-2:])

# FIFO order from a single producer
fifo = queue.Queue()
for i in range(100):
    fifo.put(i)
print("fifo:", [fifo.get() for _ in range(100)] == list(range(100)), fifo.empty())

# bounded queue: Full / Empty, with and without timeouts
bq = queue.Queue(maxsize=2)
bq.put(1)
bq.put_nowait(2)
print("full:", bq.full(), bq.qsize())
for put in (lambda: bq.put_nowait(3), lambda: bq.put(3, timeout=0.01), lambda: bq.put(3, block=False)):
    try:
        put()
    except queue.Full:
        print("queue.Full raised")
print(bq.get(), bq.get_nowait(), bq.empty())
for get in (bq.get_nowait, lambda: bq.get(timeout=0.01), lambda: bq.get(False)):
    try:
        get()
    except queue.Empty:
        print("queue.Empty raised")
try:
    bq.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

# a blocked put is released by a get in another thread
bq.put("a")
bq.put("b")
unblocked = []

def blocked_put():
    bq.put("c")
    unblocked.append(True)

t = threading.Thread(target=blocked_put)
t.start()
print("first out:", bq.get())
t.join()
print("put unblocked:", unblocked, [bq.get() for _ in range(bq.qsize())])

# task_done too many times
tq = queue.Queue()
tq.put(1)
tq.get()
tq.task_done()
try:
    tq.task_done()
except ValueError as e:
    print("ValueError:", e)

# LIFO and priority order
lq = queue.LifoQueue()
for i in range(5):
    lq.put(i)
print("lifo:", [lq.get() for _ in range(5)])
pq = queue.PriorityQueue()
for item in [(3, "c"), (1, "a"), (5, "e"), (2, "b"), (4, "d"), (0, "z")]:
    pq.put(item)
print("priority:", [pq.get() for _ in range(pq.qsize())])

# SimpleQueue
sq = queue.SimpleQueue()
sq.put(1)
sq.put(2)
print("simple:", sq.qsize(), sq.get(), sq.get_nowait(), sq.empty())
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("SimpleQueue Empty")

# results handed back through a queue by worker threads
results = queue.Queue()

def work(n):
    results.put((n, n ** 3))

ts = [threading.Thread(target=work, args=(n,)) for n in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("cubes:", sorted(results.get() for _ in range(6)))
print(queue.Empty.__name__, queue.Full.__name__, issubclass(queue.Empty, Exception))
