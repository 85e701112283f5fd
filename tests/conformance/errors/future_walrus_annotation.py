"""Under the annotations future, a named expression in an annotation is a SyntaxError."""
from __future__ import annotations


def f(a: (b := 1)) -> None:
    pass
