"""Disassembler of this interpreter's bytecode, with CPython 3.11's dis API.

The opcodes are gilbench's own (CPython-like names, one 32-bit unit per instruction, offsets
are instruction index x 4), so the text differs from CPython's but has its layout; it is the
same text `gilbench dis FILE` prints. There is no adaptive specialization yet: the
`adaptive` and `show_caches` arguments are accepted and change nothing.
"""

import sys
import _dis
from collections import namedtuple

__all__ = ["code_info", "dis", "disassemble", "distb", "disco", "findlinestarts", "findlabels",
           "show_code", "get_instructions", "Instruction", "Bytecode", "opname", "opmap",
           "cmp_op", "hasconst", "hasname", "hasjrel", "hasjabs", "haslocal", "hascompare",
           "hasfree", "COMPILER_FLAG_NAMES", "Positions"]

opname = list(_dis.opname)
opmap = {name: op for op, name in enumerate(opname) if not name.startswith("<")}
hasconst = list(_dis.hasconst)
hasname = list(_dis.hasname)
haslocal = list(_dis.haslocal)
hasfree = list(_dis.hasfree)
hascompare = list(_dis.hascompare)
hasjabs = list(_dis.hasjump)   # every jump argument is an absolute instruction index
hasjrel = []
hasarg = list(_dis.hasarg)
cmp_op = ("<", "<=", "==", "!=", ">", ">=")
for _name, _op in opmap.items():
    globals()[_name] = _op
del _name, _op

COMPILER_FLAG_NAMES = {
    1: "OPTIMIZED", 2: "NEWLOCALS", 4: "VARARGS", 8: "VARKEYWORDS", 16: "NESTED",
    32: "GENERATOR", 64: "NOFREE", 128: "COROUTINE", 256: "ITERABLE_COROUTINE",
    512: "ASYNC_GENERATOR",
}

Positions = namedtuple("Positions", ["lineno", "end_lineno", "col_offset", "end_col_offset"],
                       defaults=[None] * 4)

_Instruction = namedtuple("_Instruction", ["opname", "opcode", "arg", "argval", "argrepr",
                                           "offset", "starts_line", "is_jump_target",
                                           "positions"], defaults=[None])


class Instruction(_Instruction):
    """Details for a bytecode operation.

    opname, opcode, arg, argval (the resolved argument), argrepr (its text), offset
    (instruction index x 4), starts_line (the line it starts, or None), is_jump_target,
    positions (a Positions with the line only: no column table is kept).
    """

    __slots__ = ()

    def _disassemble(self, lineno_width=3, mark_as_current=False, offset_width=4):
        fields = []
        if lineno_width:
            if self.starts_line is not None:
                fields.append(str(self.starts_line).rjust(lineno_width))
            else:
                fields.append(" " * lineno_width)
        fields.append("-->" if mark_as_current else "   ")
        fields.append(">>" if self.is_jump_target else "  ")
        fields.append(repr(self.offset).rjust(offset_width))
        fields.append(self.opname.ljust(20))
        if self.arg is not None:
            fields.append(repr(self.arg).rjust(5))
            if self.argrepr:
                fields.append("(" + self.argrepr + ")")
        return " ".join(fields).rstrip()


_CodeType = type((lambda: 0).__code__)
_FunctionType = type(lambda: 0)


class _C:
    def _m(self):
        pass


_MethodType = type(_C()._m)
_HAVE_CODE = (_MethodType, _FunctionType, _CodeType, classmethod, staticmethod, type)
del _C


def _unwrap(x):
    """The code object (or class/module/str) behind x, as dis.dis looks for it."""
    if hasattr(x, "__func__"):
        x = x.__func__
    if hasattr(x, "__code__"):
        x = x.__code__
    elif hasattr(x, "gi_code"):
        x = x.gi_code
    return x


def _get_code_object(x):
    x = _unwrap(x)
    if isinstance(x, str):
        x = _try_compile(x, "<disassembly>")
    if isinstance(x, _CodeType):
        return x
    raise TypeError("don't know how to disassemble %s objects" % type(x).__name__)


def _try_compile(source, name):
    """An expression compiles in eval mode, anything else in exec mode (as CPython's dis)."""
    try:
        return compile(source, name, "eval")
    except SyntaxError:
        pass
    return compile(source, name, "exec")


def _write(text, file):
    if file is None:
        file = sys.stdout
    file.write(text)


def dis(x=None, *, file=None, depth=None, show_caches=False, adaptive=False):
    """Disassemble a function, method, class, module, code object or source string.

    A class or module: each function, method, class and code object in its namespace, sorted
    by name. Nested code objects are followed down to `depth` levels (all by default).
    `adaptive` and `show_caches` are accepted for CPython compatibility; this interpreter
    does not specialize, so they change nothing.
    """
    if x is None:
        distb(file=file, show_caches=show_caches, adaptive=adaptive)
        return
    x = _unwrap(x)
    if hasattr(x, "__dict__") and not isinstance(x, _CodeType):
        for name, x1 in sorted(x.__dict__.items()):
            if isinstance(x1, _HAVE_CODE):
                print("Disassembly of %s:" % name, file=file)
                try:
                    dis(x1, file=file, depth=depth, show_caches=show_caches, adaptive=adaptive)
                except TypeError as msg:
                    print("Sorry:", msg, file=file)
                print(file=file)
    elif isinstance(x, _CodeType):
        _disassemble_recursive(x, file=file, depth=depth)
    elif isinstance(x, str):
        _disassemble_recursive(_try_compile(x, "<dis>"), file=file, depth=depth)
    else:
        raise TypeError("don't know how to disassemble %s objects" % type(x).__name__)


def distb(tb=None, *, file=None, show_caches=False, adaptive=False):
    """Disassemble a traceback (default: the last one). Tracebacks keep no frames here."""
    if tb is None:
        raise RuntimeError("no last traceback to disassemble")
    raise TypeError("tracebacks cannot be disassembled by this interpreter")


def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    """Disassemble one code object (nested code objects are not followed)."""
    _write(_dis.disassemble(co), file)


disco = disassemble


def _disassemble_recursive(co, *, file=None, depth=None):
    disassemble(co, file=file)
    if depth is None or depth > 0:
        if depth is not None:
            depth = depth - 1
        for x in co.co_consts:
            if isinstance(x, _CodeType):
                print(file=file)
                print("Disassembly of %r:" % (x,), file=file)
                _disassemble_recursive(x, file=file, depth=depth)


def _instructions(co):
    for (name, op, arg, argval, argrepr, offset, starts_line, is_target, line) in _dis.instructions(co):
        yield Instruction(name, op, arg, argval, argrepr, offset, starts_line, is_target,
                          Positions(line, line, None, None))


def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    """An iterator over the instructions of a function, method, code object or source string.

    With first_line, line numbers are shifted so the code starts at that line.
    """
    co = _get_code_object(x)
    shift = 0 if first_line is None else first_line - co.co_firstlineno
    for ins in _instructions(co):
        if shift:
            starts = None if ins.starts_line is None else ins.starts_line + shift
            pos = ins.positions
            line = None if pos.lineno is None else pos.lineno + shift
            ins = ins._replace(starts_line=starts, positions=Positions(line, line, None, None))
        yield ins


def findlinestarts(code):
    """(offset, lineno) for each instruction that starts a source line."""
    for ins in _instructions(code):
        if ins.starts_line is not None:
            yield ins.offset, ins.starts_line


def findlabels(code):
    """The offsets that are jump targets, in increasing order."""
    if not isinstance(code, _CodeType):
        raise TypeError("findlabels() needs a code object in this interpreter")
    return [ins.offset for ins in _instructions(code) if ins.is_jump_target]


def pretty_flags(flags):
    """The names of the bits set in co_flags, comma-separated."""
    names = []
    for i in range(32):
        flag = 1 << i
        if flags & flag:
            names.append(COMPILER_FLAG_NAMES.get(flag, hex(flag)))
            flags ^= flag
            if not flags:
                break
    else:
        names.append(hex(flags))
    return ", ".join(names)


def _format_code_info(co):
    lines = [
        "Name:              %s" % co.co_name,
        "Filename:          %s" % co.co_filename,
        "Argument count:    %s" % co.co_argcount,
        "Positional-only arguments: %s" % co.co_posonlyargcount,
        "Kw-only arguments: %s" % co.co_kwonlyargcount,
        "Number of locals:  %s" % co.co_nlocals,
        "Stack size:        %s" % co.co_stacksize,
        "Flags:             %s" % pretty_flags(co.co_flags),
    ]
    for title, items, use_repr in (("Constants", _dis.consts(co), True), ("Names", co.co_names, False),
                                   ("Variable names", co.co_varnames, False),
                                   ("Free variables", co.co_freevars, False),
                                   ("Cell variables", co.co_cellvars, False)):
        if items:
            lines.append(title + ":")
            for i, item in enumerate(items):
                lines.append("%4d: %s" % (i, repr(item) if use_repr else item))
    return "\n".join(lines)


def code_info(x):
    """Formatted details of a function's, method's, code object's or source string's code."""
    return _format_code_info(_get_code_object(x))


def show_code(co, *, file=None):
    """Print the details of a code object (see code_info)."""
    print(code_info(co), file=file)


def stack_effect(opcode, oparg=None, *, jump=None):
    """Not available: the compiler computes stack depths over whole code objects."""
    raise ValueError("stack_effect() is not available in this interpreter")


class Bytecode:
    """The instructions of a function, method, code object or source string.

    Iterating yields Instruction tuples; dis() returns the disassembly of this one code
    object as a string; info() its code_info().
    """

    def __init__(self, x, *, first_line=None, current_offset=None, show_caches=False, adaptive=False):
        self.codeobj = co = _get_code_object(x)
        if first_line is None:
            self.first_line = co.co_firstlineno
            self._line_offset = 0
        else:
            self.first_line = first_line
            self._line_offset = first_line - co.co_firstlineno
        self._original_object = x
        self.current_offset = current_offset
        self.show_caches = show_caches
        self.adaptive = adaptive

    def __iter__(self):
        return get_instructions(self.codeobj, first_line=self.first_line)

    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, self._original_object)

    def info(self):
        """Formatted details of the code object."""
        return _format_code_info(self.codeobj)

    def dis(self):
        """The disassembly of the code object, as a string."""
        if self.current_offset is None and not self._line_offset:
            return _dis.disassemble(self.codeobj)
        instructions = list(self)
        lineno_width = 3 if any(i.starts_line is not None for i in instructions) else 0
        if lineno_width:
            biggest = max(i.starts_line for i in instructions if i.starts_line is not None)
            if biggest >= 1000:
                lineno_width = len(str(biggest))
        last = instructions[-1].offset if instructions else 0
        offset_width = len(str(last)) if last >= 10000 else 4
        out = []
        for i, ins in enumerate(instructions):
            if lineno_width and ins.starts_line is not None and i > 0:
                out.append("")
            out.append(ins._disassemble(lineno_width, ins.offset == self.current_offset, offset_width))
        return "\n".join(out) + "\n"

    @classmethod
    def from_traceback(cls, tb, *, show_caches=False, adaptive=False):
        """Not available: tracebacks keep no frames in this interpreter."""
        raise TypeError("tracebacks cannot be disassembled by this interpreter")
