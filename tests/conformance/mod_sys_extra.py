# sys: version/float_info struct sequences, switch interval, recursion limit errors, intern, exc_info, streams.
import sys
print(sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, sys.version_info.minor, tuple(sys.version_info)[:2])
print(sys.version_info > (3,), (3, 0) < sys.version_info, len(sys.version_info))
print(type(sys.version_info).__name__, repr(sys.version_info)[:30])
print(sys.float_info.max, sys.float_info.min, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.bits_per_digit)
print(sys.maxsize, sys.byteorder, sys.platform)
print(sys.getswitchinterval())
sys.setswitchinterval(0.001)
print(sys.getswitchinterval())
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError:", e)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError:", e)
try:
    sys.setrecursionlimit(1.5)
except TypeError as e:
    print("TypeError:", e)
print(sys.intern("abc"))
try:
    sys.intern(1)
except TypeError as e:
    print("TypeError:", e)
print(type(sys.modules).__name__, 'sys' in sys.modules, sys.modules['sys'] is sys)
print(type(sys.path).__name__, type(sys.executable).__name__, isinstance(sys.getrefcount(None), int))
def f():
    try:
        raise ValueError("v")
    except ValueError:
        t, v, tb = sys.exc_info()
        print(t.__name__, v)
f()
print(sys.exc_info())
print(sys.stdout.name, sys.stderr.name, sys.stdout is sys.__stdout__)
print(type(sys.implementation).__name__)
try:
    sys.exit(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print(e.code)
