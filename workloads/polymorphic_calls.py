"""One polymorphic call site: shape.area() and shape.perimeter() on instances of five classes (method lookup through per-class caches, shared instances under gil/ft)."""

META = {"category": "cpu-objects", "size": 800_000, "doc": "size iterations over a mixed list of shapes, each calling area() and perimeter() at one call site"}

SHAPES = 1000


class Shape:
    def perimeter(self):
        return 0


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side

    def perimeter(self):
        return 4 * self.side


class Rect(Shape):
    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return 3 * self.r * self.r  # integer "pi" keeps results exact

    def perimeter(self):
        return 6 * self.r


class RightTriangle(Shape):
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def area(self):
        return self.a * self.b // 2

    def perimeter(self):
        return self.a + self.b + max(self.a, self.b)  # rough: no sqrt, still exact


class Point(Shape):
    # inherits perimeter() from Shape: one more lookup path at the same call site
    def area(self):
        return 0


def make_shapes():
    shapes = []
    for i in range(SHAPES):
        k = i % 5
        d = i % 17 + 1
        if k == 0:
            shapes.append(Square(d))
        elif k == 1:
            shapes.append(Rect(d, d + 3))
        elif k == 2:
            shapes.append(Circle(d))
        elif k == 3:
            shapes.append(RightTriangle(d, 2 * d))
        else:
            shapes.append(Point())
    return shapes


def setup(size):
    return make_shapes()


def work(state, worker, workers, size):
    shapes = state
    total_area = 0
    total_perimeter = 0
    n = size // workers
    j = (worker * 389) % SHAPES
    for _ in range(n):
        s = shapes[j]
        total_area += s.area()
        total_perimeter += s.perimeter()
        j += 1
        if j == SHAPES:
            j = 0
    return (n, total_area, total_perimeter)


def _expected(first, n):
    shapes = make_shapes()
    areas = [s.area() for s in shapes]
    perims = [s.perimeter() for s in shapes]
    full = n // SHAPES
    a = full * sum(areas)
    p = full * sum(perims)
    j = first
    for _ in range(n % SHAPES):
        a += areas[j]
        p += perims[j]
        j = (j + 1) % SHAPES
    return (n, a, p)


def check(results, size, workers):
    n = size // workers
    if len(results) != workers:
        return f"{len(results)} results for {workers} workers"
    for w in range(workers):
        if tuple(results[w]) != _expected((w * 389) % SHAPES, n):
            return f"worker {w}: got {tuple(results[w])}, expected {_expected((w * 389) % SHAPES, n)}"
    return True
