# range objects.
print(range(5), range(1, 5), range(0, 10, 3), range(10, 0, -2), range(0))
print(list(range(5)), list(range(2, 8)), list(range(0, 10, 3)), list(range(10, 0, -3)), list(range(5, 0)))
r = range(0, 20, 3)
print(len(r), r[0], r[-1], r[2], r[1:4], r[::-1], r[::2], list(r[::-2]))
print(6 in r, 7 in r, -3 in r, 18 in r, 21 in r)
print(r.index(9), r.count(9), r.start, r.stop, r.step)
print(len(range(10, 0, -3)), list(range(-5, 5, 4)), len(range(0)))
print(range(0, 3) == range(0, 3), range(0) == range(5, 5), range(1, 5, 2) == range(1, 6, 2))
print(sum(range(101)), max(range(7)), min(range(3, 9)))
try:
    range(0, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
for i in range(3, -1, -1):
    print(i, end=" ")
print()
print(list(reversed(range(4))), sorted(range(5), reverse=True))
print(bool(range(0)), bool(range(1)))
print(len(range(10 ** 12)), range(10 ** 12)[-1])
print(list(range(-3)), list(range(-3, 0)))
print([x for x in range(20) if x % 7 == 0])
