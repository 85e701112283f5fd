# Helper package for mod_imports_pkg.py (not a program): relative imports inside a package.
from . import _leaf
from ._leaf import VALUE
TOTAL = VALUE + 1
