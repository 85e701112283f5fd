class Base:
    """A base class."""
    kind = "base"

    def __init__(self, v):
        self.v = v

    def describe(self):
        return f"{self.kind}:{self.v}"

class Child(Base, metaclass=type):
    kind = "child"

    def describe(self):
        return "child " + super().describe()

    @property
    def cls_name(self):
        return __class__.__name__

    @staticmethod
    def make(v):
        return Child(v)

def factory(n):
    class Local:
        size = n
        def get(self):
            return n
    return Local
