# Inheritance, super(), method resolution, isinstance/issubclass.
class Animal:
    kind = "animal"

    def __init__(self, name):
        self.name = name

    def speak(self):
        return "..."

    def describe(self):
        return f"{self.name} is a {self.kind} and says {self.speak()}"

class Dog(Animal):
    kind = "dog"

    def speak(self):
        return "woof"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + "!" * self.age

class Cat(Animal):
    def speak(self):
        return "meow"

for a in [Animal("generic"), Dog("rex"), Puppy("bit", 3), Cat("tom")]:
    print(a.describe())
p = Puppy("bit", 2)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat))
print(issubclass(Puppy, Animal), issubclass(Cat, Dog), issubclass(Dog, object), issubclass(bool, int))
print(isinstance(3, (str, int)), isinstance("s", (list, tuple)))

class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print(D().who(), B().who(), C().who())

class Base:
    def __init__(self):
        print("Base.__init__")
        self.setup()
    def setup(self):
        print("Base.setup")
class Derived(Base):
    def setup(self):
        print("Derived.setup")
Derived()

class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement area")
class Sq(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
print(Sq(4).area())
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)

class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.total(), len(ml), isinstance(ml, list))
class MyDict(dict):
    pass
md = MyDict(a=1)
print(md, md["a"], type(md).__name__)
class Loud(Exception):
    pass
print(issubclass(Loud, Exception), issubclass(Loud, BaseException), issubclass(KeyError, LookupError))
