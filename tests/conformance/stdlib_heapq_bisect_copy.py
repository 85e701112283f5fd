import heapq, bisect, copy
from collections import defaultdict, Counter, namedtuple, deque

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0]
heapq.heapify(data)
print(data, [heapq.heappop(data) for _ in range(len(data))])
h = [1, 3, 5]
print(heapq.heappushpop(h, 2), h, heapq.heapreplace(h, 10), h, heapq.heappushpop(h, 0))
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]), heapq.nlargest(2, ['aa', 'b', 'cccc'], key=len), heapq.nsmallest(1, [3, 2]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(heapq.merge(['a', 'ccc'], ['bb'], key=len)), list(heapq.merge([7, 4], [5, 1], reverse=True)))
tasks = []
heapq.heappush(tasks, (2, 'write'))
heapq.heappush(tasks, (1, 'plan'))
heapq.heappush(tasks, (3, 'test'))
print([heapq.heappop(tasks)[1] for _ in range(3)])

a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 0), bisect.bisect_right(a, 100))
bisect.insort(a, 3); bisect.insort_left(a, 4); bisect.insort_right(a, 9)
print(a, bisect.bisect_left(a, 4, 0, 3), bisect.bisect_right(a, 4, lo=5))
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ('x', 4), key=lambda r: r[1])
print(recs)
grades = [60, 70, 80, 90]
print([('FDCBA'[bisect.bisect(grades, s)]) for s in [33, 99, 77, 70, 89, 90, 100]])

l = [[1, 2], {'a': [3]}, (4, [5])]
s = copy.copy(l)
d = copy.deepcopy(l)
l[0].append(99); l[1]['a'].append(98); l[2][1].append(97)
print(s, d, s[0] is l[0], d[0] is l[0])
class Node:
    def __init__(self, v):
        self.v = v
        self.children = []
n = Node(1); n.children.append(Node(2)); n.children[0].children.append(n)
m = copy.deepcopy(n)
print(m.v, m.children[0].v, m.children[0].children[0] is m, m is not n)
c = copy.copy(n)
print(c.children is n.children, c.v)
print(copy.copy(5), copy.deepcopy('s'), copy.deepcopy((1, 2)), copy.copy({1, 2}), copy.deepcopy({'k': {1}}))
dd = defaultdict(list, {'a': [1]})
dc = copy.deepcopy(dd); dc['a'].append(2); dc['b']
print(dd, dc)
P = namedtuple('P', 'x y')
print(copy.deepcopy(P(1, [2])), copy.copy(Counter('aab')), copy.deepcopy(deque([1, [2]])))
