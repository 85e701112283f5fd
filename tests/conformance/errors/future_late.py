"""A from __future__ import after other code is a SyntaxError (compile time)."""
import sys
from __future__ import annotations
print("never")
