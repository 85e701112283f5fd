# Unbounded recursion raises RecursionError, which can be caught; the interpreter keeps working.
import sys

def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    print("caught RecursionError:", e)

depth = 0
def measure():
    global depth
    depth += 1
    measure()

try:
    measure()
except RecursionError:
    print("depth reached is close to the limit:", 900 <= depth <= sys.getrecursionlimit())

def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RecursionError as e:
    print("mutual:", type(e).__name__, isinstance(e, RuntimeError))

def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print("still works:", ok(300))

class Node:
    def __init__(self, child=None):
        self.child = child
    def depth(self):
        return 1 + (self.child.depth() if self.child else 0)
n = None
for _ in range(200):
    n = Node(n)
print("node depth:", n.depth())
def rec_method_loop(x):
    return [rec_method_loop(x)]
try:
    rec_method_loop(1)
except RecursionError:
    print("recursion in list construction caught")
print("done")
