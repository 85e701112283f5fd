# The import system searches the live sys.path list: entries a program inserts or appends are used.
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
extra = os.path.join(here, "_pathdir")

try:
    import _onpath
except ImportError as e:
    print("before:", type(e).__name__, e)

sys.path.insert(0, extra)
import _onpath
print("after insert:", _onpath.VALUE)
print(sys.path[0] == extra, "_onpath" in sys.modules)

# Non-string entries are skipped, not an error.
sys.path.append(42)
import _helper_mod
print("with a non-str entry:", _helper_mod.__name__)
sys.path.remove(42)

# Removing the entry does not unload what was imported.
sys.path.remove(extra)
del sys.modules["_onpath"]
try:
    import _onpath
except ModuleNotFoundError as e:
    print("after remove:", e)
