"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique (members are made when the class is created)."""

__all__ = ['Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'auto', 'unique', 'EnumMeta', 'EnumType']

EnumMeta = EnumType = type


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""
    _counter = 0

    def __init__(self, value=None):
        auto._counter += 1
        self._order = auto._counter
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


def _is_descriptor(obj):
    return isinstance(obj, (type(_is_descriptor), classmethod, staticmethod, property, type)) or \
        hasattr(type(obj), '__get__') or hasattr(type(obj), '__set__')


def _is_dunder_or_sunder(name):
    return len(name) > 2 and name[0] == '_' and (name[-1] == '_' or name[1] == '_')


_BASES = []


def _lookup(cls, value):
    """`Color(1)`: the member with that value (what EnumType.__call__ does in CPython)."""
    if type(value) is cls:
        return value
    try:
        return cls._value2member_map_[value]
    except (KeyError, TypeError):
        pass
    missing = cls._missing_(value)
    if missing is not None:
        return missing
    raise ValueError(f'{value!r} is not a valid {cls.__qualname__}')


class Enum:
    """Create a collection of name/value pairs."""

    def __init_subclass__(cls, **kwds):
        super().__init_subclass__(**kwds)
        base_data = None
        for b in cls.__mro__[1:]:
            if b in _BASES:
                continue
            if isinstance(b, type) and issubclass(b, Enum):
                continue
            if b is not object:
                base_data = b
                break
        cls._member_type_ = base_data or object
        member_map = {}
        value_map = {}
        names = []
        last_values = []
        for name, value in list(cls.__dict__.items()):
            if _is_dunder_or_sunder(name) or name.startswith('_'):
                continue
            if _is_descriptor(value):
                continue
            if isinstance(value, auto):
                if value.value is None:
                    value.value = cls._generate_next_value_(name, 1, len(last_values), last_values[:])
                value = value.value
            last_values.append(value)
            if value in value_map:
                member = value_map[value]
                member_map[name] = member
                setattr(cls, name, member)
                continue
            args = value if isinstance(value, tuple) else (value,)
            if base_data is None:
                member = object.__new__(cls)
            else:
                member = base_data.__new__(cls, *args)
            member._name_ = name
            member._value_ = value
            init = cls.__dict__.get('__init__') or next((b.__dict__['__init__'] for b in cls.__mro__ if b not in _BASES and b is not object and '__init__' in b.__dict__ and issubclass(b, Enum)), None)
            if init is not None:
                init(member, *args)
            member_map[name] = member
            value_map[value] = member
            names.append(name)
            setattr(cls, name, member)
        if base_data is not None:
            # A mixed-in type's __new__ and __repr__ (int's) precede Enum's in the MRO; CPython's
            # EnumType puts the enum ones on the class.
            cls.__new__ = staticmethod(_lookup)
            if '__repr__' not in cls.__dict__:
                for b in cls.__mro__:
                    if b is not base_data and issubclass(b, Enum) and '__repr__' in b.__dict__:
                        cls.__repr__ = b.__dict__['__repr__']
                        break
        cls._member_map_ = member_map
        cls._value2member_map_ = value_map
        cls._member_names_ = names
        cls.__members__ = dict(member_map)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    def __new__(cls, value):
        return _lookup(cls, value)

    def __init__(self, *args, **kwds):
        pass

    @classmethod
    def _missing_(cls, value):
        return None


    @classmethod
    def _gilbench_iter_(cls):
        return [cls._member_map_[n] for n in cls.__dict__.get('_member_names_', ())]

    @classmethod
    def _gilbench_len_(cls):
        return len(cls.__dict__.get('_member_names_', ()))

    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        v = self._value_
        vr = self._member_type_.__repr__(v) if self._member_type_ is not object else repr(v)
        return f'<{type(self).__name__}.{self._name_}: {vr}>'

    def __str__(self):
        return f'{type(self).__name__}.{self._name_}'

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return type(self), (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


_BASES.append(Enum)


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints"""

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings"""

    def __str__(self):
        return self._value_

    def __format__(self, spec):
        return format(self._value_, spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class Flag(Enum):
    """Support for flags"""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = max(last_values)
        return 1 << high.bit_length()

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        names = []
        remaining = value
        for n in cls._member_names_:
            m = cls._member_map_[n]
            v = m._value_
            if v and (value & v) == v and bin(v).count('1') == 1:
                names.append(n)
                remaining &= ~v
        if remaining:
            return None
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._name_ = '|'.join(names) if names else None
        pseudo._value_ = value
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __repr__(self):
        v = self._value_
        if self._name_ is None:
            return f'<{type(self).__name__}: {v!r}>'
        return f'<{type(self).__name__}.{self._name_}: {v!r}>'

    def __str__(self):
        if self._name_ is None:
            return f'{type(self).__name__}({self._value_!r})'
        return f'{type(self).__name__}.{self._name_}'

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.__class__(self._value_ ^ other._value_)

    def __iter__(self):
        return iter([m for m in type(self) if m._value_ and m._value_ & self._value_ == m._value_])

    def __len__(self):
        return bin(self._value_).count('1')


_BASES.append(Flag)


class IntFlag(int, ReprEnum):
    """Support for integer-based Flags"""

    _generate_next_value_ = Flag.__dict__['_generate_next_value_']
    _missing_ = Flag.__dict__['_missing_']
    __repr__ = Flag.__repr__

    def __str__(self):
        return int.__repr__(self._value_)

    def __format__(self, spec):
        return format(self._value_, spec)

    def __or__(self, other):
        other = other._value_ if isinstance(other, IntFlag) else other
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        other = other._value_ if isinstance(other, IntFlag) else other
        return self.__class__(self._value_ & other)

    __ror__ = __or__
    __rand__ = __and__


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(['%s -> %s' % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in <enum %r>: %s' % (enumeration.__name__, alias_details))
    return enumeration
