# Helper module imported by imports.py (not a program).
print("_helper_mod is being imported, __name__ =", __name__)

GREETING = "hello from helper"
counter = 0


def f(x):
    return x * 2 + 1


def bump():
    global counter
    counter += 1
    return counter


class Shape:
    def __init__(self, sides):
        self.sides = sides

    def __repr__(self):
        return f"Shape({self.sides})"


if __name__ == "__main__":
    print("never printed when imported")
