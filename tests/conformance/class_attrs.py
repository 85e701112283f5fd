# getattr/setattr/hasattr/delattr, classmethod, staticmethod, property.
class Temperature:
    scale = "C"
    instances = 0

    def __init__(self, celsius):
        self._c = celsius
        Temperature.instances += 1

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) * 5 / 9)

    @staticmethod
    def valid(c):
        return c >= -273.15

    def __repr__(self):
        return f"Temperature({self._c})"

t = Temperature(100)
print(t.celsius, t.fahrenheit)
t.celsius = 0
print(t, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError:", e)
f = Temperature.from_fahrenheit(212)
print(f, type(f).__name__, Temperature.instances)
print(Temperature.valid(-300), t.valid(20))

class Sub(Temperature):
    scale = "K"
s = Sub.from_fahrenheit(32)
print(type(s).__name__, s, s.scale)

print(getattr(t, "celsius"), getattr(t, "missing", "default"), getattr(Temperature, "scale"))
setattr(t, "label", "kitchen")
print(t.label, hasattr(t, "label"), hasattr(t, "nope"))
delattr(t, "label")
print(hasattr(t, "label"))
try:
    getattr(t, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(t, "missing")
except AttributeError as e:
    print("AttributeError:", e)
for attr in ["celsius", "fahrenheit", "scale"]:
    print(attr, getattr(t, attr))

class Registry:
    items = []
    def add(self, x):
        self.items.append(x)
r1, r2 = Registry(), Registry()
r1.add(1)
r2.add(2)
print(Registry.items, r1.items is r2.items)
print(type(t).__name__, type(3).__name__, type("s").__name__, type([]).__name__, type({}).__name__,
      type(None).__name__, type(len).__name__, type(Temperature).__name__, type(1.5).__name__)
