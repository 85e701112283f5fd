xs = [x * x for x in range(10) if x % 2]
ys = {x: y for x, y in zip("ab", "cd")}
zs = {c for c in "hello"}
nested = [(i, j) for i in range(3) for j in range(i) if j]
gen = sum(x for x in range(5))

def scoped(n):
    return [n * i for i in range(n)]
