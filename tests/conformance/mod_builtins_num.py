# Numeric builtins: round, divmod, pow, bin/oct/hex, int()/float() parsing, int/float methods, format, dir, vars, print(file=, flush=).
def show(f, *a, **k):
    try:
        r = f(*a, **k)
        print(getattr(f, '__name__', f), a, repr(r))
    except Exception as e:
        print(getattr(f, '__name__', f), a, type(e).__name__, e)
for x in [0.5, 1.5, 2.5, -2.5, 2.675, 1e300, float('inf'), float('nan'), 7, -7, 10**30, True, 0.125, 1234.5678, -0.0]:
    for nd in [None, 0, 1, 2, -1, -2, 400, -400]:
        show(round, x, nd)
show(round, 1.5, 1.5)
show(round, "x")
show(round)
show(round, number=2.5)
show(round, 2.567, ndigits=2)
for a, b in [(17, 5), (-17, 5), (17, -5), (17.5, 5), (5, 0), (5.0, 0), (2**70, 3), (-2**70, 7), (7, 2.5), (True, 2), (-9223372036854775808, -1)]:
    show(divmod, a, b)
show(divmod, "a", 1)
for args in [(2, 10), (2, -2), (2, 10, 1000), (3, -1, 7), (2, -1, 4), (2, 3, 0), (2.0, 3), (0, -1), (2, 3, 1.0), (10**20, 2, 7), ("a", 2)]:
    show(pow, *args)
show(pow, base=2, exp=5)
show(pow, 2, exp=5, mod=3)
for v in [0, 5, -5, 2**70, -2**70, True]:
    print(bin(v), oct(v), hex(v))
show(bin, 1.5)
show(hex, "x")
class Idx:
    def __index__(self): return 42
print(bin(Idx()), hex(Idx()))
for s in ["42", " -17 ", "+5", "1_000", "0x1f", "0b11", "0o17", "١٢", "1__0", "_1", "1_", "", "  ", "12a", "9" * 50]:
    show(int, s)
    show(int, s, 0)
for s, b in [("ff", 16), ("FF", 16), ("z", 36), ("10", 1), ("10", 37), ("10", -1), ("0x10", 16), ("0x10", 10), ("101", 2), ("12", 2)]:
    show(int, s, b)
show(int, 5, 10)
show(int, 3.9)
show(int, -3.9)
show(int, 1e20)
show(int, float('inf'))
show(int, float('nan'))
show(int, None)
show(int, [1])
show(int, "10", base=16)
show(int, b"42")
show(int)
for s in ["1.5", " 2e3 ", "inf", "-Infinity", "nan", "1_0.5", "1e", ".", "abc", "0x10", "1e500", "-1e-500", "  -.5  "]:
    show(float, s)
show(float, 10**400)
show(float, None)
show(float, True)
show(float)
class Fl:
    def __float__(self): return 1.25
print(float(Fl()))
print(float(Idx()))
for v in [0, 1, 255, -256, 2**100, True]:
    print(v.bit_length(), v.bit_count(), v.real, v.imag, v.numerator, v.denominator, v.conjugate(), v.as_integer_ratio())
print((1024).to_bytes(2, 'big'), (1024).to_bytes(2, 'little'), (-1).to_bytes(2, 'big', signed=True), (255).to_bytes())
show((256).to_bytes, 1, 'big')
show((-1).to_bytes, 1, 'big')
print(int.from_bytes(b'\x04\x00', 'big'), int.from_bytes(b'\x04\x00', 'little'), int.from_bytes(b'\xff\xff', 'big', signed=True), int.from_bytes([1, 2]))
for f in [1.5, 2.0, -0.0, 1e300, 0.1]:
    print(f.is_integer(), f.as_integer_ratio(), f.real, f.imag, f.conjugate(), f.hex())
show((float('inf')).as_integer_ratio)
show((float('nan')).as_integer_ratio)
print(format(1234.5, ",.1f"), format(42, "08b"), format(3.14159, ".2f"), format("x", ">5"), format(7))
class Fm:
    def __format__(self, spec): return "Fm<" + spec + ">"
print(format(Fm(), "abc"), f"{Fm():zz}")
show(format, 1, 2)
class A:
    cls_attr = 1
    def __init__(self): self.x = 1
    def meth(self): pass
a = A()
print([n for n in dir(a) if n[:2] != '__'])
print(vars(a))
show(vars, 1)
print('x' in vars(A), 'meth' in vars(A), 'cls_attr' in dir(A))
import math
print('sqrt' in dir(math), vars(math) is math.__dict__)
import sys
print("to stderr", file=sys.stderr)
print("to stdout", file=sys.stdout, flush=True)
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print(1, 2, 3, sep="-", end="!", file=w)
print(w.parts)
sys.stdout.write("direct\n")
n = sys.stderr.write("err\n")
print(n)
show(print, 1, bogus=2)
show(print, 1, sep=5)
