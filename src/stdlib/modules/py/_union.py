"""`X | Y` on types (PEP 604): the union object behind `int | None`."""


class UnionType:
    """Represent a PEP 604 union type, e.g. int | str."""

    def __init__(self, args):
        self.__union_args__ = args

    @property
    def __args__(self):
        return self.__union_args__

    def __repr__(self):
        return ' | '.join(_repr(a) for a in self.__union_args__)

    def __or__(self, other):
        return make(self, other)

    def __ror__(self, other):
        return make(other, self)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__union_args__) == set(other.__union_args__)

    def __hash__(self):
        return hash(frozenset(self.__union_args__))


UnionType.__module__ = 'types'


def _repr(t):
    if t is type(None):
        return 'None'
    if isinstance(t, type):
        if t.__module__ == 'builtins':
            return t.__qualname__
        return f'{t.__module__}.{t.__qualname__}'
    return repr(t)


def make(a, b):
    args = []
    for x in (a, b):
        items = x.__union_args__ if isinstance(x, UnionType) else (type(None) if x is None else x,)
        for t in items:
            if t not in args:
                args.append(t)
    if len(args) == 1:
        return args[0]
    return UnionType(tuple(args))
