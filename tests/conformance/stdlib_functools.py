import functools
from functools import reduce, partial, lru_cache, cache, wraps, cmp_to_key, total_ordering
import operator
from operator import itemgetter, attrgetter, methodcaller

print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [3], 0))
try:
    reduce(operator.add, [])
except TypeError as e:
    print('TypeError', e)

def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
two_to = partial(power, 2)
print(square(7), two_to(10), square.args, square.keywords, two_to.func is power)
p2 = partial(two_to)
print(p2(3), partial(int, base=2)('1011'))

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
fib.cache_clear()
print(fib.cache_info(), fib.__name__)

@lru_cache(maxsize=2)
def sq(x):
    return x * x
for v in [1, 2, 1, 3, 2, 1, 1]:
    sq(v)
print(sq.cache_info())

@lru_cache
def ident(x, y=0):
    return (x, y)
print(ident(1), ident(1), ident(1, y=2), ident.cache_info())

@cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(30), fact.cache_info().misses, fact.cache_info().hits)

def deco(f):
    @wraps(f)
    def inner(*a, **k):
        return f(*a, **k) + 1
    return inner

@deco
def documented(x):
    """Docs here."""
    return x
print(documented(1), documented.__name__, documented.__doc__, documented.__wrapped__(1))

def compare(a, b):
    return (a > b) - (a < b)
print(sorted([5, 2, 9, 1], key=cmp_to_key(compare)), sorted(['bb', 'a', 'ccc'], key=cmp_to_key(lambda a, b: len(b) - len(a))))

@total_ordering
class Version:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
print(Version(1) < Version(2), Version(1) >= Version(2), Version(3) > Version(2), Version(2) <= Version(2))

print(itemgetter(1)([1, 2, 3]), itemgetter(0, 2)('abc'), itemgetter('k')({'k': 5}))
class O:
    pass
o = O(); o.a = O(); o.a.b = 42; o.c = 'see'
print(attrgetter('c')(o), attrgetter('a.b')(o), attrgetter('c', 'a.b')(o))
print(methodcaller('upper')('abc'), methodcaller('split', ',')('a,b'), methodcaller('replace', 'a', 'b')('aaa'))
print(operator.add(1, 2), operator.mul(3, 4), operator.sub(5, 7), operator.truediv(7, 2), operator.floordiv(7, 2), operator.mod(7, 3))
print(operator.neg(5), operator.pos(-2), operator.eq(1, 1), operator.lt(1, 2), operator.ge(1, 2), operator.not_(0), operator.truth([]))
print(operator.index(7), operator.pow(2, 10), operator.and_(12, 10), operator.or_(12, 10), operator.xor(12, 10), operator.lshift(1, 4), operator.contains([1, 2], 2))
print(operator.getitem([1, 2, 3], 1), operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'), operator.concat([1], [2]), operator.is_(None, None))
print(sorted([('b', 2), ('a', 2), ('c', 1)], key=itemgetter(1, 0)))
print(itemgetter(1), attrgetter('x', 'y'), methodcaller('f', 1, k=2))
