# Packages: __init__ with relative imports, submodules as attributes, import errors' wording.
import _modpkg
print(_modpkg.TOTAL, _modpkg._leaf.VALUE, _modpkg._leaf.where())
import _modpkg._leaf as leaf
print(leaf is _modpkg._leaf, leaf.where())
from _modpkg import _leaf, TOTAL
print(_leaf.VALUE, TOTAL, _modpkg.__package__)
try:
    import _modpkg._missing
except ImportError as e:
    print(type(e).__name__, e)
try:
    import _helper_mod._sub
except ImportError as e:
    print(type(e).__name__, e)
try:
    from _modpkg import nope
except ImportError as e:
    print(type(e).__name__, str(e)[:40], str(e)[40:42], str(e)[-12:])
try:
    from math import nope
except ImportError as e:
    print(type(e).__name__, str(e)[:37])
import sys
print("_modpkg._leaf" in sys.modules, sys.modules["_modpkg"] is _modpkg)
