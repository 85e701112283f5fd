# Iterator type names, iterator classes as builtins, strict zip, reversed edge cases.
it = iter([1, 2, 3])
print(it.__next__(), iter(it) is it, type(it).__name__)
print(type(iter((1,))).__name__, type(iter("ab")).__name__, type(iter("é")).__name__, type(iter(range(3))).__name__)
d = {1: 2, 3: 4}
print(type(iter(d)).__name__, type(iter(d.values())).__name__, type(iter(d.items())).__name__, type(iter({1})).__name__)
print(type(reversed([1])).__name__, type(reversed((1,))).__name__, type(reversed(range(2))).__name__)
print(type(iter(int, 1)).__name__, type(iter(b"ab")).__name__, type(reversed(d)).__name__)
print(isinstance(map(str, []), map), map, zip, enumerate, filter, reversed)
print(type(zip()) is zip, enumerate.__name__, type(map) is type)
print(hasattr(it, "__next__"), hasattr(it, "__iter__"))
print(list(reversed(d)), list(reversed(range(0, 10, 3))), list(reversed(range(5, 0, -2))), list(reversed(range(0))))
e = enumerate("abc", start=5)
print(next(e), e.__next__(), list(e), list(e))
ex = iter([])
print(next(ex, "dflt"), list(ex))
lst = [1, 2, 3, 4]
r = reversed(lst)
print(next(r))
lst.clear()
print(list(r))
for args in (([1, 2], [3]), ([1], [2, 3]), ([1, 2], [1, 2], [3]), ([1], [1], [3, 4])):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as exc:
        print("ValueError:", exc)
print(list(zip([1, 2], "ab", strict=True)))
bad = [
    lambda: map(str),
    lambda: map(str, 1),
    lambda: filter(None),
    lambda: reversed(5),
    lambda: reversed({1, 2}),
    lambda: reversed(),
    lambda: enumerate(),
    lambda: enumerate([], "a"),
    lambda: zip(x=1),
    lambda: map(str, [], x=1),
    lambda: iter(5),
    lambda: iter(5, 1),
    lambda: next(5),
    lambda: next([1]),
]
for f in bad:
    try:
        f()
    except TypeError as exc:
        print("TypeError:", exc)
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10
print(list(reversed(Seq())), list(iter(Seq())), type(iter(Seq())).__name__, type(reversed(Seq())).__name__)
class Rev:
    def __reversed__(self):
        return iter("zyx")
print(list(reversed(Rev())))
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 4)))
m = map(lambda a, b: a * b, [1, 2, 3], [4, 5])
print(list(m), list(m))
print(list(filter(str.isdigit, "a1b2c3")), list(enumerate(range(3), 2**70)))
print(sorted(map(abs, [-3, 1, -2])), sum(filter(None, [0, 1, 2])), dict(zip("abc", range(3))))
