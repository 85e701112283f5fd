"""Generic (shallow and deep) copying operations."""


class Error(Exception):
    pass


error = Error

_atomic = (type(None), int, float, bool, str, bytes, type, range, type(len), type(lambda: 0),
           frozenset, type(Ellipsis), type(NotImplemented), property)


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _atomic or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    if isinstance(x, type):
        return x
    return _reconstruct_copy(x)


def _reconstruct_copy(x):
    cls = type(x)
    r = _own_reduce(cls)
    if r is not None:
        return _from_reduce(x, r(x), False, None)
    if isinstance(x, list):
        y = cls.__new__(cls)
        y.extend(x)
    elif isinstance(x, dict):
        y = cls.__new__(cls)
        dict.update(y, x)
    elif isinstance(x, tuple):
        y = tuple.__new__(cls, x)
    elif isinstance(x, (set,)):
        y = cls.__new__(cls)
        y.update(x)
    else:
        y = object.__new__(cls)
    state = _getstate(x)
    if state is not None:
        _setstate(y, state)
    return y


def _getstate(x):
    getstate = getattr(type(x), '__getstate__', None)
    if getstate is not None and getstate is not getattr(object, '__getstate__', None):
        return getstate(x)
    try:
        d = x.__dict__
    except AttributeError:
        d = None
    slots = {}
    for c in type(x).__mro__:
        for name in c.__dict__.get('__slots__', ()) if isinstance(c.__dict__.get('__slots__', ()), (tuple, list)) else (c.__dict__['__slots__'],):
            if name in ('__dict__', '__weakref__'):
                continue
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    if slots:
        return (d or None, slots)
    return d if d else None


def _setstate(y, state):
    setstate = getattr(y, '__setstate__', None)
    if setstate is not None:
        setstate(state)
        return
    slotstate = None
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    if state:
        y.__dict__.update(state)
    if slotstate:
        for k, v in slotstate.items():
            setattr(y, k, v)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _atomic:
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = set()
        memo[d] = y
        for a in x:
            y.add(deepcopy(a, memo))
    elif isinstance(x, type):
        return x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _reconstruct_deep(x, memo)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _own_reduce(cls):
    for c in cls.__mro__:
        if c is object:
            return None
        r = c.__dict__.get('__reduce__')
        if r is not None:
            return r
    return None


def _from_reduce(x, rv, deep, memo):
    func, args = rv[0], rv[1]
    state = rv[2] if len(rv) > 2 else None
    listiter = rv[3] if len(rv) > 3 else None
    dictiter = rv[4] if len(rv) > 4 else None
    if deep:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        _setstate(y, state)
    if listiter is not None:
        for item in listiter:
            y.append(deepcopy(item, memo) if deep else item)
    if dictiter is not None:
        for key, value in dictiter:
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            y[key] = value
    return y


def _reconstruct_deep(x, memo):
    cls = type(x)
    d = id(x)
    r = _own_reduce(cls)
    if r is not None:
        return _from_reduce(x, r(x), True, memo)
    if isinstance(x, tuple):
        y = tuple.__new__(cls, [deepcopy(a, memo) for a in x])
        memo[d] = y
    else:
        if isinstance(x, list):
            y = cls.__new__(cls)
        elif isinstance(x, dict):
            y = cls.__new__(cls)
        elif isinstance(x, set):
            y = cls.__new__(cls)
        else:
            y = object.__new__(cls)
        memo[d] = y
        if isinstance(x, list):
            for a in x:
                y.append(deepcopy(a, memo))
        elif isinstance(x, dict):
            for key, value in dict.items(x):
                dict.__setitem__(y, deepcopy(key, memo), deepcopy(value, memo))
        elif isinstance(x, set):
            for a in x:
                y.add(deepcopy(a, memo))
    state = _getstate(x)
    if state is not None:
        state = deepcopy(state, memo)
        _setstate(y, state)
    return y


def _keep_alive(x, memo):
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
