# Subscripts of lists and strings: indexes, negative indexes, bools, __index__, slices and
# errors; ASCII and non-ASCII strings; indexing a large list many times.


class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


class Clearing:
    # __index__ that empties the list being indexed
    def __init__(self, lst):
        self.lst = lst

    def __index__(self):
        self.lst.clear()
        return 0


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


a = [10, 20, 30, 40, 50]
print(a[0], a[4], a[-1], a[-5], a[True], a[False])
print(a[Idx(2)], a[Idx(-2)], a[2**62 - 2**62 + 1])
show(lambda: a[5])
show(lambda: a[-6])
show(lambda: a[2**70])
show(lambda: a[-2**70])
show(lambda: a["1"])
show(lambda: a[1.0])
show(lambda: a[None])
print(a[1:3], a[::-1], a[::2], a[-2:], a[:-2], a[10:], a[-10:2], a[3:1], a[3:1:-1])
print(a[Idx(1):Idx(4)], a[None:None:Idx(-2)])
show(lambda: a[::0])
show(lambda: a["x":])
b = [1, 2, 3]
show(lambda: b[Clearing(b)])
print(b)

s = "hello, world"
print(s[0], s[-1], s[7], s[Idx(4)], s[True], repr(s[5]))
print(s[2:5], s[::-1], s[::3], s[-5:], s[100:], repr(s[3:3]))
show(lambda: s[12])
show(lambda: s[-13])
show(lambda: s[1.5])
u = "héllo wörld ✓"
print(u[1], u[-1], u[8], u[-3], u[1:4], u[::-2], len(u))
show(lambda: u[13])
print(repr(""[0:1]))
show(lambda: ""[0])

big = [(i, "k%d" % i) for i in range(5000)]
total = 0
for i in range(0, 5000, 3):
    total += big[i][0] + len(big[-i - 1][1])
print(total, big[4999], big[-5000])
t = (1, 2, 3)
print(t[-1], t[Idx(0)], t[::-1])
show(lambda: t[3])
show(lambda: t[2**70])
show(lambda: range(5)[2**70])
show(lambda: b"abc"[-2**70])
show(lambda: "abc"[2**64])
print(a[-2**70:2**70], a[2**70:], a[::2**70], a[::-2**70], a[::Idx(2**65)], "abc"[::-2**66])
print(range(10)[Idx(2):Idx(-2)], (1, 2, 3, 4)[Idx(1):], "abcdef"[Idx(1):Idx(5):Idx(2)])
show(lambda: a[Idx(2.5)])


class BadIdx:
    def __index__(self):
        return "no"


show(lambda: a[BadIdx()])
show(lambda: a[BadIdx():])
