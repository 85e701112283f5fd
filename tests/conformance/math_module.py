# The math module.
import math
print(math.pi, math.e, math.inf, -math.inf)
print(math.sqrt(16), math.sqrt(2), math.isqrt(17), math.isqrt(10 ** 20))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.7), math.trunc(2.7))
print(type(math.floor(2.5)).__name__, math.floor(5), math.ceil(-0.5))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6), math.gcd(2 ** 40, 6 ** 20))
print(math.factorial(0), math.factorial(10), math.factorial(30))
print(math.comb(5, 2), math.comb(50, 25), math.comb(3, 5))
print(math.log(math.e), math.log(100, 10), math.log(8, 2), math.log(1), math.log(1024, 2))
print(math.exp(0), math.exp(1), math.exp(2))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 10), round(math.cos(math.pi), 10))
print(math.isclose(math.sin(math.pi), 0, abs_tol=1e-9), math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1))
print(math.fabs(-3), math.fabs(2.5), math.hypot(3, 4), math.hypot(5, 12))
print(math.inf > 10 ** 308, -math.inf < 0, math.inf == float("inf"))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
from math import sqrt, pi
print(sqrt(81), round(pi, 4))
def distance(p, q):
    return math.sqrt((p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)
print(distance((0, 0), (3, 4)), round(distance((1, 1), (2, 3)), 6))
area = math.pi * 2 ** 2
print(f"{area:.5f}")
print([round(math.sin(math.pi * d / 180), 4) for d in (0, 30, 45, 90)])
print([round(math.cos(k * math.pi / 3), 6) for k in range(4)])
