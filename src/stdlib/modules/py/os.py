"""A small subset of the os module: process facts, the environment, the working directory, os.path."""

import _os

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
curdir = '.'
pardir = '..'
linesep = '\n'
devnull = '/dev/null'

getpid = _os.getpid
cpu_count = _os.cpu_count
getcwd = _os.getcwd
listdir = _os.listdir
urandom = _os.urandom
_exit = _os._exit


def process_cpu_count():
    return _os.cpu_count()


class _Environ(dict):
    def __repr__(self):
        return 'environ(' + dict.__repr__(self) + ')'

    def copy(self):
        return dict(self)


environ = _Environ(_os.environ_items())


def getenv(key, default=None):
    """Get an environment variable, return None if it doesn't exist."""
    return environ.get(key, default)


def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    f = getattr(type(path), '__fspath__', None)
    if f is None:
        raise TypeError('expected str, bytes or os.PathLike object, not ' + type(path).__name__)
    return f(path)


import sys as _sys
import posixpath as path
_sys.modules['os.path'] = path
del _sys
