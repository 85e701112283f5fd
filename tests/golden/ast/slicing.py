a[0]
a[-1]
a[1:2]
a[:]
a[::]
a[::2]
a[1:]
a[:2]
a[1:2:3]
a[1:2, 3]
a[:, None]
a[..., 0]
a[i, j]
a[(i, j)]
a[x:=1]
a[*b]
a[1:2, ::3, ...]
a[b][c][d]
a.b[c].d
del a[0], b.c, d
del (a, b)
del [a, b]
del a,
