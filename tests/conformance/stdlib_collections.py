from collections import deque, defaultdict, Counter, namedtuple, OrderedDict, ChainMap
import collections

d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.extend([7, 8]); d.extendleft([-1, -2])
print(d, list(d), 3 in d, 99 in d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
d[1] = 'x'; print(d, d.index('x'), d.count(7))
del d[0]; print(d)
d.reverse(); print(d)
d.remove('x'); print(d, bool(d), bool(deque()))
m = deque(range(10), maxlen=3)
print(m, m.maxlen)
m.append(10); m.appendleft(-1); print(m)
print(deque(), deque('ab') + deque('cd'), deque([1]) * 3, deque([1, 2]) == deque([1, 2]))
q = deque()
for i in range(1000):
    q.append(i)
total = 0
while q:
    total += q.popleft()
    if total % 7 == 0:
        q.append(1)
print(total, len(q))
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5]]:
    try:
        bad()
    except IndexError as e:
        print('IndexError', e)
print(list(reversed(deque([1, 2, 3]))), deque([3, 1, 2]).copy())

dd = defaultdict(list)
dd['a'].append(1); dd['b'].append(2); dd['a'].append(3)
print(dd, dict(dd), dd['zz'], len(dd))
print(defaultdict(int), defaultdict(None, {'k': 1}))
di = defaultdict(int)
for ch in 'mississippi':
    di[ch] += 1
print(sorted(di.items()), isinstance(di, dict), di.default_factory)
try:
    defaultdict()['missing']
except KeyError as e:
    print('KeyError', e)

c = Counter('abracadabra')
print(c)
print(c.most_common(2), c.most_common(), c['z'], c.total())
c.update('aab'); print(c)
c.subtract({'a': 3}); print(c)
print(sorted(c.elements()))
print(Counter(a=3, b=1) + Counter(a=1, b=2, c=4), Counter(a=3, b=1) - Counter(a=1, b=2))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2))
print(Counter(), Counter({'x': 0}) == Counter(), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}))
words = "the quick brown fox jumps over the lazy dog the end".split()
print(Counter(words).most_common(3))
print(+Counter(a=2, b=-1), -Counter(a=2, b=-1))

Point = namedtuple('Point', ['x', 'y'])
p = Point(1, 2)
print(p, p.x, p.y, p[0], p[1], len(p), p == (1, 2))
x, y = p
print(x, y, p._asdict(), p._replace(x=10), Point._fields, Point._make([3, 4]))
P3 = namedtuple('P3', 'a b c', defaults=[0, 9])
print(P3(1), P3(1, 2), P3(a=5, b=6, c=7), P3._field_defaults)
print(isinstance(p, tuple), type(p).__name__, Point.__name__, hash(p) == hash((1, 2)))
try:
    Point(1)
except TypeError as e:
    print('TypeError', e)
Emp = namedtuple('Emp', 'name, age', rename=False)
print(sorted([Emp('bob', 30), Emp('al', 25)], key=lambda e: e.age))
print(namedtuple('R', ['a', 'def', 'a'], rename=True)._fields)

od = OrderedDict()
od['b'] = 1; od['a'] = 2; od['c'] = 3
print(od, list(od))
od.move_to_end('b'); print(list(od.items()))
od.move_to_end('c', last=False); print(list(od.keys()))
print(od.popitem(), od.popitem(last=False), od)
print(OrderedDict(a=1) == OrderedDict(a=1), OrderedDict(), OrderedDict.fromkeys('xy'))

cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.get('z', 0))
cm2 = cm.new_child({'c': 5})
print(cm2['c'], 'b' in cm2, cm2.parents['a'])
from typing import Deque
def annotated(d: deque[int], c: Counter[str], dd: defaultdict[str, list[int]], od: OrderedDict[str, int]) -> None:
    pass
annotated(deque(), Counter(), defaultdict(list), OrderedDict())
import threading
shared = deque()
for i in range(4000):
    shared.append(i)
taken = []
def worker():
    mine = []
    while True:
        try:
            mine.append(shared.popleft())
        except IndexError:
            break
    taken.append(mine)
ts = [threading.Thread(target=worker) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allv = sorted(v for m in taken for v in m)
print(len(allv), allv == list(range(4000)))
