# tuple and range methods, comparisons and errors.
def show(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__ + ":", e)

t = (1, 2, 3, 2, [4])
print(t.index(2), t.index(2, 2), t.index([4]), t.count(2), t.count([4]), t.count(9))
show(lambda: t.index(2, 4))
show(lambda: t.index(9))
show(lambda: t.count())
def setitem():
    t[0] = 1
show(setitem)
def delitem():
    del t[0]
show(delitem)
show(lambda: t.append(1))
print((1, 2) + (3,), (0,) * 3, 2 * (1, 2), () * 5, (1,) < (1, 0), (1, 2) == (1, 2.0), (1, "a") < (1, "b"))
show(lambda: (1,) + [2])
show(lambda: (1, 2) < (1, "a"))
print(hash((1, 2, 3)) == hash((1, 2, 3)), hash(()) == hash(()), {(1, 2): "x"}[1, 2])
show(lambda: hash((1, [2])))
r = range(3, 30, 4)
print(r, len(r), r.index(7), r.count(7), r.count(8), 27 in r, 28 in r, 3.0 in r, r.index(True) if 1 in r else "no")
show(lambda: r.index(8))
show(lambda: range(5).index("a"))
show(lambda: range(0, 10, 0))
show(lambda: range(1, 2, 3, 4))
show(lambda: range())
show(lambda: range("3"))
print(range(-5), range(-5, 5, 3), list(range(-5, 5, 3)), list(range(5, -5, -3)), range(2, 9)[-1])
print(range(3) == range(3), range(0) == range(2, 2), range(1, 4, 5) == range(1, 2), range(3) == [0, 1, 2], range(3) != range(4))
print(list(reversed(range(1, 10, 3))), list(reversed(range(0))), sum(range(0, 101, 5)), max(range(-3, 3)), min(range(5, 0, -1)))
print(bool(range(5, 5)), range(7)[-7], range(10)[range(3)[1]])
big = range(10 ** 15)
print(len(big), big[-1], big[10 ** 14], 10 ** 14 in big, big.index(999), big[::10 ** 14])
for i in range(10, 0, -4):
    print(i, end=" ")
print()
print(range.__len__(range(4)), range(4).__contains__(3), range(4).__getitem__(-1))
