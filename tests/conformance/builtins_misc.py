# Other builtins: min/max/sum/abs/round/divmod/pow/any/all/ord/chr/callable/hash/id/type/object.
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min("b", "a"))
print(max([1, -5, 3], key=abs), min(["aa", "b", "ccc"], key=len), max([], default="empty"), min([], default=None))
print(max([(1, "b"), (1, "a")]), max([2, 2.0]), max(1, True))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([[1], [2]], []), sum(x / 2 for x in range(4)), sum([]))
print(abs(-3), abs(-2.5), abs(True), abs(0))
print(round(3.7), round(-3.7), round(2.5), round(3.5), round(1.23456, 3), round(17, -1))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5))
print(pow(2, 8), pow(2, -2), pow(5, 3, 7), pow(2.0, 3))
print(any([0, 0, 1]), any([]), all([1, 1]), all([]), all([1, 0]), any("x"))
print(ord("a"), ord("€"), chr(97), chr(8364), [ord(c) for c in "AZ"], "".join(chr(c) for c in range(97, 102)))
print(callable(len), callable(lambda: 0), callable(3), callable("s"), callable(int), callable(print))
print(hash(42), hash(-1), hash(0), hash(True), hash((1, 2)) == hash((1, 2)), hash(1) == hash(1.0))
print(hash((1, (2, 3))) == hash((1, (2, 3))), hash(2 ** 61) == hash(1))
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), type(id(a)).__name__)
print(type(1), type("s"), type([]), type(None), type(type))
print(type(1) is int, type(True) is bool, type(1.0) == float, type([]) is not list)
o = object()
o2 = object()
print(type(o).__name__, o == o, o == o2, o is o2, isinstance(o, object), isinstance(5, object))
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError:", e)
print(len("abc"), len([1, 2]), len({1: 2}), len(range(10)), len(set()), len((1,)))
print(int("12") + float("0.5"), str(12) + "!", bool([]), list((1, 2)), tuple([3]), dict(a=1), set([2, 2]))
print(isinstance(1, int), isinstance(True, int), isinstance(1, float), isinstance([], (list, dict)))
print(repr("a'b"), repr(5), str(5.0), repr([None]))
print(list(range(3)) == [0, 1, 2], tuple(range(0)) == ())
print(bin(10), oct(10), hex(10), int("0b1010", 2))
print(format(1234.5, ",.1f"), format(42, "08b"))
print(max(range(10), key=lambda v: (v % 4, v)), min(range(10), key=lambda v: abs(v - 4.4)))
print(sorted([-3, 2, -1], key=abs, reverse=True))
print(iter([]) is not None, next(iter("q")))
print(isinstance(len, object), type(abs).__name__)
