# list methods, operators and errors beyond the basics.
def show(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__ + ":", e)

a = [5, 3, 8, 3, 1]
print(a.index(3), a.index(3, 2), a.index(3, -3), a.index(8, 0, 3), a.count(3), a.count("3"))
show(lambda: a.index(3, 4))
show(lambda: a.index(99))
show(lambda: a.index("x", 1, 2))
show(lambda: [].pop())
show(lambda: [1].pop(5))
show(lambda: [1, 2, 3].pop(-4))
show(lambda: [1].remove(2))
show(lambda: [1].insert(1.5, 0))
show(lambda: [1].pop("x"))
b = [1, 2, 3]
print(b.pop(-1), b.pop(0), b)
b.insert(-100, "start")
b.insert(100, "end")
print(b)
c = [1, 2]
c += (3, 4)
c += "ab"
c += range(2)
print(c)
d = c
d *= 2
print(c is d, len(c), c[:6])
d *= 0
print(c, d)
e = [[]] * 3
e[0].append(1)
print(e)
print([1, 2] * -1, 3 * [0], [] * 5)
print([1, 2, 3] < [1, 2, 4], [1, 2] < [1, 2, 0], [2] > [1, 9], [1, 2] <= [1, 2], [1] == [1.0], [1] != [True])
print([[1, 2], [1]] < [[1, 2], [2]], [(1, "b")] > [(1, "a")])
show(lambda: [1] < ["a"])
show(lambda: [1, 2] + (3,))
show(lambda: [1] * "a")
show(lambda: [1] * 2.0)
show(lambda: 2.0 * [1])
nested = [3, [1, 2], 5]
print(nested.index([1, 2]), [1, 2] in nested, nested.count([1, 2]))
nested.remove([1, 2])
print(nested)
words = ["pear", "Fig", "apple", "fig", "Pear"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
nums = [3, -1, 2.5, -7, 0, True]
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums)
show(lambda: [1, 2].sort(1))
show(lambda: [1, 2].sort(cmp=None))
r = list(range(10))
r.reverse()
print(r, r.copy() == r, r.copy() is r)
r.clear()
print(r, len(r), bool(r))
stack = [1, 2, 3]
print(stack.pop(), stack.pop(), stack.pop(), stack)
big = list(range(1000))
print(big.index(999), big.count(500), sum(big[::100]))
m = [0] * 5
for i in range(5):
    m[i] = i * i
m[-1] = "last"
print(m)
show(lambda: m.__setitem__(5, 0))
show(lambda: [0][2])
show(lambda: [0][-2])
key_s, key_f = "a", 1.0
show(lambda: [0][key_s])
show(lambda: [0][key_f])
def assign(i):
    x = [1, 2]
    x[i] = 0
    return x
show(lambda: assign(2))
def delete(i):
    x = [1, 2]
    del x[i]
    return x
show(lambda: delete(-1))
show(lambda: delete(5))
print(list.__len__([1, 2]), [1, 2].__contains__(2), [5, 6].__getitem__(-1))
show(lambda: list.append(5, 1))
