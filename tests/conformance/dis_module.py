"""dis: the parts of the API that do not depend on the bytecode itself (gilbench's opcodes
are its own; tests/golden_dis_module.rs checks the text against `gilbench dis`)."""
import dis
import io


def f(a, b, *, c=3):
    total = a + b * c
    for i in range(a):
        if i % 2:
            total += i
    return total


class K:
    def method(self, x):
        return x + 1

    @staticmethod
    def smethod():
        return "s"

    @classmethod
    def cmethod(cls):
        return cls

    attr = 5


instructions = list(dis.get_instructions(f))
first = instructions[0]
print(type(first).__name__, first._fields)
print(dis.Instruction._fields, dis.Positions._fields)
print(all(isinstance(i, dis.Instruction) and isinstance(i, tuple) for i in instructions))
print(all(i.opname in dis.opname and dis.opname[i.opcode] == i.opname for i in instructions))
print(all(dis.opmap[i.opname] == i.opcode for i in instructions))
print(first.offset, all(b.offset > a.offset for a, b in zip(instructions, instructions[1:])))
print(all(i.offset % 2 == 0 for i in instructions), any(i.is_jump_target for i in instructions))
print(all((i.arg is None) == (i.argval is None) or i.opname == "LOAD_CONST" for i in instructions))
print(sorted({i.argval for i in instructions if i.opname == "LOAD_FAST"}))
print([i.argval for i in instructions if i.opname == "LOAD_GLOBAL"])
print(sorted({i.starts_line for i in instructions if i.starts_line is not None and i.starts_line > 7}))
print(all(i.positions is None or isinstance(i.positions, dis.Positions) for i in instructions))
print(list(dis.Bytecode(f)) == instructions, dis.Bytecode(f).codeobj is f.__code__, dis.Bytecode(f).first_line)
print(dis.opname[dis.opmap["LOAD_CONST"]], len(dis.opname), dis.opmap["RETURN_VALUE"] in range(256))
print(dis.COMPILER_FLAG_NAMES[1], dis.COMPILER_FLAG_NAMES[32], dis.pretty_flags(3), dis.cmp_op)
print(all(op in range(256) for op in dis.hasconst + dis.hasname + dis.haslocal + dis.hascompare + dis.hasfree))
print(dis.opmap["LOAD_CONST"] in dis.hasconst, dis.opmap["LOAD_FAST"] in dis.haslocal, dis.opmap["LOAD_GLOBAL"] in dis.hasname)

out = io.StringIO()
dis.dis(f, file=out)
text = out.getvalue()
print(len(text) > 0, "LOAD_FAST" in text, "RETURN_VALUE" in text, "(total)" in text)
print(text == dis.Bytecode(f).dis())
adaptive = io.StringIO()
dis.dis(f, file=adaptive, adaptive=True)
print(adaptive.getvalue() == text)
caches = io.StringIO()
dis.dis(f, file=caches, show_caches=False, depth=0)
print(caches.getvalue() == text)
out2 = io.StringIO()
dis.disassemble(f.__code__, file=out2)
print(out2.getvalue() == text)

kout = io.StringIO()
dis.dis(K, file=kout)
print([line for line in kout.getvalue().splitlines() if line.startswith("Disassembly")])
mout = io.StringIO()
dis.dis(K.method, file=mout)
mout2 = io.StringIO()
dis.dis(K().method, file=mout2)
print(mout.getvalue() == mout2.getvalue(), "(x)" in mout.getvalue())

sout = io.StringIO()
dis.dis("x + 1", file=sout)
print("LOAD_NAME" in sout.getvalue(), "(x)" in sout.getvalue())
nested = io.StringIO()
dis.dis("def g():\n    return 1\n", file=nested)
print(nested.getvalue().count("Disassembly of <code object g at "), "file \"<dis>\", line 1>:" in nested.getvalue())

info = dis.code_info(f).splitlines()
print(info[0])
print(info[2:5])
print([line for line in info if line.endswith(":") and not line.startswith("Flags")])
print(dis.code_info("a = b").splitlines()[0], dis.code_info("a = b").splitlines()[1])
shown = io.StringIO()
dis.show_code(f, file=shown)
print(shown.getvalue() == dis.code_info(f) + "\n")
print(list(dis.Bytecode(f).info().splitlines()) == info)

for bad in (3, None):
    try:
        dis.dis(bad) if bad is not None else dis.dis()
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)
try:
    list(dis.get_instructions(4.5))
except TypeError as e:
    print("TypeError", e)
code = compile("y = 2", "<compiled>", "exec")
print(sorted({i.argval for i in dis.get_instructions(code) if i.opname in ("STORE_NAME", "LOAD_CONST")}, key=repr))
