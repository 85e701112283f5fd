a, b = b, a
a, (b, c) = 1, (2, 3)
*a, b = c
a, *b, c = d
[a, *b] = c
first, *rest = [1, 2, 3]
x = [*a, *b]
y = (*a, *b)
z = {**a, **b}
for a, *b in c: pass
