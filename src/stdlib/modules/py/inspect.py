"""Get useful information from live Python objects (a subset: the current frame and the type predicates)."""

import sys

__all__ = ['currentframe', 'isfunction', 'ismethod', 'isclass', 'ismodule', 'isgenerator',
           'isgeneratorfunction', 'iscode', 'isframe', 'isbuiltin', 'isroutine', 'ismethoddescriptor',
           'isdatadescriptor', 'getmodule', 'getmro', 'getattr_static', 'unwrap']

CO_OPTIMIZED = 0x1
CO_NEWLOCALS = 0x2
CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_NESTED = 0x10
CO_GENERATOR = 0x20
CO_NOFREE = 0x40
CO_COROUTINE = 0x80
CO_ITERABLE_COROUTINE = 0x100
CO_ASYNC_GENERATOR = 0x200


def currentframe():
    """Return the frame of the caller or None if this is not possible."""
    return sys._getframe(1)


def _f():
    pass


class _C:
    def _m(self):
        pass


def _g():
    yield


_FunctionType = type(_f)
_MethodType = type(_C()._m)
_CodeType = type(_f.__code__)
_GeneratorType = type(_g())
_ModuleType = type(sys)
_BuiltinFunctionType = type(len)
_FrameType = type(sys._getframe())
del _f, _C, _g


def ismodule(object):
    """Return true if the object is a module."""
    return isinstance(object, _ModuleType)


def isclass(object):
    """Return true if the object is a class."""
    return isinstance(object, type)


def ismethod(object):
    """Return true if the object is an instance method."""
    return isinstance(object, _MethodType)


def isfunction(object):
    """Return true if the object is a user-defined function."""
    return isinstance(object, _FunctionType)


def isgeneratorfunction(object):
    """Return true if the object is a user-defined generator function."""
    return isfunction(object) and bool(object.__code__.co_flags & CO_GENERATOR)


def isgenerator(object):
    """Return true if the object is a generator."""
    return isinstance(object, _GeneratorType)


def iscode(object):
    """Return true if the object is a code object."""
    return isinstance(object, _CodeType)


def isframe(object):
    """Return true if the object is a frame object."""
    return isinstance(object, _FrameType)


def isbuiltin(object):
    """Return true if the object is a built-in function or method."""
    return isinstance(object, _BuiltinFunctionType)


def ismethoddescriptor(object):
    """Return true if the object is a method descriptor (not a class, method or function)."""
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    return hasattr(tp, "__get__") and not hasattr(tp, "__set__")


def isdatadescriptor(object):
    """Return true if the object is a data descriptor."""
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    return hasattr(tp, "__set__") or hasattr(tp, "__delete__")


def isroutine(object):
    """Return true if the object is any kind of function or method."""
    return isbuiltin(object) or isfunction(object) or ismethod(object) or ismethoddescriptor(object)


def getmro(cls):
    """Return tuple of base classes (including cls) in method resolution order."""
    return cls.__mro__


def getmodule(object):
    """Return the module an object was defined in, or None if not found."""
    if ismodule(object):
        return object
    name = getattr(object, '__module__', None)
    if name is None:
        return None
    return sys.modules.get(name)


_sentinel = object()


def getattr_static(obj, attr, default=_sentinel):
    """Retrieve an attribute without triggering descriptors or __getattr__ (instance dict, then the MRO)."""
    if not isclass(obj):
        try:
            d = object.__getattribute__(obj, '__dict__')
        except AttributeError:
            d = {}
        if attr in d:
            return d[attr]
        klass = type(obj)
    else:
        klass = obj
    for entry in klass.__mro__:
        if attr in entry.__dict__:
            return entry.__dict__[attr]
    if default is not _sentinel:
        return default
    raise AttributeError(attr)


def unwrap(func, *, stop=None):
    """Get the object wrapped by *func* (follows the chain of __wrapped__ attributes)."""
    f = func
    memo = {id(f): f}
    while hasattr(func, '__wrapped__') and (stop is None or not stop(func)):
        func = func.__wrapped__
        if id(func) in memo:
            raise ValueError('wrapper loop when unwrapping {!r}'.format(f))
        memo[id(func)] = func
    return func
