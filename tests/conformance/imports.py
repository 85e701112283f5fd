# Importing a sibling module; module caching; from-import; aliasing.
print("before import")
import _helper_mod
print("after import")
import _helper_mod
import _helper_mod as hm
from _helper_mod import f, GREETING, Shape
from _helper_mod import bump as b
print(_helper_mod.GREETING, GREETING)
print(f(10), _helper_mod.f(1), hm.f(2))
print(hm is _helper_mod, _helper_mod.__name__)
print(b(), b(), _helper_mod.counter, hm.bump())
print(Shape(3), isinstance(Shape(4), _helper_mod.Shape))
_helper_mod.GREETING = "changed"
print(hm.GREETING, GREETING)
print(type(_helper_mod).__name__)
import sys
print(len(sys.argv), __name__)
try:
    import _does_not_exist_mod
except ImportError as e:
    print(type(e).__name__, e)
try:
    from _helper_mod import nothing_here
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
