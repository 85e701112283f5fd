"""The ast module: abstract syntax trees of Python source as node objects (CPython 3.11's API).

`parse` runs this interpreter's parser (the native `_ast` module hands the tree over as nested
tuples, turned into nodes here); node classes, `dump`, `walk`, the visitors, `literal_eval`,
`get_docstring`, `fix_missing_locations`, `unparse` and friends work on any tree a program
built or changed, and `compile()` accepts such trees. Not provided: the deprecated node
aliases (`Num`, `Str`, ...), `match` statements and `async` statements (the parser has none).
"""

import _ast

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192


class AST:
    """The base of every node class. Positional arguments fill _fields in order; keyword
    arguments set any attribute."""

    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        fields = self._fields
        if len(args) > len(fields):
            n = len(fields)
            raise TypeError("%s constructor takes at most %d positional argument%s" % (
                type(self).__name__, n, "" if n == 1 else "s"))
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            if name in fields[:len(args)]:
                raise TypeError("%s got multiple values for argument '%s'" % (type(self).__name__, name))
            setattr(self, name, value)

    def __reduce__(self):
        return type(self), (), dict(self.__dict__)


# Node classes: "Name Base fields [@attributes]"; a trailing "?" marks an optional field, whose
# class attribute is None (so a missing optional field reads as None, as in CPython).
_NODES = """
mod AST
Module mod body,type_ignores
Interactive mod body
Expression mod body
FunctionType mod argtypes,returns
stmt AST @lineno,col_offset,end_lineno?,end_col_offset?
FunctionDef stmt name,args,body,decorator_list,returns?,type_comment?
AsyncFunctionDef stmt name,args,body,decorator_list,returns?,type_comment?
ClassDef stmt name,bases,keywords,body,decorator_list
Return stmt value?
Delete stmt targets
Assign stmt targets,value,type_comment?
AugAssign stmt target,op,value
AnnAssign stmt target,annotation,value?,simple
For stmt target,iter,body,orelse,type_comment?
AsyncFor stmt target,iter,body,orelse,type_comment?
While stmt test,body,orelse
If stmt test,body,orelse
With stmt items,body,type_comment?
AsyncWith stmt items,body,type_comment?
Match stmt subject,cases
Raise stmt exc?,cause?
Try stmt body,handlers,orelse,finalbody
TryStar stmt body,handlers,orelse,finalbody
Assert stmt test,msg?
Import stmt names
ImportFrom stmt module?,names,level?
Global stmt names
Nonlocal stmt names
Expr stmt value
Pass stmt
Break stmt
Continue stmt
expr AST @lineno,col_offset,end_lineno?,end_col_offset?
BoolOp expr op,values
NamedExpr expr target,value
BinOp expr left,op,right
UnaryOp expr op,operand
Lambda expr args,body
IfExp expr test,body,orelse
Dict expr keys,values
Set expr elts
ListComp expr elt,generators
SetComp expr elt,generators
DictComp expr key,value,generators
GeneratorExp expr elt,generators
Await expr value
Yield expr value?
YieldFrom expr value
Compare expr left,ops,comparators
Call expr func,args,keywords
FormattedValue expr value,conversion,format_spec?
JoinedStr expr values
Constant expr value,kind?
Attribute expr value,attr,ctx
Subscript expr value,slice,ctx
Starred expr value,ctx
Name expr id,ctx
List expr elts,ctx
Tuple expr elts,ctx
Slice expr lower?,upper?,step?
expr_context AST
Load expr_context
Store expr_context
Del expr_context
boolop AST
And boolop
Or boolop
operator AST
Add operator
Sub operator
Mult operator
MatMult operator
Div operator
Mod operator
Pow operator
LShift operator
RShift operator
BitOr operator
BitXor operator
BitAnd operator
FloorDiv operator
unaryop AST
Invert unaryop
Not unaryop
UAdd unaryop
USub unaryop
cmpop AST
Eq cmpop
NotEq cmpop
Lt cmpop
LtE cmpop
Gt cmpop
GtE cmpop
Is cmpop
IsNot cmpop
In cmpop
NotIn cmpop
comprehension AST target,iter,ifs,is_async
excepthandler AST @lineno,col_offset,end_lineno?,end_col_offset?
ExceptHandler excepthandler type?,name?,body
arguments AST posonlyargs,args,vararg?,kwonlyargs,kw_defaults,kwarg?,defaults
arg AST arg,annotation?,type_comment? @lineno,col_offset,end_lineno?,end_col_offset?
keyword AST arg?,value @lineno,col_offset,end_lineno?,end_col_offset?
alias AST name,asname? @lineno,col_offset,end_lineno?,end_col_offset?
withitem AST context_expr,optional_vars?
match_case AST pattern,guard?,body
pattern AST @lineno,col_offset,end_lineno,end_col_offset
MatchValue pattern value
MatchSingleton pattern value
MatchSequence pattern patterns
MatchMapping pattern keys,patterns,rest?
MatchClass pattern cls,patterns,kwd_attrs,kwd_patterns
MatchStar pattern name?
MatchAs pattern pattern?,name?
MatchOr pattern patterns
type_ignore AST
TypeIgnore type_ignore lineno,tag
"""


def _make_classes():
    made = {"AST": AST}
    for line in _NODES.strip().splitlines():
        parts = line.split()
        name, base = parts[0], made[parts[1]]
        fields = ()
        attributes = None
        for part in parts[2:]:
            if part.startswith("@"):
                attributes = tuple(part[1:].split(","))
            else:
                fields = tuple(part.split(","))
        ns = {"__module__": "ast"}
        names = list(fields) + list(attributes or ())
        for f in names:
            if f.endswith("?"):
                ns[f[:-1]] = None
        ns["_fields"] = tuple(f.rstrip("?") for f in fields)
        ns["__match_args__"] = ns["_fields"]
        if attributes is not None:
            ns["_attributes"] = tuple(a.rstrip("?") for a in attributes)
        made[name] = type(name, (base,), ns)
    return made


_CLASSES = _make_classes()
globals().update(_CLASSES)
_SINGLETONS = {}


def _build(t):
    """A node from the native encoding: (class name, fields..., positions...)."""
    name = t[0]
    cls = _CLASSES[name]
    fields = cls._fields
    attributes = cls._attributes
    if not fields and len(t) == 1:
        node = _SINGLETONS.get(name)
        if node is None:
            node = _SINGLETONS[name] = cls()
        return node
    node = cls.__new__(cls)
    d = node.__dict__
    i = 1
    for f in fields:
        v = t[i]
        i += 1
        if type(v) is tuple:
            v = _build(v)
        elif type(v) is list:
            v = [_build(x) if type(x) is tuple else x for x in v]
        d[f] = v
    if len(t) > i:
        for a in attributes:
            d[a] = t[i]
            i += 1
    return node


def parse(source, filename="<unknown>", mode="exec", *, type_comments=False, feature_version=None):
    """Parse source (str or bytes) into an AST node: a Module (mode 'exec'), an Expression
    ('eval') or an Interactive ('single'). A syntax error raises SyntaxError."""
    if isinstance(source, AST):
        return source
    if mode not in ("exec", "eval", "single", "func_type"):
        raise ValueError("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")
    if mode == "func_type":
        raise ValueError("mode 'func_type' is not supported by this interpreter")
    return _build(_ast.parse(source, filename, mode))


def literal_eval(node_or_string):
    """Evaluate an expression node or a string holding only Python literals: strings,
    bytes, numbers, tuples, lists, dicts, sets, booleans, None and Ellipsis."""
    if isinstance(node_or_string, str):
        node_or_string = parse(node_or_string.lstrip(" \t"), mode="eval")
    if isinstance(node_or_string, Expression):
        node_or_string = node_or_string.body

    def malformed(node):
        msg = "malformed node or string"
        line = getattr(node, "lineno", None)
        if line:
            msg += " on line %d" % line
        raise ValueError(msg + ": " + repr(node))

    def number(node):
        if not isinstance(node, Constant) or type(node.value) not in (int, float):
            malformed(node)
        return node.value

    def signed(node):
        if isinstance(node, UnaryOp) and isinstance(node.op, (UAdd, USub)):
            value = number(node.operand)
            return value if isinstance(node.op, UAdd) else -value
        return number(node)

    def convert(node):
        if isinstance(node, Constant):
            return node.value
        if isinstance(node, Tuple):
            return tuple(convert(x) for x in node.elts)
        if isinstance(node, List):
            return [convert(x) for x in node.elts]
        if isinstance(node, Set):
            return set(convert(x) for x in node.elts)
        if (isinstance(node, Call) and isinstance(node.func, Name) and node.func.id == "set"
                and node.args == node.keywords == []):
            return set()
        if isinstance(node, Dict):
            if len(node.keys) != len(node.values):
                malformed(node)
            return dict(zip([convert(k) for k in node.keys], [convert(v) for v in node.values]))
        return signed(node)

    return convert(node_or_string)


def dump(node, annotate_fields=True, include_attributes=False, *, indent=None):
    """A formatted dump of the tree. Fields that hold their class default of None are left
    out (and the fields after one are then named); with indent, nested nodes go on their own
    lines indented by that many spaces (or that string)."""
    if not isinstance(node, AST):
        raise TypeError("expected AST, got %r" % node.__class__.__name__)
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent

    def fmt(value, depth):
        # Answers (text, simple): simple values may share a line with their siblings.
        if indent is not None:
            depth += 1
            opening = "\n" + indent * depth
            between = ",\n" + indent * depth
        else:
            opening = ""
            between = ", "
        if isinstance(value, list):
            if not value:
                return "[]", True
            return "[%s%s]" % (opening, between.join(fmt(x, depth)[0] for x in value)), False
        if not isinstance(value, AST):
            return repr(value), True
        cls = type(value)
        parts = []
        simple = True
        named = annotate_fields
        for name in value._fields:
            try:
                v = getattr(value, name)
            except AttributeError:
                named = True
                continue
            if v is None and getattr(cls, name, ...) is None:
                named = True
                continue
            text, s = fmt(v, depth)
            simple = simple and s
            parts.append("%s=%s" % (name, text) if named else text)
        if include_attributes and value._attributes:
            for name in value._attributes:
                try:
                    v = getattr(value, name)
                except AttributeError:
                    continue
                if v is None and getattr(cls, name, ...) is None:
                    continue
                text, s = fmt(v, depth)
                simple = simple and s
                parts.append("%s=%s" % (name, text))
        if simple and len(parts) <= 3:
            return "%s(%s)" % (cls.__name__, ", ".join(parts)), not parts
        return "%s(%s%s)" % (cls.__name__, opening, between.join(parts)), False

    return fmt(node, 0)[0]


def copy_location(new_node, old_node):
    """Copy the source positions of old_node to new_node where both have them; answers new_node."""
    for attr in "lineno", "col_offset", "end_lineno", "end_col_offset":
        if attr in old_node._attributes and attr in new_node._attributes:
            value = getattr(old_node, attr, None)
            if value is not None or (hasattr(old_node, attr) and attr.startswith("end_")):
                setattr(new_node, attr, value)
    return new_node


def fix_missing_locations(node):
    """Give every node without a position its parent's (1, 0 at the top); answers node."""
    def fix(node, lineno, col_offset, end_lineno, end_col_offset):
        attrs = node._attributes
        if "lineno" in attrs:
            if not hasattr(node, "lineno"):
                node.lineno = lineno
            else:
                lineno = node.lineno
        if "end_lineno" in attrs:
            if getattr(node, "end_lineno", None) is None:
                node.end_lineno = end_lineno
            else:
                end_lineno = node.end_lineno
        if "col_offset" in attrs:
            if not hasattr(node, "col_offset"):
                node.col_offset = col_offset
            else:
                col_offset = node.col_offset
        if "end_col_offset" in attrs:
            if getattr(node, "end_col_offset", None) is None:
                node.end_col_offset = end_col_offset
            else:
                end_col_offset = node.end_col_offset
        for child in iter_child_nodes(node):
            fix(child, lineno, col_offset, end_lineno, end_col_offset)
    fix(node, 1, 0, 1, 0)
    return node


def increment_lineno(node, n=1):
    """Add n to the line numbers of node and all its descendants; answers node."""
    for child in walk(node):
        if isinstance(child, TypeIgnore):
            child.lineno = getattr(child, "lineno", 0) + n
            continue
        if "lineno" in child._attributes:
            child.lineno = getattr(child, "lineno", 0) + n
        if "end_lineno" in child._attributes:
            end = getattr(child, "end_lineno", 0)
            if end is not None:
                child.end_lineno = end + n
    return node


def iter_fields(node):
    """(name, value) for each field in node._fields that is present on node."""
    for name in node._fields:
        try:
            yield name, getattr(node, name)
        except AttributeError:
            pass


def iter_child_nodes(node):
    """The direct child nodes: fields that are nodes, and the nodes in list fields."""
    for _name, value in iter_fields(node):
        if isinstance(value, AST):
            yield value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, AST):
                    yield item


def walk(node):
    """Every node of the tree, node first, breadth first (order otherwise unspecified)."""
    pending = [node]
    i = 0
    while i < len(pending):
        current = pending[i]
        i += 1
        pending.extend(iter_child_nodes(current))
        yield current


def _cleandoc(doc):
    lines = doc.expandtabs().split("\n")
    margin = None
    for line in lines[1:]:
        content = len(line.lstrip())
        if content:
            indent = len(line) - content
            margin = indent if margin is None else min(margin, indent)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        for i in range(1, len(lines)):
            lines[i] = lines[i][margin:]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def get_docstring(node, clean=True):
    """The docstring of a FunctionDef, ClassDef or Module node, or None; with clean, the
    indentation is cleaned up as inspect.cleandoc does."""
    if not isinstance(node, (AsyncFunctionDef, FunctionDef, ClassDef, Module)):
        raise TypeError("%r can't have docstrings" % node.__class__.__name__)
    if not (node.body and isinstance(node.body[0], Expr)):
        return None
    value = node.body[0].value
    if not (isinstance(value, Constant) and isinstance(value.value, str)):
        return None
    text = value.value
    return _cleandoc(text) if clean else text


def _split_lines(source):
    lines = []
    start = 0
    i = 0
    n = len(source)
    while i < n:
        c = source[i]
        i += 1
        if c == "\r" and i < n and source[i] == "\n":
            i += 1
        if c in "\r\n":
            lines.append(source[start:i])
            start = i
    if start < n:
        lines.append(source[start:])
    return lines


def get_source_segment(source, node, *, padded=False):
    """The text of source that produced node (None when node has no end position)."""
    try:
        if node.end_lineno is None or node.end_col_offset is None:
            return None
        lineno = node.lineno - 1
        end_lineno = node.end_lineno - 1
        col_offset = node.col_offset
        end_col_offset = node.end_col_offset
    except AttributeError:
        return None
    lines = _split_lines(source)
    if end_lineno == lineno:
        return lines[lineno].encode()[col_offset:end_col_offset].decode()
    if padded:
        padding = "".join(c if c in " \t\f" else " " for c in lines[lineno].encode()[:col_offset].decode())
    else:
        padding = ""
    first = padding + lines[lineno].encode()[col_offset:].decode()
    last = lines[end_lineno].encode()[:end_col_offset].decode()
    return "".join([first] + lines[lineno + 1:end_lineno] + [last])


class NodeVisitor:
    """Walks a tree calling visit_<ClassName>(node) for each node that has such a method,
    and generic_visit(node) (which visits the children) for the others."""

    def visit(self, node):
        method = getattr(self, "visit_" + node.__class__.__name__, self.generic_visit)
        return method(node)

    def generic_visit(self, node):
        for _name, value in iter_fields(node):
            if isinstance(value, list):
                for item in value:
                    if isinstance(item, AST):
                        self.visit(item)
            elif isinstance(value, AST):
                self.visit(value)


class NodeTransformer(NodeVisitor):
    """A NodeVisitor whose visit methods answer the replacement node: None removes the
    node, a list (in a list field) splices several in its place."""

    def generic_visit(self, node):
        for name, old in iter_fields(node):
            if isinstance(old, list):
                replaced = []
                for item in old:
                    if isinstance(item, AST):
                        item = self.visit(item)
                        if item is None:
                            continue
                        if not isinstance(item, AST):
                            replaced.extend(item)
                            continue
                    replaced.append(item)
                old[:] = replaced
            elif isinstance(old, AST):
                new = self.visit(old)
                if new is None:
                    delattr(node, name)
                else:
                    setattr(node, name, new)
        return node


# ----- unparse -------------------------------------------------------------------------------

# Precedence levels, lowest first (a node is parenthesised when its context asks for more).
_P_NAMED, _P_TUPLE, _P_YIELD, _P_TEST, _P_OR, _P_AND, _P_NOT, _P_CMP, _P_EXPR = range(1, 10)
_P_BOR = _P_EXPR
_P_BXOR, _P_BAND, _P_SHIFT, _P_ARITH, _P_TERM, _P_FACTOR, _P_POWER, _P_AWAIT, _P_ATOM = range(10, 19)

_BINOPS = {
    "Add": ("+", _P_ARITH), "Sub": ("-", _P_ARITH), "Mult": ("*", _P_TERM), "MatMult": ("@", _P_TERM),
    "Div": ("/", _P_TERM), "Mod": ("%", _P_TERM), "LShift": ("<<", _P_SHIFT), "RShift": (">>", _P_SHIFT),
    "BitOr": ("|", _P_BOR), "BitXor": ("^", _P_BXOR), "BitAnd": ("&", _P_BAND), "FloorDiv": ("//", _P_TERM),
    "Pow": ("**", _P_POWER),
}
_UNOPS = {"Invert": ("~", _P_FACTOR), "Not": ("not", _P_NOT), "UAdd": ("+", _P_FACTOR), "USub": ("-", _P_FACTOR)}
_CMPOPS = {"Eq": "==", "NotEq": "!=", "Lt": "<", "LtE": "<=", "Gt": ">", "GtE": ">=", "Is": "is",
           "IsNot": "is not", "In": "in", "NotIn": "not in"}
_SINGLE_QUOTES = ("'", '"')
_MULTI_QUOTES = ('"""', "'''")
_ALL_QUOTES = _SINGLE_QUOTES + _MULTI_QUOTES
_INF = "1e309"


def _escape_char(c, special_whitespace):
    if not special_whitespace and c in "\n\t":
        return c
    if c == "\\" or not c.isprintable():
        # What the unicode_escape codec writes.
        special = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
        if c in special:
            return special[c]
        n = ord(c)
        if n < 0x100:
            return "\\x%02x" % n
        if n < 0x10000:
            return "\\u%04x" % n
        return "\\U%08x" % n
    return c


def _string_body(text, quotes, special_whitespace=False):
    """(body, usable quotes) for a literal of text with as few escapes as possible."""
    body = "".join(_escape_char(c, special_whitespace) for c in text)
    usable = list(quotes)
    if "\n" in body:
        usable = [q for q in usable if q in _MULTI_QUOTES]
    usable = [q for q in usable if q not in body]
    if not usable:
        r = repr(text)
        quote = next((q for q in quotes if r[0] in q), r[0])
        return r[1:-1], [quote]
    if body:
        usable.sort(key=lambda q: q[0] == body[-1])
        if usable[0][0] == body[-1]:
            body = body[:-1] + "\\" + body[-1]
    return body, usable


class _Unparser(NodeVisitor):
    def __init__(self, avoid_backslashes=False):
        self._out = []
        self._prec = {}
        self._indent = 0
        self._avoid_backslashes = avoid_backslashes

    # output helpers

    def write(self, *texts):
        self._out.extend(texts)

    def fill(self, text=""):
        if self._out:
            self._out.append("\n")
        self._out.append("    " * self._indent + text)

    def blank_line(self):
        if self._out:
            self._out.append("\n")

    def body(self, stmts):
        self.write(":")
        self._indent += 1
        self.traverse(stmts)
        self._indent -= 1

    def join(self, sep, items, each=None):
        each = each or self.traverse
        for i, item in enumerate(items):
            if i:
                self.write(sep)
            each(item)

    def prec(self, node):
        return self._prec.get(node, _P_TEST)

    def set_prec(self, level, *nodes):
        for n in nodes:
            self._prec[n] = level

    def open_if(self, cond, text="("):
        if cond:
            self.write(text)
        return cond

    def traverse(self, node):
        if isinstance(node, list):
            for item in node:
                self.traverse(item)
        else:
            self.visit(node)

    def run(self, node):
        self._out = []
        self.traverse(node)
        return "".join(self._out)

    def captured(self, node):
        saved = self._out
        self._out = []
        self.traverse(node)
        text = "".join(self._out)
        self._out = saved
        return text

    # modules and statements

    def docstring_then(self, node, stmts):
        first = stmts[0] if stmts else None
        if (isinstance(first, Expr) and isinstance(first.value, Constant)
                and isinstance(first.value.value, str)):
            self.fill()
            if first.value.kind == "u":
                self.write("u")
            body, quotes = _string_body(first.value.value, _MULTI_QUOTES)
            self.write(quotes[0] + body + quotes[0])
            self.traverse(stmts[1:])
        else:
            self.traverse(stmts)

    def visit_Module(self, node):
        self.docstring_then(node, node.body)

    def visit_Interactive(self, node):
        self.traverse(node.body)

    def visit_Expression(self, node):
        self.traverse(node.body)

    def visit_Expr(self, node):
        self.fill()
        self.set_prec(_P_YIELD, node.value)
        self.traverse(node.value)

    def visit_Import(self, node):
        self.fill("import ")
        self.join(", ", node.names)

    def visit_ImportFrom(self, node):
        self.fill("from ")
        self.write("." * (node.level or 0))
        if node.module:
            self.write(node.module)
        self.write(" import ")
        self.join(", ", node.names)

    def visit_alias(self, node):
        self.write(node.name)
        if node.asname:
            self.write(" as " + node.asname)

    def visit_Assign(self, node):
        self.fill()
        for target in node.targets:
            self.set_prec(_P_TUPLE, target)
            self.traverse(target)
            self.write(" = ")
        self.traverse(node.value)

    def visit_AugAssign(self, node):
        self.fill()
        self.traverse(node.target)
        self.write(" " + _BINOPS[node.op.__class__.__name__][0] + "= ")
        self.traverse(node.value)

    def visit_AnnAssign(self, node):
        self.fill()
        paren = self.open_if(not node.simple and isinstance(node.target, Name))
        self.traverse(node.target)
        if paren:
            self.write(")")
        self.write(": ")
        self.traverse(node.annotation)
        if node.value:
            self.write(" = ")
            self.traverse(node.value)

    def visit_Return(self, node):
        self.fill("return")
        if node.value:
            self.write(" ")
            self.traverse(node.value)

    def visit_Pass(self, node):
        self.fill("pass")

    def visit_Break(self, node):
        self.fill("break")

    def visit_Continue(self, node):
        self.fill("continue")

    def visit_Delete(self, node):
        self.fill("del ")
        self.join(", ", node.targets)

    def visit_Assert(self, node):
        self.fill("assert ")
        self.traverse(node.test)
        if node.msg:
            self.write(", ")
            self.traverse(node.msg)

    def visit_Global(self, node):
        self.fill("global ")
        self.join(", ", node.names, self.write)

    def visit_Nonlocal(self, node):
        self.fill("nonlocal ")
        self.join(", ", node.names, self.write)

    def visit_Raise(self, node):
        self.fill("raise")
        if not node.exc:
            if node.cause:
                raise ValueError("Node can't use cause without an exception.")
            return
        self.write(" ")
        self.traverse(node.exc)
        if node.cause:
            self.write(" from ")
            self.traverse(node.cause)

    def visit_Try(self, node):
        self.fill("try")
        self.body(node.body)
        for handler in node.handlers:
            self.traverse(handler)
        if node.orelse:
            self.fill("else")
            self.body(node.orelse)
        if node.finalbody:
            self.fill("finally")
            self.body(node.finalbody)

    def visit_ExceptHandler(self, node):
        self.fill("except")
        if node.type:
            self.write(" ")
            self.traverse(node.type)
        if node.name:
            self.write(" as " + node.name)
        self.body(node.body)

    def visit_ClassDef(self, node):
        self.blank_line()
        for deco in node.decorator_list:
            self.fill("@")
            self.traverse(deco)
        self.fill("class " + node.name)
        if node.bases or node.keywords:
            self.write("(")
            self.join(", ", node.bases + node.keywords)
            self.write(")")
        self.write(":")
        self._indent += 1
        self.docstring_then(node, node.body)
        self._indent -= 1

    def visit_FunctionDef(self, node, keyword="def"):
        self.blank_line()
        for deco in node.decorator_list:
            self.fill("@")
            self.traverse(deco)
        self.fill(keyword + " " + node.name)
        self.write("(")
        self.traverse(node.args)
        self.write(")")
        if node.returns:
            self.write(" -> ")
            self.traverse(node.returns)
        self.write(":")
        self._indent += 1
        self.docstring_then(node, node.body)
        self._indent -= 1

    def visit_AsyncFunctionDef(self, node):
        self.visit_FunctionDef(node, "async def")

    def visit_For(self, node, keyword="for "):
        self.fill(keyword)
        self.set_prec(_P_TUPLE, node.target)
        self.traverse(node.target)
        self.write(" in ")
        self.traverse(node.iter)
        self.body(node.body)
        if node.orelse:
            self.fill("else")
            self.body(node.orelse)

    def visit_AsyncFor(self, node):
        self.visit_For(node, "async for ")

    def visit_If(self, node):
        self.fill("if ")
        self.traverse(node.test)
        self.body(node.body)
        while node.orelse and len(node.orelse) == 1 and isinstance(node.orelse[0], If):
            node = node.orelse[0]
            self.fill("elif ")
            self.traverse(node.test)
            self.body(node.body)
        if node.orelse:
            self.fill("else")
            self.body(node.orelse)

    def visit_While(self, node):
        self.fill("while ")
        self.traverse(node.test)
        self.body(node.body)
        if node.orelse:
            self.fill("else")
            self.body(node.orelse)

    def visit_With(self, node, keyword="with "):
        self.fill(keyword)
        self.join(", ", node.items)
        self.body(node.body)

    def visit_AsyncWith(self, node):
        self.visit_With(node, "async with ")

    def visit_withitem(self, node):
        self.traverse(node.context_expr)
        if node.optional_vars:
            self.write(" as ")
            self.traverse(node.optional_vars)

    # expressions

    def visit_NamedExpr(self, node):
        paren = self.open_if(self.prec(node) > _P_NAMED)
        self.set_prec(_P_ATOM, node.target, node.value)
        self.traverse(node.target)
        self.write(" := ")
        self.traverse(node.value)
        if paren:
            self.write(")")

    def visit_Await(self, node):
        paren = self.open_if(self.prec(node) > _P_AWAIT)
        self.write("await")
        if node.value:
            self.write(" ")
            self.set_prec(_P_ATOM, node.value)
            self.traverse(node.value)
        if paren:
            self.write(")")

    def visit_Yield(self, node):
        paren = self.open_if(self.prec(node) > _P_YIELD)
        self.write("yield")
        if node.value:
            self.write(" ")
            self.set_prec(_P_ATOM, node.value)
            self.traverse(node.value)
        if paren:
            self.write(")")

    def visit_YieldFrom(self, node):
        paren = self.open_if(self.prec(node) > _P_YIELD)
        self.write("yield from ")
        if not node.value:
            raise ValueError("Node can't be used without a value attribute.")
        self.set_prec(_P_ATOM, node.value)
        self.traverse(node.value)
        if paren:
            self.write(")")

    def write_constant(self, value):
        if isinstance(value, float):
            self.write(repr(value).replace("inf", _INF).replace("nan", "(%s-%s)" % (_INF, _INF)))
        elif self._avoid_backslashes and isinstance(value, str):
            body, quotes = _string_body(value, _ALL_QUOTES)
            self.write(quotes[0] + body + quotes[0])
        else:
            self.write(repr(value))

    def visit_Constant(self, node):
        value = node.value
        if isinstance(value, tuple):
            self.write("(")
            self.items(value, self.write_constant)
            self.write(")")
        elif value is ...:
            self.write("...")
        else:
            if node.kind == "u":
                self.write("u")
            self.write_constant(value)

    def items(self, values, each=None):
        if len(values) == 1:
            (each or self.traverse)(values[0])
            self.write(",")
        else:
            self.join(", ", values, each)

    def fstring_inner(self, node):
        if isinstance(node, JoinedStr):
            for value in node.values:
                self.fstring_inner(value)
        elif isinstance(node, Constant) and isinstance(node.value, str):
            self.write(node.value.replace("{", "{{").replace("}", "}}"))
        elif isinstance(node, FormattedValue):
            self.visit_FormattedValue(node)
        else:
            raise ValueError("Unexpected node inside JoinedStr, %r" % (node,))

    def visit_JoinedStr(self, node):
        self.write("f")
        if self._avoid_backslashes:
            inner = self.captured_fstring(node)
            body, quotes = _string_body(inner, _ALL_QUOTES)
            self.write(quotes[0] + body + quotes[0])
            return
        quotes = list(_ALL_QUOTES)
        bodies = []
        for value in node.values:
            text = self.captured_fstring(value)
            body, quotes = _string_body(text, quotes, special_whitespace=isinstance(value, Constant))
            bodies.append(body)
        self.write(quotes[0] + "".join(bodies) + quotes[0])

    def captured_fstring(self, node):
        saved = self._out
        self._out = []
        self.fstring_inner(node)
        text = "".join(self._out)
        self._out = saved
        return text

    def visit_FormattedValue(self, node):
        inner = _Unparser(avoid_backslashes=True)
        inner.set_prec(_P_TEST + 1, node.value)
        text = inner.run(node.value)
        if "\\" in text:
            raise ValueError("Unable to avoid backslash in f-string expression part")
        self.write("{")
        if text.startswith("{"):
            self.write(" ")
        self.write(text)
        if node.conversion != -1:
            self.write("!" + chr(node.conversion))
        if node.format_spec:
            self.write(":")
            self.fstring_inner(node.format_spec)
        self.write("}")

    def visit_Name(self, node):
        self.write(node.id)

    def visit_List(self, node):
        self.write("[")
        self.join(", ", node.elts)
        self.write("]")

    def visit_ListComp(self, node):
        self.write("[")
        self.traverse(node.elt)
        self.traverse(node.generators)
        self.write("]")

    def visit_GeneratorExp(self, node):
        self.write("(")
        self.traverse(node.elt)
        self.traverse(node.generators)
        self.write(")")

    def visit_SetComp(self, node):
        self.write("{")
        self.traverse(node.elt)
        self.traverse(node.generators)
        self.write("}")

    def visit_DictComp(self, node):
        self.write("{")
        self.traverse(node.key)
        self.write(": ")
        self.traverse(node.value)
        self.traverse(node.generators)
        self.write("}")

    def visit_comprehension(self, node):
        self.write(" async for " if node.is_async else " for ")
        self.set_prec(_P_TUPLE, node.target)
        self.traverse(node.target)
        self.write(" in ")
        self.set_prec(_P_TEST + 1, node.iter, *node.ifs)
        self.traverse(node.iter)
        for cond in node.ifs:
            self.write(" if ")
            self.traverse(cond)

    def visit_IfExp(self, node):
        paren = self.open_if(self.prec(node) > _P_TEST)
        self.set_prec(_P_TEST + 1, node.body, node.test)
        self.traverse(node.body)
        self.write(" if ")
        self.traverse(node.test)
        self.write(" else ")
        self.set_prec(_P_TEST, node.orelse)
        self.traverse(node.orelse)
        if paren:
            self.write(")")

    def visit_Set(self, node):
        if node.elts:
            self.write("{")
            self.join(", ", node.elts)
            self.write("}")
        else:
            self.write("{*()}")

    def visit_Dict(self, node):
        def item(pair):
            key, value = pair
            if key is None:
                self.write("**")
                self.set_prec(_P_EXPR, value)
                self.traverse(value)
            else:
                self.traverse(key)
                self.write(": ")
                self.traverse(value)
        self.write("{")
        self.join(", ", list(zip(node.keys, node.values)), item)
        self.write("}")

    def visit_Tuple(self, node):
        paren = self.open_if(not node.elts or self.prec(node) > _P_TUPLE)
        self.items(node.elts)
        if paren:
            self.write(")")

    def visit_UnaryOp(self, node):
        text, level = _UNOPS[node.op.__class__.__name__]
        paren = self.open_if(self.prec(node) > level)
        self.write(text)
        if level != _P_FACTOR:
            self.write(" ")
        self.set_prec(level, node.operand)
        self.traverse(node.operand)
        if paren:
            self.write(")")

    def visit_BinOp(self, node):
        text, level = _BINOPS[node.op.__class__.__name__]
        paren = self.open_if(self.prec(node) > level)
        if text == "**":
            self.set_prec(level + 1, node.left)
            self.set_prec(level, node.right)
        else:
            self.set_prec(level, node.left)
            self.set_prec(level + 1, node.right)
        self.traverse(node.left)
        self.write(" " + text + " ")
        self.traverse(node.right)
        if paren:
            self.write(")")

    def visit_Compare(self, node):
        paren = self.open_if(self.prec(node) > _P_CMP)
        self.set_prec(_P_CMP + 1, node.left, *node.comparators)
        self.traverse(node.left)
        for op, right in zip(node.ops, node.comparators):
            self.write(" " + _CMPOPS[op.__class__.__name__] + " ")
            self.traverse(right)
        if paren:
            self.write(")")

    def visit_BoolOp(self, node):
        word, level = ("and", _P_AND) if isinstance(node.op, And) else ("or", _P_OR)
        paren = self.open_if(self.prec(node) > level)
        for i, value in enumerate(node.values):
            if i:
                self.write(" " + word + " ")
            # Each operand binds tighter than the one before it (as CPython's unparser does).
            level += 1
            self.set_prec(level, value)
            self.traverse(value)
        if paren:
            self.write(")")

    def visit_Attribute(self, node):
        self.set_prec(_P_ATOM, node.value)
        self.traverse(node.value)
        if isinstance(node.value, Constant) and isinstance(node.value.value, int):
            self.write(" ")
        self.write("." + node.attr)

    def visit_Call(self, node):
        self.set_prec(_P_ATOM, node.func)
        self.traverse(node.func)
        self.write("(")
        self.join(", ", node.args + node.keywords)
        self.write(")")

    def visit_Subscript(self, node):
        self.set_prec(_P_ATOM, node.value)
        self.traverse(node.value)
        self.write("[")
        if isinstance(node.slice, Tuple) and node.slice.elts:
            self.items(node.slice.elts)
        else:
            self.traverse(node.slice)
        self.write("]")

    def visit_Starred(self, node):
        self.write("*")
        self.set_prec(_P_EXPR, node.value)
        self.traverse(node.value)

    def visit_Slice(self, node):
        if node.lower:
            self.traverse(node.lower)
        self.write(":")
        if node.upper:
            self.traverse(node.upper)
        if node.step:
            self.write(":")
            self.traverse(node.step)

    def visit_arg(self, node):
        self.write(node.arg)
        if node.annotation:
            self.write(": ")
            self.traverse(node.annotation)

    def visit_arguments(self, node):
        positional = node.posonlyargs + node.args
        defaults = [None] * (len(positional) - len(node.defaults)) + node.defaults
        first = True

        def comma():
            nonlocal first
            if not first:
                self.write(", ")
            first = False

        for index, (a, default) in enumerate(zip(positional, defaults), 1):
            comma()
            self.traverse(a)
            if default:
                self.write("=")
                self.traverse(default)
            if index == len(node.posonlyargs):
                self.write(", /")
        if node.vararg or node.kwonlyargs:
            comma()
            self.write("*")
            if node.vararg:
                self.traverse(node.vararg)
        for a, default in zip(node.kwonlyargs, node.kw_defaults):
            self.write(", ")
            self.traverse(a)
            if default:
                self.write("=")
                self.traverse(default)
        if node.kwarg:
            comma()
            self.write("**")
            self.traverse(node.kwarg)

    def visit_keyword(self, node):
        if node.arg is None:
            self.write("**")
        else:
            self.write(node.arg + "=")
        self.traverse(node.value)

    def visit_Lambda(self, node):
        paren = self.open_if(self.prec(node) > _P_TEST)
        self.write("lambda")
        args = self.captured(node.args)
        if args:
            self.write(" " + args)
        self.write(": ")
        self.set_prec(_P_TEST, node.body)
        self.traverse(node.body)
        if paren:
            self.write(")")


def unparse(ast_obj):
    """Source text for a tree (CPython 3.11's ast.unparse layout)."""
    return _Unparser().run(ast_obj)


del _make_classes
