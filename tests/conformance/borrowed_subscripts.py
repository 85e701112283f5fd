# Subscripts whose container is a local read in place (LOAD_FAST ... BINARY_SUBSCR), and the
# dict/list reads that may run without the container's lock in the free-threaded build.

def walrus_rebinds_inside_the_index(x):
    # The container is the value loaded before the index rebinds the name.
    return x[(x := [10, 20, 30])[0] - 10], x


def unbound_before_index_side_effects():
    log = []
    try:
        y[log.append("index evaluated") or 0]
        y = [1]
    except UnboundLocalError as e:
        print("unbound:", e, log)


def nested_and_method_calls(a, d, i):
    return a[a.index(3) + i], d[str(i) + "k"], a[len(a) - 1], a[a[0]]


def deleted_between_calls(a):
    out = a[0]
    del a
    try:
        return out, a[0]
    except UnboundLocalError as e:
        return out, str(e)


def errors(a, d):
    for key in (10, -10, "x", 1.5):
        try:
            print("list", key, a[key])
        except (IndexError, TypeError) as e:
            print("list", key, type(e).__name__, e)
    for key in ("missing", 3, (1, 2), 2.0, True):
        try:
            print("dict", key, d[key])
        except KeyError as e:
            print("dict", key, "KeyError", e)


class Key(str):
    def __eq__(self, other):
        return str.__eq__(self, other.lower() if isinstance(other, str) else other)

    __hash__ = str.__hash__


walrus_rebinds_inside_the_index([1, 2])
print(walrus_rebinds_inside_the_index([5, 6]))
unbound_before_index_side_effects()
print(nested_and_method_calls([1, 3, 5, 7], {"1k": "one", "2k": "two"}, 1))
print(deleted_between_calls([4, 5]))
d = {i: i * i for i in range(20)}
d.update({"a": 1, 2.0: "float two", (1, 2): "tuple"})
errors([1, 2, 3], d)
# Equal keys of other types find the same entry: 2 == 2.0 == True-ish hashes.
print(d[2], d[1], d[True], d[1.0])
# A str subclass key with its own __eq__: the lookup must ask it.
e = {Key("abc"): 1}
print(e.get("abc"), e.get("ABC"), "abc" in e)
# Many deletions and reinsertions keep insertion order and find every survivor.
t = {}
for r in range(5):
    for i in range(300):
        t["k%d" % i] = r
    for i in range(0, 300, 3):
        del t["k%d" % i]
print(len(t), list(t)[:5], sum(t.values()), all(t["k%d" % i] == 4 for i in range(1, 300, 3)))
s = set(range(100))
for i in range(0, 100, 2):
    s.discard(i)
print(len(s), sorted(s)[:5], 51 in s, 50 in s)
