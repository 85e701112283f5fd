import threading

# A counter incremented by 4 threads x 10000 under a lock
counter = 0
lock = threading.Lock()

def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1

ts = [threading.Thread(target=bump, args=(10000,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter:", counter)

# Lock API
l = threading.Lock()
print(l.acquire(), l.locked(), l.acquire(blocking=False), l.acquire(timeout=0.01))
l.release()
print("locked after release:", l.locked())
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError:", e)
for kwargs in ({"blocking": False, "timeout": 1}, {"timeout": -5}):
    try:
        l.acquire(**kwargs)
    except ValueError as e:
        print("ValueError:", e)

# A Lock may be released by another thread
handoff = threading.Lock()
handoff.acquire()
t = threading.Thread(target=handoff.release)
t.start()
t.join()
print("released by another thread:", not handoff.locked())

# RLock: reentrancy and ownership
r = threading.RLock()
with r:
    with r:
        print("nested RLock ok, owned:", r._is_owned())
print("owned after exit:", r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
r.acquire()
errors = []

def foreign_release():
    try:
        r.release()
    except RuntimeError as e:
        errors.append(str(e))

t = threading.Thread(target=foreign_release)
t.start()
t.join()
r.release()
print("foreign release:", errors)

# Condition: producer/consumer over a shared list
items = []
cond = threading.Condition()
consumed = []

def consumer():
    while True:
        with cond:
            cond.wait_for(lambda: items)
            item = items.pop(0)
        if item is None:
            break
        consumed.append(item)

def producer():
    for i in range(20):
        with cond:
            items.append(i)
            cond.notify()
    with cond:
        items.append(None)
        cond.notify()

c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start()
p.start()
p.join()
c.join()
print("consumed:", consumed)

with cond:
    print("wait timeout:", cond.wait(timeout=0.01))
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)

# notify_all wakes everyone
gate = threading.Condition(threading.Lock())
opened = [False]
woken = []

def gate_waiter(k):
    with gate:
        while not opened[0]:
            gate.wait()
        woken.append(k)

ready = threading.Barrier(4)

def gate_waiter_ready(k):
    ready.wait()
    gate_waiter(k)

ws = [threading.Thread(target=gate_waiter_ready, args=(k,)) for k in range(3)]
for w in ws:
    w.start()
ready.wait()
with gate:
    opened[0] = True
    gate.notify_all()
for w in ws:
    w.join()
print("woken:", sorted(woken))

# Event
ev = threading.Event()
print("event:", ev.is_set(), ev.wait(0.01))
flags = []

def ev_waiter():
    flags.append(ev.wait(5))

t = threading.Thread(target=ev_waiter)
t.start()
ev.set()
t.join()
print("event waiter saw:", flags, ev.is_set())
ev.clear()
print("cleared:", ev.is_set())

# Semaphore limits concurrency
sem = threading.Semaphore(2)
active = [0]
peak = [0]
meter = threading.Lock()

def limited():
    with sem:
        with meter:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        for _ in range(2000):
            pass
        with meter:
            active[0] -= 1

ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore peak <= 2:", peak[0] <= 2, "active:", active[0])
print("nonblocking:", sem.acquire(False), sem.acquire(False), sem.acquire(False))
sem.release(2)
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)

# Barrier: indices, action, parties/n_waiting, abort and reset
order = []
b = threading.Barrier(3, action=lambda: order.append("action"))
indices = []

def at_barrier():
    indices.append(b.wait())

ts = [threading.Thread(target=at_barrier) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier indices:", sorted(indices), order, b.parties, b.n_waiting, b.broken)

b2 = threading.Barrier(2)
try:
    b2.wait(timeout=0.01)
except threading.BrokenBarrierError:
    print("BrokenBarrierError after timeout, broken:", b2.broken)
b2.reset()
print("after reset, broken:", b2.broken)
b2.abort()
try:
    b2.wait()
except threading.BrokenBarrierError as e:
    print("aborted:", type(e).__name__, isinstance(e, RuntimeError))

# thread-local data
data = threading.local()
data.x = "main"
seen = {}

def local_user(k):
    # Keyed by thread: the threads may interleave (they run in parallel free-threaded).
    fresh = not hasattr(data, "x")
    data.x = k
    seen[k] = (fresh, data.x == k)

ts = [threading.Thread(target=local_user, args=(k,)) for k in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("local:", sorted(seen.items()), data.x)
