import threading
import time

# start/join, results collected in a list
results = []
results_lock = threading.Lock()

def square(n):
    with results_lock:
        results.append(n * n)

threads = [threading.Thread(target=square, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("squares:", sorted(results))

# names: default "Thread-N (target)", explicit names, current_thread() inside
seen = {}

def record():
    me = threading.current_thread()
    seen[me.name] = (me.ident == threading.get_ident(), me.native_id == threading.get_native_id())

named = threading.Thread(target=record, name="worker-A")
named.start()
named.join()
anon = threading.Thread(target=record)
print("default name has target:", anon.name.endswith(" (record)"), anon.name.startswith("Thread-"))
anon.start()
anon.join()
for k in sorted(seen):
    print("seen", k.split("-")[0], seen[k])

# is_alive around a thread that waits for an event
go = threading.Event()
waiter = threading.Thread(target=go.wait, name="waiter")
print("alive before start:", waiter.is_alive())
waiter.start()
print("alive while waiting:", waiter.is_alive())
go.set()
waiter.join()
print("alive after join:", waiter.is_alive())
print("ident set:", isinstance(waiter.ident, int))

# main thread
main = threading.current_thread()
print(main.name, main is threading.main_thread(), main.daemon)
print("active:", threading.active_count(), [t.name for t in threading.enumerate()])

# Thread subclass overriding run()
class Worker(threading.Thread):
    def __init__(self, n):
        super().__init__(name="Worker-%d" % n)
        self.n = n
        self.total = None

    def run(self):
        self.total = sum(range(self.n))

workers = [Worker(n) for n in (10, 100, 1000)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print([(w.name, w.total) for w in workers])

# kwargs, daemon flag and repr
out = {}

def kw_target(a, b=0, *, c=0):
    out["sum"] = a + b + c

t = threading.Thread(target=kw_target, args=(1,), kwargs={"b": 2, "c": 3}, daemon=True)
print("daemon:", t.daemon)
print(repr(t).split(",")[1].strip())
t.start()
t.join()
print("kwargs sum:", out["sum"])
print(repr(t).split(",")[1].split()[0])

# join with a timeout on a thread that is still busy
release = threading.Event()
slow = threading.Thread(target=release.wait)
slow.start()
slow.join(timeout=0.01)
print("still alive after short join:", slow.is_alive())
release.set()
slow.join()
print("finished:", not slow.is_alive())

# print from threads: every line arrives whole
def chatty(k):
    for i in range(3):
        print("thread", k, "line", i)

for k in range(3):
    t = threading.Thread(target=chatty, args=(k,))
    t.start()
    t.join()

# a thread started from a thread, and a non-joined non-daemon thread: the interpreter
# waits for it at exit
def outer():
    inner = threading.Thread(target=lambda: print("inner ran"))
    inner.start()
    inner.join()
    print("outer done")

o = threading.Thread(target=outer)
o.start()
o.join()

def last_words():
    time.sleep(0.05)
    print("non-daemon thread finished before exit")

threading.Thread(target=last_words).start()
print("main done")
