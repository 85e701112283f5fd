"""Abstract Base Classes: ABC, ABCMeta, abstractmethod (instantiation checks abstract methods)."""


def abstractmethod(funcobj):
    """A decorator indicating abstract methods."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


def abstractclassmethod(f):
    f.__isabstractmethod__ = True
    return classmethod(f)


def abstractstaticmethod(f):
    f.__isabstractmethod__ = True
    return staticmethod(f)


def _abstracts(cls):
    names = set()
    for base in cls.__mro__:
        for name, value in base.__dict__.items():
            if name in names:
                continue
            v = getattr(cls, name, None)
            if getattr(v, '__isabstractmethod__', False):
                names.add(name)
            elif isinstance(value, property) and getattr(value.fget, '__isabstractmethod__', False):
                names.add(name)
    return frozenset(names)


def _check(cls):
    abstracts = _abstracts(cls)
    if abstracts:
        names = sorted(abstracts)
        s = 's' if len(names) > 1 else ''
        raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract method{s} {', '.join(names)}")


# Metaclasses deriving from `type` are not supported: ABCMeta is `type` itself, and the
# abstract-method check lives in ABC.__new__.
ABCMeta = type


class ABC:
    """Helper class that provides a standard way to create an ABC using inheritance."""
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        _check(cls)
        return object.__new__(cls)

    @classmethod
    def register(cls, subclass):
        return subclass


def get_cache_token():
    return 0
