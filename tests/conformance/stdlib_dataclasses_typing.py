from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError, is_dataclass
from typing import List, Dict, Optional, Tuple, Any, Callable, TypeVar, Generic, Union
from abc import ABC, abstractmethod
import dataclasses

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(5), p == Point(1, 2), p != Point(2, 1), p.x, Point(y=3, x=4))
print(asdict(p), astuple(p), replace(p, y=9), [f.name for f in fields(Point)], is_dataclass(p), is_dataclass(5))
try:
    Point()
except TypeError as e:
    print('TypeError', e)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: Tuple[str, ...] = ()

v = Version(1, 2)
print(v, sorted([Version(2), Version(1, 5), Version(1, 2)]), v < Version(1, 3), hash(v) == hash(Version(1, 2)))
try:
    v.major = 3
except FrozenInstanceError as e:
    print('FrozenInstanceError', e)

@dataclass
class Inventory:
    name: str
    items: List[str] = field(default_factory=list)
    counts: Dict[str, int] = field(default_factory=dict, repr=False)
    total: float = field(default=0.0, compare=False)

    def add(self, item: str, n: int = 1) -> None:
        self.items.append(item)
        self.counts[item] = self.counts.get(item, 0) + n

inv = Inventory('shop')
inv.add('apple'); inv.add('pear', 3)
print(inv, inv.counts, Inventory('a') == Inventory('a', total=5.0), Inventory('x').items is not Inventory('y').items)
print(asdict(inv))

@dataclass
class Child(Point):
    z: int = 5
    def __post_init__(self):
        self.sum = self.x + self.y + self.z
c = Child(1, 2, 3)
print(c, c.sum)

try:
    @dataclass
    class Bad:
        xs: list = []
except ValueError as e:
    print('ValueError', e)

T = TypeVar('T')
class Stack(Generic[T]):
    def __init__(self) -> None:
        self._items: List[T] = []
    def push(self, item: T) -> None:
        self._items.append(item)
    def pop(self) -> Optional[T]:
        return self._items.pop() if self._items else None
s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), s.pop(), s.pop(), T)

def apply(f: Callable[[int], int], xs: list[int]) -> dict[str, int]:
    return {str(x): f(x) for x in xs}
print(apply(lambda v: v * v, [1, 2, 3]))
def maybe(x: Union[int, str, None] = None) -> Any:
    return x
print(maybe(3), List[int], Dict[str, int], Optional[int])

class Shape(ABC):
    @abstractmethod
    def area(self): ...
    def describe(self):
        return f'{type(self).__name__} with area {self.area()}'
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print(Sq(3).describe(), isinstance(Sq(2), Shape))
try:
    Shape()
except TypeError as e:
    print('TypeError', e)
class Half(Shape):
    @abstractmethod
    def perimeter(self): ...
try:
    Half()
except TypeError as e:
    print('TypeError', e)
