"""Names for type hints. Annotations are not checked; subscripting answers a printable alias."""

TYPE_CHECKING = False


class _Alias:
    __slots__ = ('_name', '_origin', '_args')

    def __init__(self, name, origin=None, args=None):
        self._name = name
        self._origin = origin
        self._args = args

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self._name, self._origin, params)

    def __repr__(self):
        if self._args is None:
            return 'typing.' + self._name
        return 'typing.%s[%s]' % (self._name, ', '.join(_type_repr(a) for a in self._args))

    def __call__(self, *args, **kwargs):
        if self._origin is None:
            raise TypeError(f'Type {self._name} cannot be instantiated; use {self._name.lower()}() instead')
        return self._origin(*args, **kwargs)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        return isinstance(other, _Alias) and self._name == other._name and self._args == other._args

    def __hash__(self):
        return hash(self._name)

    def __mro_entries__(self, bases):
        return (self._origin,) if self._origin is not None else ()


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if obj is None or obj is type(None):
        return 'None'
    return repr(obj)


Any = _Alias('Any')
NoReturn = _Alias('NoReturn')
Never = _Alias('Never')
Self = _Alias('Self')
LiteralString = _Alias('LiteralString')
Union = _Alias('Union')
Optional = _Alias('Optional')
ClassVar = _Alias('ClassVar')
Final = _Alias('Final')
Literal = _Alias('Literal')
Annotated = _Alias('Annotated')
Concatenate = _Alias('Concatenate')
TypeAlias = _Alias('TypeAlias')
TypeGuard = _Alias('TypeGuard')
Required = _Alias('Required')
NotRequired = _Alias('NotRequired')
Unpack = _Alias('Unpack')
List = _Alias('List', list)
Dict = _Alias('Dict', dict)
Set = _Alias('Set', set)
FrozenSet = _Alias('FrozenSet', frozenset)
Tuple = _Alias('Tuple', tuple)
Type = _Alias('Type', type)
Callable = _Alias('Callable')
Iterable = _Alias('Iterable')
Iterator = _Alias('Iterator')
Generator = _Alias('Generator')
Sequence = _Alias('Sequence')
MutableSequence = _Alias('MutableSequence')
Mapping = _Alias('Mapping')
MutableMapping = _Alias('MutableMapping')
AbstractSet = _Alias('AbstractSet')
MutableSet = _Alias('MutableSet')
Collection = _Alias('Collection')
Container = _Alias('Container')
Hashable = _Alias('Hashable')
Sized = _Alias('Sized')
Reversible = _Alias('Reversible')
Awaitable = _Alias('Awaitable')
Coroutine = _Alias('Coroutine')
AsyncIterator = _Alias('AsyncIterator')
AsyncIterable = _Alias('AsyncIterable')
AsyncGenerator = _Alias('AsyncGenerator')
ItemsView = _Alias('ItemsView')
KeysView = _Alias('KeysView')
ValuesView = _Alias('ValuesView')
SupportsInt = _Alias('SupportsInt')
SupportsFloat = _Alias('SupportsFloat')
SupportsAbs = _Alias('SupportsAbs')
SupportsIndex = _Alias('SupportsIndex')
Text = str
AnyStr = _Alias('AnyStr')


Deque = _Alias('Deque')
DefaultDict = _Alias('DefaultDict')
OrderedDict = _Alias('OrderedDict')
Counter = _Alias('Counter')
ChainMap = _Alias('ChainMap')


class TypeVar:
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False, infer_variance=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = '+' if self.__covariant__ else '-' if self.__contravariant__ else '~'
        return prefix + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(TypeVar):
    """Parameter specification variable."""
    args = Any
    kwargs = Any


class TypeVarTuple(TypeVar):
    """Type variable tuple."""


class Generic:
    """Abstract base class for generic types."""
    __slots__ = ()

    @classmethod
    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    """Base class for protocol classes (structural typing is not checked)."""
    __slots__ = ()


class TypedDict(dict):
    """A dict with declared keys (not checked)."""


def NamedTuple(typename, fields=None, /, **kwargs):
    """Typed version of namedtuple (functional form)."""
    from collections import namedtuple
    if fields is None:
        fields = kwargs.items()
    return namedtuple(typename, [name for name, _ in fields])


def NewType(name, tp):
    """NewType creates simple unique types with almost zero runtime overhead."""
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


def cast(typ, val):
    """Cast a value to a type (returns the value unchanged)."""
    return val


def assert_type(val, typ, /):
    return val


def reveal_type(obj, /):
    return obj


def overload(func):
    """Decorator for overloaded functions/methods."""
    return func


def final(f):
    """Decorator to indicate final methods and final classes."""
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """Return the annotations of an object (not evaluated further)."""
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get('__annotations__', {}))
        return hints
    return dict(getattr(obj, '__annotations__', {}))


def get_origin(tp):
    return getattr(tp, '_origin', None)


def get_args(tp):
    return getattr(tp, '_args', None) or ()
