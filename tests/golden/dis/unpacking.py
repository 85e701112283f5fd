a, b = 1, 2
a, b = b, a
first, *rest = [1, 2, 3]
*init, last = "abc"
x, (y, z) = 1, (2, 3)
[p, q] = 3, 4
items = [*rest, *init, 5]
t = (*rest, 1)
s = {*rest, 2}
d = {**{"a": 1}, "b": 2}
del a, b
