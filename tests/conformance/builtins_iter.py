# Iteration-related builtins.
letters = ["a", "b", "c"]
print(list(enumerate(letters)), list(enumerate(letters, start=1)), list(enumerate("xy", 10)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
print(list(map(str, [1, 2, 3])), list(map(lambda a, b: a + b, [1, 2], [10, 20, 30])))
print(list(filter(None, [0, 1, "", "x", None, [], [0]])), list(filter(lambda v: v > 1, [3, 1, 2])))
print(sorted([3, 1, 2]), sorted("bca"), sorted([3, 1, 2], reverse=True))
print(sorted(["bb", "a", "ccc"], key=len), sorted(["b", "A", "c"], key=str.lower))
people = [("ann", 31), ("bob", 25), ("cy", 31), ("dee", 25)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted({3: "c", 1: "a"}), sorted((2, 1)), sorted(range(5, 0, -1)))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
it = iter([10, 20])
print(next(it), next(it), next(it, "end"), next(it, None))
m = map(lambda v: v * 2, [1, 2, 3])
print(type(m).__name__, next(m), list(m))
z = zip("ab", "cd")
print(type(z).__name__, list(z), list(z))
print(type(enumerate([])).__name__, type(reversed([])).__name__, type(filter(None, [])).__name__)
print(dict(enumerate("ab")), dict(zip(["k1", "k2"], [1, 2])))
total = 0
for idx, (a, b) in enumerate(zip([1, 2], [3, 4])):
    total += idx * (a + b)
print(total)
print(list(iter(range(3))))
print(sum(map(int, "12345")), max(map(len, ["aa", "b"])))
print([list(t) for t in zip(*[[1, 2, 3], [4, 5, 6]])])
print(list(map(pow, [2, 3], [3, 2])))
class Up:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n))
print(list(Up(3)), sorted(Up(4), reverse=True), list(enumerate(Up(2))))
