class A:
    pass

class B(A):
    x = 1

    def method(self):
        return self.x

class C(A, B, metaclass=Meta, **kw):
    """Docstring."""

class D(*bases):
    pass

class E():
    pass
