import random
import threading
from collections import Counter, deque

results = [None] * 4
def work(i):
    r = random.Random(i)
    c = Counter(r.randint(1, 6) for _ in range(3000))
    results[i] = (sorted(c.items()), r.random())
threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for row in results:
    print(row)

shared = random.Random(99)
def hammer():
    for _ in range(2000):
        shared.random()
        shared.getrandbits(40)
ts = [threading.Thread(target=hammer) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(0.0 <= shared.random() < 1.0)

q = deque()
lock = threading.Lock()
def producer(base):
    for i in range(500):
        q.append(base + i)
def consumer(out):
    got = 0
    while got < 500:
        try:
            out.append(q.popleft())
            got += 1
        except IndexError:
            pass
outs = [[] for _ in range(2)]
ps = [threading.Thread(target=producer, args=(k * 1000,)) for k in range(2)]
cs = [threading.Thread(target=consumer, args=(outs[k],)) for k in range(2)]
for t in ps + cs:
    t.start()
for t in ps + cs:
    t.join()
print(sorted(outs[0] + outs[1]) == sorted(list(range(500)) + list(range(1000, 1500))), len(q))
