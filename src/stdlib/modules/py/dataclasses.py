"""Data classes: @dataclass generates __init__, __repr__, __eq__ (and ordering, hashing, frozen) from annotations."""

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar', 'KW_ONLY', 'MISSING',
           'fields', 'asdict', 'astuple', 'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return 'MISSING'


MISSING = _MissingType()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class InitVar:
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash', 'init', 'compare',
                 'metadata', 'kw_only', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return (f'Field(name={self.name!r},type={self.type!r},default={self.default!r},'
                f'default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},'
                f'hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},_field_type={self._field_type})')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    """Return an object to identify dataclass fields."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(tp):
    if isinstance(tp, str):
        return tp.startswith('ClassVar') or tp.startswith('typing.ClassVar')
    return getattr(tp, '_name', None) == 'ClassVar'


def _is_initvar(tp):
    if isinstance(tp, str):
        return tp.startswith('InitVar') or tp.startswith('dataclasses.InitVar')
    return tp is InitVar or isinstance(tp, InitVar)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fields = {}
    for b in cls.__mro__[-1:0:-1]:
        base_fields = b.__dict__.get('__dataclass_fields__')
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    annotations = cls.__dict__.get('__annotations__', {})
    kw_only_mode = kw_only
    for name, tp in annotations.items():
        if tp is KW_ONLY or (isinstance(tp, str) and tp.endswith('KW_ONLY')):
            kw_only_mode = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = tp
        if _is_classvar(tp):
            f._field_type = '_FIELD_CLASSVAR'
        elif _is_initvar(tp):
            f._field_type = '_FIELD_INITVAR'
        else:
            f._field_type = '_FIELD'
        if f.kw_only is MISSING:
            f.kw_only = kw_only_mode
        if f._field_type == '_FIELD' and f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f'mutable default {type(f.default)} for field {name} is not allowed: use default_factory')
        if f._field_type == '_FIELD_CLASSVAR':
            continue
        fields[name] = f
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = (init, repr, eq, order, unsafe_hash, frozen)
    real = [f for f in fields.values() if f._field_type == '_FIELD']
    qualname = cls.__qualname__

    if init and '__init__' not in cls.__dict__:
        _set_init(cls, list(fields.values()), frozen, qualname)
    if repr and '__repr__' not in cls.__dict__:
        names = [f.name for f in real if f.repr]
        def __repr__(self):
            return type(self).__qualname__ + '(' + ', '.join(f'{n}={getattr(self, n)!r}' for n in names) + ')'
        __repr__.__qualname__ = qualname + '.__repr__'
        cls.__repr__ = _recursive_guard(__repr__)
    cmp_names = [f.name for f in real if f.compare]
    if eq and '__eq__' not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return tuple(getattr(self, n) for n in cmp_names) == tuple(getattr(other, n) for n in cmp_names)
            return NotImplemented
        __eq__.__qualname__ = qualname + '.__eq__'
        cls.__eq__ = __eq__
    if order:
        for opname, op in (('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                           ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)):
            if opname in cls.__dict__:
                raise TypeError(f'Cannot overwrite attribute {opname} in class {cls.__name__}. Consider using functools.total_ordering')
            cls_op = _make_order(op, cmp_names)
            cls_op.__name__ = opname
            setattr(cls, opname, cls_op)
    hash_names = [f.name for f in real if (f.compare if f.hash is None else f.hash)]
    has_hash = '__hash__' in cls.__dict__ and cls.__dict__['__hash__'] is not None
    if unsafe_hash or (eq and frozen):
        if not (has_hash and not unsafe_hash):
            def __hash__(self):
                return hash(tuple(getattr(self, n) for n in hash_names))
            cls.__hash__ = __hash__
    elif eq and not has_hash:
        cls.__hash__ = None
    if frozen:
        field_names = set(fields)
        def __setattr__(self, name, value):
            if type(self) is cls or name in field_names:
                raise FrozenInstanceError(f'cannot assign to field {name!r}')
            super(cls, self).__setattr__(name, value)
        def __delattr__(self, name):
            if type(self) is cls or name in field_names:
                raise FrozenInstanceError(f'cannot delete field {name!r}')
            super(cls, self).__delattr__(name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    if match_args and '__match_args__' not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in real if f.init and not f.kw_only)
    return cls


def _recursive_guard(fn):
    running = set()
    def wrapper(self):
        key = id(self)
        if key in running:
            return '...'
        running.add(key)
        try:
            return fn(self)
        finally:
            running.discard(key)
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__name__ = '__repr__'
    return wrapper


def _make_order(op, names):
    def method(self, other):
        if other.__class__ is self.__class__:
            return op(tuple(getattr(self, n) for n in names), tuple(getattr(other, n) for n in names))
        return NotImplemented
    return method


def _set_init(cls, flds, frozen, qualname):
    ns = {'MISSING': MISSING, '_object_setattr': object.__setattr__}
    params = []
    kw_params = []
    body = []
    seen_default = False
    for f in flds:
        if not f.init:
            if f.default_factory is not MISSING:
                ns[f'_dflt_{f.name}'] = f.default_factory
                value = f'_dflt_{f.name}()'
            elif f.default is not MISSING:
                ns[f'_dflt_{f.name}'] = f.default
                value = f'_dflt_{f.name}'
            else:
                continue
        else:
            if f.default_factory is not MISSING:
                ns[f'_dflt_{f.name}'] = f.default_factory
                param = f'{f.name}=MISSING'
                value = f'_dflt_{f.name}() if {f.name} is MISSING else {f.name}'
            elif f.default is not MISSING:
                ns[f'_dflt_{f.name}'] = f.default
                param = f'{f.name}=_dflt_{f.name}'
                value = f.name
            else:
                param = f.name
                value = f.name
            if f.kw_only:
                kw_params.append(param)
            else:
                if '=' in param:
                    seen_default = True
                elif seen_default:
                    raise TypeError(f'non-default argument {f.name!r} follows default argument')
                params.append(param)
        if f._field_type == '_FIELD_INITVAR':
            continue
        if frozen:
            body.append(f'    _object_setattr(self, {f.name!r}, {value})')
        else:
            body.append(f'    self.{f.name} = {value}')
    if hasattr(cls, '__post_init__'):
        initvars = [f.name for f in flds if f._field_type == '_FIELD_INITVAR']
        body.append(f'    self.__post_init__({", ".join(initvars)})')
    if not body:
        body.append('    pass')
    all_params = ['self'] + params
    if kw_params:
        all_params += ['*'] + kw_params
    src = f'def __init__({", ".join(all_params)}):\n' + '\n'.join(body) + '\n'
    exec(src, ns)
    fn = ns['__init__']
    fn.__qualname__ = qualname + '.__init__'
    cls.__init__ = fn


def _get_slots(cls):
    slots = cls.__dict__.get('__slots__')
    if slots is None:
        return ()
    if isinstance(slots, str):
        return (slots,)
    if hasattr(slots, '__next__'):
        raise TypeError(f"Slots of '{cls.__name__}' cannot be determined")
    return tuple(slots)


def _dataclass_getstate(self):
    return [getattr(self, f.name) for f in fields(self)]


def _dataclass_setstate(self, state):
    for field, value in zip(fields(self), state):
        object.__setattr__(self, field.name, value)


def _add_slots(cls, is_frozen, weakref_slot):
    # A new class is needed: __slots__ cannot be added to a class after it was created.
    if '__slots__' in cls.__dict__:
        raise TypeError(f'{cls.__name__} already specifies __slots__')
    cls_dict = dict(cls.__dict__)
    field_names = tuple(f.name for f in fields(cls))
    inherited_slots = set()
    for base in cls.__mro__[1:-1]:
        inherited_slots.update(_get_slots(base))
    wanted = field_names + (('__weakref__',) if weakref_slot else ())
    cls_dict['__slots__'] = tuple(n for n in wanted if n not in inherited_slots)
    for field_name in field_names:
        # Class variables holding the defaults would conflict with the slots.
        cls_dict.pop(field_name, None)
    cls_dict.pop('__dict__', None)
    cls_dict.pop('__weakref__', None)
    qualname = getattr(cls, '__qualname__', None)
    cls = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    if qualname is not None:
        cls.__qualname__ = qualname
    if is_frozen:
        if '__getstate__' not in cls_dict:
            cls.__getstate__ = _dataclass_getstate
        if '__setstate__' not in cls_dict:
            cls.__setstate__ = _dataclass_setstate
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    """Add dunder methods based on the fields defined in the class."""
    def wrap(cls):
        cls = _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)
        if weakref_slot and not slots:
            raise TypeError('weakref_slot is True but slots is False')
        if slots:
            cls = _add_slots(cls, frozen, weakref_slot)
        return cls
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """Return a tuple describing the fields of this dataclass."""
    try:
        flds = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in flds.values() if f._field_type == '_FIELD')


def is_dataclass(obj):
    """Returns True if obj is a dataclass or an instance of a dataclass."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _is_dataclass_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def asdict(obj, *, dict_factory=dict):
    """Return the fields of a dataclass instance as a new dictionary mapping field names to field values."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory)) for k, v in obj.items())
    import copy
    return copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """Return the fields of a dataclass instance as a new tuple of field values."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory) for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    import copy
    return copy.deepcopy(obj)


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._field_type == '_FIELD_CLASSVAR':
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with init=False, it cannot be specified with replace()')
            continue
        if f.name not in changes:
            if f._field_type == '_FIELD_INITVAR' and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    """Return a new dynamically created dataclass."""
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = 'typing.Any'
        elif len(item) == 2:
            annotations[item[0]] = item[1]
        else:
            annotations[item[0]] = item[1]
            ns[item[0]] = item[2]
    g = {'_bases': bases, '_ns': ns, '_ann': annotations}
    exec(f'class {cls_name}(*_bases):\n    __annotations__ = _ann\n    for _k, _v in _ns.items():\n        locals()[_k] = _v\n', g)
    cls = g[cls_name]
    for k, v in ns.items():
        setattr(cls, k, v)
    return dataclass(cls, **kwargs)
