# List/dict/set comprehensions, nesting, conditions, scoping.
print([x * 2 for x in range(5)])
print([x for x in range(20) if x % 2 if x % 3])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v != 4])
print(["even" if n % 2 == 0 else "odd" for n in range(4)])
print({w: len(w) for w in ["apple", "kiwi", "fig"]})
print({k: v for k, v in zip("abc", range(3)) if v})
print({n % 4 for n in range(10)})
print({x: [y for y in range(x)] for x in range(4)})
x = "outer"
result = [x for x in range(3)]
print(x, result)
print([i for i in "hello" if i not in "lo"])
print(sum(x * x for x in range(10)), any(c.isupper() for c in "abC"), all(n > 0 for n in [1, 2]))
words = ["Hello", "World", "Python"]
print([w.lower() for w in words], [w[0] for w in words])
print(dict((k, k ** 2) for k in range(4)))
funcs = [lambda n=n: n * 10 for n in range(3)]
print([f() for f in funcs])
print(sorted({c for c in "mississippi"}))
grid = [[(r, c) for c in range(2)] for r in range(2)]
print(grid)
flat = [item for sub in [[1, 2], [], [3]] for item in sub]
print(flat)
def scoped():
    factor = 3
    return [factor * v for v in range(4)]
print(scoped())
class K:
    base = [1, 2, 3]
    doubled = [v * 2 for v in base]
print(K.doubled)
print([(a, b) for a, b in [(1, "x"), (2, "y")]])
print([len(s) for s in "a bb ccc".split()])
pairs = {(i, j) for i in range(3) for j in range(3) if i < j}
print(sorted(pairs))
print([n for n in range(30) if all(n % d for d in range(2, n)) and n > 1])
print([y for x in [[1, [2]], [3, [4]]] for y in x[1]])
