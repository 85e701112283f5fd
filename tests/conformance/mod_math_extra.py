# math module: domain/range errors, special values, integer functions, fsum, hypot, frexp/ldexp, float.hex.
import math
def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print(f.__name__, a, repr(r))
    except Exception as e:
        print(f.__name__, a, type(e).__name__, e)
for x in [0, 1, -1, 0.5, 2, 1e308, -0.0, float('inf'), float('-inf'), float('nan'), 10**400, True]:
    for f in [math.sqrt, math.exp, math.log, math.log2, math.log10, math.log1p, math.expm1, math.sin, math.cos, math.tan,
              math.asin, math.acos, math.atan, math.sinh, math.cosh, math.tanh, math.asinh, math.acosh, math.atanh,
              math.fabs, math.floor, math.ceil, math.trunc, math.isnan, math.isinf, math.isfinite, math.degrees, math.radians,
              math.modf, math.frexp]:
        show(f, x)
for a, b in [(2, 3), (0, -1), (-8, 1/3), (2, 1024), (float('nan'), 0), (1, float('nan')), (float('inf'), -3), (float('-inf'), 3), (-2.0, float('inf')), (0.5, float('-inf'))]:
    show(math.pow, a, b)
    show(math.fmod, a, b)
    show(math.atan2, a, b)
    show(math.copysign, a, b)
    show(math.remainder, a, b)
    show(math.hypot, a, b)
    show(math.log, abs(a) + 1, abs(b) + 2)
show(math.ldexp, 1.0, 1024)
show(math.ldexp, 1.0, -1074)
show(math.ldexp, 1.5, -1074)
show(math.ldexp, 0.75, -1073)
show(math.ldexp, 3.0, 10**30)
show(math.ldexp, 3.0, -10**30)
show(math.ldexp, 3.0, 2.0)
show(math.frexp, 5e-324)
show(math.gcd)
show(math.gcd, 0, 0)
show(math.gcd, 12, 18, -24)
show(math.lcm, 4, 6, 10)
show(math.lcm)
show(math.lcm, 0, 3)
show(math.gcd, 1.5)
show(math.factorial, 5.0)
show(math.factorial, 100)
show(math.comb, 10, 3)
show(math.comb, -1, 3)
show(math.comb, 10, -3)
show(math.comb, 10**20, 3)
show(math.perm, 5)
show(math.perm, 5, 2)
show(math.perm, 5, 7)
show(math.isqrt, 10**40 + 5)
show(math.isqrt, -1)
show(math.isqrt, 0)
show(math.prod, [1, 2, 3, 4])
show(math.prod, [])
show(math.prod, [1.5, 2], start=2)
show(math.fsum, [0.1] * 10)
show(math.fsum, [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50])
show(math.fsum, [float('inf'), float('-inf')])
show(math.fsum, [1e308, 1e308])
show(math.fsum, [float('inf'), 1])
show(math.dist, (0, 0), (3, 4))
show(math.dist, [1, 2, 3], [4, 5, 6])
show(math.dist, (1,), (2, 3))
show(math.hypot, 1, 2, 3, 4, 5)
show(math.hypot)
show(math.hypot, 1e-320, 1e-320)
show(math.hypot, 1e300, 1e300)
show(math.isclose, 1.0, 1.0 + 1e-10)
show(math.isclose, 1.0, 1.1, rel_tol=0.2)
show(math.isclose, 1.0, 1.1, rel_tol=-1)
show(math.isclose, float('inf'), float('inf'))
show(math.sqrt, "x")
show(math.sqrt, None)
show(math.floor, 1e300)
show(math.floor, -2.5)
show(math.ceil, float('inf'))
show(math.floor, float('nan'))
show(math.nextafter, 1.0, 2.0)
show(math.ulp, 1.0)
show(math.ulp, 0.0)
print(math.pi, math.e, math.tau, math.inf, math.nan)
class F:
    def __float__(self): return 2.25
class I:
    def __index__(self): return 7
show(math.log, 2**1000)
show(math.log, 2**10000)
show(math.log10, 10**500)
show(math.log2, 2**3000)
show(math.log, 0)
show(math.log, -1)
show(math.log, 10, 1)
show(math.log, 8, 2)
for x in [0.1, 1.0, -2.5, 5e-324, 1e308, 0.0, -0.0, float('inf'), 123.456]:
    print(x.hex(), float.fromhex(x.hex()) == x or x != x)
print(float.fromhex('0x1.8p1'), float.fromhex('-0x1p-1074'), float.fromhex('inf'))
print(math.sqrt(F()), math.sqrt(I()), math.factorial(I()))
xs = [1e-300, 1e-20, 1e-9, 0.001, 0.1, 0.3, 0.49, 0.5, 0.7, 0.99, 0.999999, 1.0, 1.5, 2.0, 2.5, 3.7, 10.0, 123.4, 1e5, 1e10, 1e17, 3e8, 1e300]
for x in xs:
    for s in (1, -1):
        for f in (math.asinh, math.acosh, math.atanh):
            try:
                print(f.__name__, s*x, f(s*x))
            except ValueError as e:
                print(f.__name__, s*x, e)
