"""Common operations on POSIX pathnames (os.path)."""

import _os

sep = '/'
curdir = '.'
pardir = '..'
extsep = '.'
pathsep = ':'


def join(a, *p):
    """Join two or more pathname components, inserting '/' as needed."""
    path = a
    for b in p:
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    """Split a pathname into (head, tail)."""
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def basename(p):
    """Returns the final component of a pathname"""
    return p[p.rfind('/') + 1:]


def dirname(p):
    """Returns the directory component of a pathname"""
    i = p.rfind('/') + 1
    head = p[:i]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head


def splitext(p):
    """Split the extension from a pathname."""
    sep_index = p.rfind('/')
    dot_index = p.rfind('.')
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != '.':
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def isabs(s):
    """Test whether a path is absolute"""
    return s.startswith('/')


def normpath(path):
    """Normalize path, eliminating double slashes, etc."""
    if not path:
        return '.'
    initial_slashes = path.startswith('/')
    if initial_slashes and path.startswith('//') and not path.startswith('///'):
        initial_slashes = 2
    comps = path.split('/')
    new_comps = []
    for comp in comps:
        if comp in ('', '.'):
            continue
        if (comp != '..' or (not initial_slashes and not new_comps) or
                (new_comps and new_comps[-1] == '..')):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = '/'.join(new_comps)
    if initial_slashes:
        path = '/' * int(initial_slashes) + path
    return path or '.'


def abspath(path):
    """Return an absolute path."""
    if not isabs(path):
        path = join(_os.getcwd(), path)
    return normpath(path)


realpath = abspath


def exists(path):
    """Test whether a path exists."""
    return _os.exists(path)


def isdir(s):
    """Return true if the pathname refers to an existing directory."""
    return _os.isdir(s)


def isfile(path):
    """Test whether a path is a regular file"""
    return _os.isfile(path)


def expanduser(path):
    if not path.startswith('~'):
        return path
    home = _os_environ_get('HOME')
    if home is None:
        return path
    i = path.find('/', 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    return (home.rstrip('/') or '/') + path[i:]


def _os_environ_get(key):
    for k, v in _os.environ_items():
        if k == key:
            return v
    return None
