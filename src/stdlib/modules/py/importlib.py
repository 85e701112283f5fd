"""importlib: importing by name (import_module, invalidate_caches); no reload, no loaders."""

import sys


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return '{}.{}'.format(base, name) if name else base


def import_module(name, package=None):
    """Import a module by its (possibly relative) dotted name and return it."""
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            "relative import for {!r}".format(name))
        for character in name:
            if character != '.':
                break
            level += 1
        name = _resolve_name(name[level:], package, level)
    __import__(name)
    return sys.modules[name]


def invalidate_caches():
    """Nothing to invalidate: the path is searched afresh on every import."""
