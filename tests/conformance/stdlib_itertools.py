import itertools
from itertools import (count, cycle, repeat, chain, islice, accumulate, product, permutations,
                       combinations, combinations_with_replacement, zip_longest, groupby, starmap,
                       takewhile, dropwhile, compress, tee, pairwise, filterfalse)
import operator

print(list(islice(count(), 5)), list(islice(count(10, 3), 4)), list(islice(count(0.5, 0.25), 3)))
print(list(islice(cycle('abc'), 7)), list(cycle([])))
print(list(repeat('x', 3)), list(map(pow, range(5), repeat(2))))
print(list(chain([1, 2], (3,), 'ab')), list(chain.from_iterable([[1], [2, 3], []])))
print(list(islice('abcdefg', 2)), list(islice('abcdefg', 2, 4)), list(islice('abcdefg', 2, None)), list(islice('abcdefg', 0, None, 2)))
print(list(islice(range(10), 1, 8, 3)), list(islice(range(3), 5)))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([1, 2, 3, 4], operator.mul)), list(accumulate([3, 1, 4], max)), list(accumulate([1, 2], initial=100)), list(accumulate([])))
print(list(product('ab', range(2))), list(product([0, 1], repeat=3)), list(product()))
print(list(permutations('abc')), list(permutations(range(4), 2)), len(list(permutations(range(6)))))
print(list(combinations('abcd', 2)), list(combinations(range(4), 3)), list(combinations('ab', 3)))
print(list(combinations_with_replacement('abc', 2)), list(combinations_with_replacement([], 0)))
print(list(zip_longest('abcd', 'xy', fillvalue='-')), list(zip_longest([1, 2], [3])))
print([(k, list(g)) for k, g in groupby('aaabbbcccaa')])
print([(k, len(list(g))) for k, g in groupby(sorted([5, 1, 15, 22, 3, 11]), key=lambda x: x // 10)])
groups = [(k, g) for k, g in groupby('aabb')]
print([(k, list(g)) for k, g in groups])
print(list(starmap(pow, [(2, 5), (3, 2)])), list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, '', 'a'])))
a, b = tee(iter([1, 2, 3]))
print(list(a), list(b))
a, b, c = tee(range(4), 3)
print(next(a), next(a), list(b), list(c), list(a))
print(list(pairwise('abcde')), list(pairwise([1])))
for bad in [lambda: islice([], -1), lambda: list(permutations([1], -1)), lambda: islice([], 1, 2, 0)]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
print(sum(x * y for x, y in product(range(30), repeat=2)))
print(next(count(5)), list(zip(count(1), 'abc')))
