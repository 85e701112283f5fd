import random
from random import Random

random.seed(12345)
print([random.random() for _ in range(5)])
print([random.randint(1, 100) for _ in range(20)])
xs = list(range(20))
random.shuffle(xs)
print(xs)
print(random.sample(range(100), 10))
print(random.sample(range(10000), 12))
print(random.sample(['a', 'b', 'c', 'd'], 2))
print(random.choice('abcdefg'), random.choice([10, 20, 30]))
print(random.choices('abc', k=10))
print(random.choices(['x', 'y', 'z'], weights=[1, 5, 10], k=10))
print(random.choices(['x', 'y', 'z'], cum_weights=[1, 2, 10], k=5))
print(random.randrange(10), random.randrange(5, 50), random.randrange(0, 100, 7), random.randrange(100, 0, -3))
print(random.uniform(1.5, 2.5), random.triangular(0, 10, 3))
print(random.gauss(0, 1), random.gauss(0, 1), random.normalvariate(5, 2))
print(random.expovariate(2.0), random.gammavariate(2.5, 1.0), random.gammavariate(0.5, 1.0), random.betavariate(2, 3))
print(random.lognormvariate(0, 1), random.vonmisesvariate(1.0, 2.0), random.paretovariate(3), random.weibullvariate(1, 2))
print(Random(7).getrandbits(70), Random(42).random(), Random(0).random(), Random(-5).random())
print(Random(2**100 + 17).random(), Random(3.5).random())
r = Random("hello")
print(r.random(), r.randint(0, 10**30))
print(Random(b"bytes").random())
r1 = Random(99)
state = r1.getstate()
a = [r1.random() for _ in range(3)]
r1.setstate(state)
print(a == [r1.random() for _ in range(3)])
print(r1.randbytes(6))
random.seed(2024)
print([random.randrange(1, 7) for _ in range(15)])
print(random.getrandbits(1), random.getrandbits(31), random.getrandbits(32), random.getrandbits(33), random.getrandbits(64), random.getrandbits(65))
print(random.randint(0, 2**70))
print(random.sample(range(5), 5), random.sample([1, 2, 3, 4, 5, 6, 7], k=3, counts=None))
print(random.sample(['r', 'b'], counts=[4, 2], k=5))
class MyRandom(Random):
    pass
m = MyRandom(5)
print(m.random(), m.choice(range(100)))
for bad in [lambda: random.choice([]), lambda: random.randrange(0), lambda: random.sample({1, 2}, 1), lambda: random.randrange(1, 10, 0), lambda: random.sample(range(3), 5), lambda: random.seed([1])]:
    try:
        bad()
    except (IndexError, ValueError, TypeError) as e:
        print(type(e).__name__, e)
random.seed()
print(0.0 <= random.random() < 1.0)
