"""The ast module: abstract syntax trees of Python source as node objects (CPython 3.11's API).

`parse` runs this interpreter's parser (the native `_ast` module hands the tree over as nested
tuples, turned into nodes here); node classes, `dump`, `walk`, the visitors, `literal_eval`,
`get_docstring`, `fix_missing_locations` and friends work on any tree a program built or
changed, and `compile()` accepts such trees. Not provided: `unparse`, the deprecated node
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


del _make_classes
