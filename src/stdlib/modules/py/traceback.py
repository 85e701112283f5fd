"""Print or format the current exception's traceback (CPython's layout)."""

import sys
import _thread


def format_exc(limit=None, chain=True):
    """Like print_exc() but return a string."""
    exc = sys.exc_info()[1]
    if exc is None:
        return 'NoneType: None\n'
    return _thread._format_exception(exc)


def print_exc(limit=None, file=None, chain=True):
    """Print the current exception and its traceback to file (default sys.stderr)."""
    text = format_exc(limit, chain)
    (file or sys.stderr).write(text)


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    if value is None and isinstance(exc, BaseException):
        value = exc
    return [_thread._format_exception(value)]


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if value is None and isinstance(exc, BaseException):
        value = exc
    (file or sys.stderr).write(_thread._format_exception(value))


def format_exception_only(exc, value=None):
    if value is None and isinstance(exc, BaseException):
        value = exc
    text = str(value)
    name = type(value).__name__
    return [f'{name}: {text}\n' if text else f'{name}\n']


def print_stack(f=None, limit=None, file=None):
    pass


def format_stack(f=None, limit=None):
    return []
