# Messages of common built-in exceptions, as str(e).
def show(fn):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: divmod(1, 0))
show(lambda: [1, 2][5])
show(lambda: (1,)[3])
show(lambda: "abc"[10])
show(lambda: {"a": 1}["b"])
show(lambda: {}[0])
show(lambda: [].pop())
show(lambda: {}.popitem())
show(lambda: undefined_name)
show(lambda: None.attr)
show(lambda: (5).missing)
show(lambda: "s".nope)
show(lambda: [].nope)
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1] + (2,))
show(lambda: "a" * "b")
show(lambda: -"a")
nothing = None
five = 5
show(lambda: nothing())
show(lambda: five())
show(lambda: len(5))
show(lambda: 1 < "a")
show(lambda: [] < 1)
show(lambda: int("abc"))
show(lambda: float("x"))
show(lambda: [1].index(5))
show(lambda: "abc".index("z"))
show(lambda: ord("ab"))
show(lambda: chr(-1))
show(lambda: hash([]))
show(lambda: iter(5))
show(lambda: next(iter([])))
show(lambda: list(1))
show(lambda: {}[[]])
show(lambda: int(None))
show(lambda: sum(["a"]))
show(lambda: max([]))
show(lambda: min(1))
show(lambda: abs("x"))
show(lambda: round("x"))
def one_arg(a):
    return a
def no_args():
    return 0
show(lambda: one_arg())
show(lambda: one_arg(1, 2))
show(lambda: no_args(x=1))
show(lambda: 2 ** 10000 * 1.0)
show(lambda: "x".join([1]))
show(lambda: "a b".split(""))
show(lambda: range(1.5))
index = 1.0
show(lambda: [1, 2, 3][index])
show(lambda: (1, 2).append(3))
show(lambda: setattr(5, "x", 1))
x = 5
try:
    x.foo = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise StopIteration
except StopIteration as e:
    print("StopIteration:", repr(e))
try:
    assert 1 == 2, "custom assert message"
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("AssertionError:", repr(e))
