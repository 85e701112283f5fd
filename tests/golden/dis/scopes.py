x = 1

class A:
    x = 2
    y = [x for _ in range(1)]

def f():
    x = 3
    class B:
        y = x
        def g(self):
            return x
    return B

def h():
    del x
    x = 1

def walrus(data):
    if any((hit := d) > 3 for d in data):
        return hit
