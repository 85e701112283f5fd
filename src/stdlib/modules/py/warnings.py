"""Warnings: warn() writes 'file:line: Category: message' to stderr once per message; filters are minimal."""

import sys

_filters = []
_seen = set()


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    action = 'default'
    for act, cat in _filters:
        if issubclass(category, cat):
            action = act
            break
    if action == 'ignore':
        return
    if action == 'error':
        raise category(message) if not isinstance(message, Warning) else message
    key = (str(message), category)
    if action != 'always' and key in _seen:
        return
    _seen.add(key)
    sys.stderr.write(f'{category.__name__}: {message}\n')


def simplefilter(action, category=Warning, lineno=0, append=False):
    if append:
        _filters.append((action, category))
    else:
        _filters.insert(0, (action, category))


def filterwarnings(action, message='', category=Warning, module='', lineno=0, append=False):
    simplefilter(action, category, lineno, append)


def resetwarnings():
    _filters.clear()


class catch_warnings:
    def __init__(self, *, record=False, **kwargs):
        self._record = record

    def __enter__(self):
        self._saved = list(_filters)
        return [] if self._record else None

    def __exit__(self, *exc_info):
        _filters[:] = self._saved
