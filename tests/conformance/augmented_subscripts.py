# Augmented assignments to a subscript of a local (`x[k] op= v`), whose container the read and
# the write both take from the local: containers of every kind, index and value expressions
# that call Python code, rebinding inside the value, errors, and the order of the dunder calls.

class Logged(list):
    def __getitem__(self, i):
        print("  get", i)
        return super().__getitem__(i)

    def __setitem__(self, i, v):
        print("  set", i, v)
        super().__setitem__(i, v)


class Acc:
    def __init__(self, n):
        self.n = n

    def __iadd__(self, other):
        print("  iadd", self.n, other)
        self.n += other
        return self

    def __repr__(self):
        return f"Acc({self.n})"


def simple(x, k, v):
    x[0] += 1
    x[k] -= v * 2
    x[k + 1] *= v
    x[-1] //= 2
    x[len(x) - 2] **= 2
    return x


def dicts(d, k):
    d["a"] += 1
    d[k] |= 4
    d[(k, "t")] = d.get((k, "t"), 0)
    d[(k, "t")] += 10
    d["s"] += "!"
    return d


def walrus_in_value(x):
    # The container is the object loaded first; the name is rebound by the value.
    x[0] += (x := [100, 200, 300])[1]
    return x


def index_calls_python(x, keys):
    def key():
        print("  key")
        return keys.pop()
    x[key()] += 5
    return x


def value_calls_python(x):
    def val():
        print("  val")
        x.append(99)
        return 7
    x[0] += val()
    return x


def in_place_objects(x):
    x[0] += 3
    x[0] += 4
    return x


def in_a_loop(counts, words):
    for w in words:
        counts[w] += 1
    return counts


def unbound():
    try:
        y[0] += 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    y = [0]
    y[0] += 1
    del y
    try:
        y[0] += 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def errors(t, d, lst):
    try:
        t[0] += 1
    except TypeError as e:
        print("TypeError", e)
    try:
        d["missing"] += 1
    except KeyError as e:
        print("KeyError", e)
    try:
        lst[10] += 1
    except IndexError as e:
        print("IndexError", e)
    try:
        lst[0] += "s"
    except TypeError as e:
        print("TypeError", e)
    print(lst, d)


def slices(x):
    x[1:3] += [7, 8]
    x[::2] = x[::2]
    return x


def generator(x):
    x[0] += yield "first"
    yield x


print(simple([1, 2, 3, 4, 9], 1, 5))
print(simple(Logged([1, 2, 3, 4, 9]), 2, 3))
print(dicts({"a": 1, 1: 2, "s": "x"}, 1))
print(walrus_in_value([1, 2, 3]))
print(index_calls_python([10, 20, 30], [0, 2]))
print(value_calls_python([1]))
print(in_place_objects([Acc(1)]))
print(in_a_loop(dict.fromkeys("abc", 0), "abacaba"))
unbound()
errors((1,), {}, [1])
print(slices([1, 2, 3, 4]))
g = generator([5])
print(next(g))
print(g.send(10))
