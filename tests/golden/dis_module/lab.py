"""A dis lab: disassemble functions, methods, classes, closures, generators, source strings
and compiled code; list instructions; code_info. Output reviewed by hand (gilbench opcodes)."""
import dis
import io


def add(a, b=1):
    return a + b


def counter():
    count = 0

    def bump(step=1):
        nonlocal count
        count += step
        return count

    return bump


def squares(n):
    for i in range(n):
        if i % 2 == 0:
            yield i * i


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{self.name} with {self.sides} sides"

    @staticmethod
    def unit():
        return Shape("unit")

    @classmethod
    def make(cls, name):
        return cls(name)


print("== function")
dis.dis(add)
print("== closure (nested code objects are followed)")
dis.dis(counter)
print("== depth=0")
dis.dis(counter, depth=0)
print("== inner function")
dis.dis(counter())
print("== generator function and generator object")
dis.dis(squares)
gen = squares(3)
buf = io.StringIO()
dis.dis(gen, file=buf)
print(buf.getvalue() == dis.Bytecode(squares).dis(), gen.gi_code is squares.__code__, next(gen))
print("== bound method")
dis.dis(Shape("s").describe)
print("== class")
dis.dis(Shape)
print("== source string (expression: eval mode)")
dis.dis("a * 2 + b")
print("== source string (statements)")
dis.dis("x = [i for i in range(3)]\nprint(x)")
print("== compiled code object")
dis.dis(compile("total = sum(v for v in (1, 2, 3))", "<lab>", "exec"))
print("== adaptive=True (no specialization here: same text)")
buf = io.StringIO()
dis.dis(add, file=buf, adaptive=True)
print(buf.getvalue() == dis.Bytecode(add).dis())
print("== instructions")
for ins in dis.get_instructions(add):
    print(ins.offset, ins.opname, ins.opcode, ins.arg, repr(ins.argval), repr(ins.argrepr), ins.starts_line, ins.is_jump_target, ins.positions)
print("== first_line shifts line numbers")
print([i.starts_line for i in dis.get_instructions(add, first_line=100) if i.starts_line])
print("== Bytecode")
bc = dis.Bytecode(squares)
print([i.opname for i in bc])
print(bc.dis(), end="")
print(dis.Bytecode(add, current_offset=4).dis(), end="")
print("== code_info / show_code")
print(dis.code_info(counter))
dis.show_code(Shape.describe)
print("== findlinestarts / findlabels")
print(list(dis.findlinestarts(squares.__code__)), dis.findlabels(squares.__code__))
print("== co_code")
print(len(add.__code__.co_code), len(add.__code__.co_code) // 4 == len(list(dis.get_instructions(add))))
