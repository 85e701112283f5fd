//! Compiler unit tests; ASTs come from CPython's own `ast` module (via python3) so codegen is testable without our parser.
#![forbid(unsafe_code)]

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use num_bigint::BigInt;

use super::code::CodeObject;
use super::codegen_flow::max_stack_depth;
use crate::frontend::ast::*;
use crate::frontend::SyntaxError;

const PY: &str = r#"
import ast, json, sys
def conv(n):
    if isinstance(n, ast.AST):
        d = {'_t': type(n).__name__}
        for f in n._fields: d[f] = conv(getattr(n, f, None))
        for a in ('lineno','col_offset','end_lineno','end_col_offset'):
            if hasattr(n, a): d[a] = getattr(n, a)
        return d
    if isinstance(n, list): return [conv(x) for x in n]
    if n is None or isinstance(n, (bool, str)): return n
    if isinstance(n, int): return {'_int': str(n)}
    if isinstance(n, float): return {'_float': repr(n)}
    if isinstance(n, complex): return {'_complex': [n.real, n.imag]}
    if isinstance(n, bytes): return {'_bytes': list(n)}
    if n is ...: return {'_ellipsis': 1}
    raise TypeError(type(n))
print(json.dumps(conv(ast.parse(sys.stdin.read()))))
"#;

#[derive(Debug, Clone)]
enum J {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

struct P<'s> {
    s: &'s [u8],
    i: usize,
}

impl<'s> P<'s> {
    fn ws(&mut self) {
        while self.i < self.s.len() && (self.s[self.i] as char).is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn val(&mut self) -> J {
        self.ws();
        match self.s[self.i] {
            b'n' => {
                self.i += 4;
                J::Null
            }
            b't' => {
                self.i += 4;
                J::Bool(true)
            }
            b'f' => {
                self.i += 5;
                J::Bool(false)
            }
            b'"' => J::Str(self.string()),
            b'[' => {
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b']' {
                        self.i += 1;
                        break;
                    }
                    v.push(self.val());
                    self.ws();
                    if self.s[self.i] == b',' {
                        self.i += 1;
                    }
                }
                J::Arr(v)
            }
            b'{' => {
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b'}' {
                        self.i += 1;
                        break;
                    }
                    let k = self.string();
                    self.ws();
                    self.i += 1; // ':'
                    let x = self.val();
                    v.push((k, x));
                    self.ws();
                    if self.s[self.i] == b',' {
                        self.i += 1;
                    }
                }
                J::Obj(v)
            }
            _ => {
                let st = self.i;
                while self.i < self.s.len() && b"+-0123456789.eE".contains(&self.s[self.i]) {
                    self.i += 1;
                }
                J::Num(std::str::from_utf8(&self.s[st..self.i]).unwrap().parse().unwrap())
            }
        }
    }
    fn hex4(&mut self) -> u32 {
        let h = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
        self.i += 4;
        u32::from_str_radix(h, 16).unwrap()
    }
    fn string(&mut self) -> String {
        self.i += 1;
        let mut out = String::new();
        loop {
            let c = self.s[self.i];
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let e = self.s[self.i];
                    self.i += 1;
                    match e {
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'b' => out.push('\x08'),
                        b'f' => out.push('\x0c'),
                        b'u' => {
                            let mut u = self.hex4();
                            if (0xd800..0xdc00).contains(&u) && self.s.get(self.i) == Some(&b'\\') {
                                self.i += 2;
                                let lo = self.hex4();
                                u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                            }
                            out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
                        }
                        other => out.push(other as char),
                    }
                }
                _ => {
                    let st = self.i - 1;
                    let mut end = self.i;
                    while end < self.s.len() && self.s[end] != b'"' && self.s[end] != b'\\' {
                        end += 1;
                    }
                    out.push_str(std::str::from_utf8(&self.s[st..end]).unwrap());
                    self.i = end;
                }
            }
        }
        out
    }
}

impl J {
    fn get(&self, k: &str) -> &J {
        match self {
            J::Obj(v) => v.iter().find(|(n, _)| n == k).map(|(_, x)| x).unwrap_or(&J::Null),
            _ => &J::Null,
        }
    }
    fn t(&self) -> &str {
        match self.get("_t") {
            J::Str(s) => s,
            _ => "",
        }
    }
    fn s(&self) -> String {
        match self {
            J::Str(s) => s.clone(),
            _ => String::new(),
        }
    }
    fn os(&self) -> Option<String> {
        match self {
            J::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
    fn arr(&self) -> &[J] {
        match self {
            J::Arr(v) => v,
            _ => &[],
        }
    }
    fn n(&self) -> u32 {
        match self {
            J::Num(f) => *f as u32,
            _ => 0,
        }
    }
    fn int(&self) -> i64 {
        match self.get("_int") {
            J::Str(s) => s.parse().unwrap_or(0),
            _ => 0,
        }
    }
    fn span(&self) -> Span {
        Span {
            lineno: self.get("lineno").n(),
            col_offset: self.get("col_offset").n(),
            end_lineno: self.get("end_lineno").n(),
            end_col_offset: self.get("end_col_offset").n(),
        }
    }
}

fn ctx(j: &J) -> ExprContext {
    match j.t() {
        "Store" => ExprContext::Store,
        "Del" => ExprContext::Del,
        _ => ExprContext::Load,
    }
}

fn oper(j: &J) -> Operator {
    use Operator::*;
    match j.t() {
        "Add" => Add,
        "Sub" => Sub,
        "Mult" => Mult,
        "MatMult" => MatMult,
        "Div" => Div,
        "Mod" => Mod,
        "Pow" => Pow,
        "LShift" => LShift,
        "RShift" => RShift,
        "BitOr" => BitOr,
        "BitXor" => BitXor,
        "BitAnd" => BitAnd,
        _ => FloorDiv,
    }
}

fn cmpop(j: &J) -> CmpOperator {
    use CmpOperator::*;
    match j.t() {
        "Eq" => Eq,
        "NotEq" => NotEq,
        "Lt" => Lt,
        "LtE" => LtE,
        "Gt" => Gt,
        "GtE" => GtE,
        "Is" => Is,
        "IsNot" => IsNot,
        "In" => In,
        _ => NotIn,
    }
}

fn exprs(j: &J) -> Vec<Expr> {
    j.arr().iter().map(expr).collect()
}
fn oexpr(j: &J) -> Option<Box<Expr>> {
    match j {
        J::Null => None,
        _ => Some(Box::new(expr(j))),
    }
}
fn bx(j: &J) -> Box<Expr> {
    Box::new(expr(j))
}
fn stmts(j: &J) -> Vec<Stmt> {
    j.arr().iter().map(stmt).collect()
}
fn arg(j: &J) -> Arg {
    Arg { arg: j.get("arg").s(), annotation: oexpr(j.get("annotation")), span: j.span() }
}
fn oarg(j: &J) -> Option<Arg> {
    match j {
        J::Null => None,
        _ => Some(arg(j)),
    }
}
fn args(j: &J) -> Box<Arguments> {
    Box::new(Arguments {
        posonlyargs: j.get("posonlyargs").arr().iter().map(arg).collect(),
        args: j.get("args").arr().iter().map(arg).collect(),
        vararg: oarg(j.get("vararg")),
        kwonlyargs: j.get("kwonlyargs").arr().iter().map(arg).collect(),
        kw_defaults: j.get("kw_defaults").arr().iter().map(|d| oexpr(d).map(|b| *b)).collect(),
        kwarg: oarg(j.get("kwarg")),
        defaults: exprs(j.get("defaults")),
    })
}
fn keywords(j: &J) -> Vec<Keyword> {
    j.arr()
        .iter()
        .map(|k| Keyword { arg: k.get("arg").os(), value: expr(k.get("value")), span: k.span() })
        .collect()
}
fn comps(j: &J) -> Vec<Comprehension> {
    j.arr()
        .iter()
        .map(|c| Comprehension {
            target: expr(c.get("target")),
            iter: expr(c.get("iter")),
            ifs: exprs(c.get("ifs")),
            is_async: c.get("is_async").int() != 0,
        })
        .collect()
}

fn constant(j: &J) -> Constant {
    match j {
        J::Null => Constant::None,
        J::Bool(b) => Constant::Bool(*b),
        J::Str(s) => Constant::Str(s.clone()),
        _ => {
            if let J::Str(s) = j.get("_int") {
                Constant::Int(s.parse::<BigInt>().unwrap())
            } else if let J::Str(s) = j.get("_float") {
                Constant::Float(s.parse().unwrap())
            } else if let J::Arr(v) = j.get("_complex") {
                let f = |x: &J| if let J::Num(n) = x { *n } else { 0.0 };
                Constant::Complex { real: f(&v[0]), imag: f(&v[1]) }
            } else if let J::Arr(v) = j.get("_bytes") {
                Constant::Bytes(v.iter().map(|x| x.n() as u8).collect())
            } else {
                Constant::Ellipsis
            }
        }
    }
}

fn expr(j: &J) -> Expr {
    let g = |k: &str| j.get(k);
    let kind = match j.t() {
        "BoolOp" => ExprKind::BoolOp {
            op: if g("op").t() == "And" { BoolOperator::And } else { BoolOperator::Or },
            values: exprs(g("values")),
        },
        "NamedExpr" => ExprKind::NamedExpr { target: bx(g("target")), value: bx(g("value")) },
        "BinOp" => {
            ExprKind::BinOp { left: bx(g("left")), op: oper(g("op")), right: bx(g("right")) }
        }
        "UnaryOp" => ExprKind::UnaryOp {
            op: match g("op").t() {
                "Invert" => UnaryOperator::Invert,
                "Not" => UnaryOperator::Not,
                "UAdd" => UnaryOperator::UAdd,
                _ => UnaryOperator::USub,
            },
            operand: bx(g("operand")),
        },
        "Lambda" => ExprKind::Lambda { args: args(g("args")), body: bx(g("body")) },
        "IfExp" => {
            ExprKind::IfExp { test: bx(g("test")), body: bx(g("body")), orelse: bx(g("orelse")) }
        }
        "Dict" => ExprKind::Dict {
            keys: g("keys").arr().iter().map(|k| oexpr(k).map(|b| *b)).collect(),
            values: exprs(g("values")),
        },
        "Set" => ExprKind::Set { elts: exprs(g("elts")) },
        "ListComp" => ExprKind::ListComp { elt: bx(g("elt")), generators: comps(g("generators")) },
        "SetComp" => ExprKind::SetComp { elt: bx(g("elt")), generators: comps(g("generators")) },
        "GeneratorExp" => {
            ExprKind::GeneratorExp { elt: bx(g("elt")), generators: comps(g("generators")) }
        }
        "DictComp" => ExprKind::DictComp {
            key: bx(g("key")),
            value: bx(g("value")),
            generators: comps(g("generators")),
        },
        "Await" => ExprKind::Await { value: bx(g("value")) },
        "Yield" => ExprKind::Yield { value: oexpr(g("value")) },
        "YieldFrom" => ExprKind::YieldFrom { value: bx(g("value")) },
        "Compare" => ExprKind::Compare {
            left: bx(g("left")),
            ops: g("ops").arr().iter().map(cmpop).collect(),
            comparators: exprs(g("comparators")),
        },
        "Call" => ExprKind::Call {
            func: bx(g("func")),
            args: exprs(g("args")),
            keywords: keywords(g("keywords")),
        },
        "FormattedValue" => ExprKind::FormattedValue {
            value: bx(g("value")),
            conversion: g("conversion").int() as i32,
            format_spec: oexpr(g("format_spec")),
        },
        "JoinedStr" => ExprKind::JoinedStr { values: exprs(g("values")) },
        "Constant" => ExprKind::Constant { value: constant(g("value")) },
        "Attribute" => {
            ExprKind::Attribute { value: bx(g("value")), attr: g("attr").s(), ctx: ctx(g("ctx")) }
        }
        "Subscript" => {
            ExprKind::Subscript { value: bx(g("value")), slice: bx(g("slice")), ctx: ctx(g("ctx")) }
        }
        "Starred" => ExprKind::Starred { value: bx(g("value")), ctx: ctx(g("ctx")) },
        "Name" => ExprKind::Name { id: g("id").s(), ctx: ctx(g("ctx")) },
        "List" => ExprKind::List { elts: exprs(g("elts")), ctx: ctx(g("ctx")) },
        "Tuple" => ExprKind::Tuple { elts: exprs(g("elts")), ctx: ctx(g("ctx")) },
        "Slice" => ExprKind::Slice {
            lower: oexpr(g("lower")),
            upper: oexpr(g("upper")),
            step: oexpr(g("step")),
        },
        other => panic!("unsupported expr {other}"),
    };
    Expr { kind, span: j.span() }
}

fn stmt(j: &J) -> Stmt {
    let g = |k: &str| j.get(k);
    let kind = match j.t() {
        "FunctionDef" => StmtKind::FunctionDef {
            name: g("name").s(),
            args: args(g("args")),
            body: stmts(g("body")),
            decorator_list: exprs(g("decorator_list")),
            returns: oexpr(g("returns")),
        },
        "ClassDef" => StmtKind::ClassDef {
            name: g("name").s(),
            bases: exprs(g("bases")),
            keywords: keywords(g("keywords")),
            body: stmts(g("body")),
            decorator_list: exprs(g("decorator_list")),
        },
        "Return" => StmtKind::Return { value: oexpr(g("value")) },
        "Delete" => StmtKind::Delete { targets: exprs(g("targets")) },
        "Assign" => StmtKind::Assign { targets: exprs(g("targets")), value: bx(g("value")) },
        "AugAssign" => StmtKind::AugAssign {
            target: bx(g("target")),
            op: oper(g("op")),
            value: bx(g("value")),
        },
        "AnnAssign" => StmtKind::AnnAssign {
            target: bx(g("target")),
            annotation: bx(g("annotation")),
            value: oexpr(g("value")),
            simple: g("simple").int() != 0,
        },
        "For" => StmtKind::For {
            target: bx(g("target")),
            iter: bx(g("iter")),
            body: stmts(g("body")),
            orelse: stmts(g("orelse")),
        },
        "While" => StmtKind::While {
            test: bx(g("test")),
            body: stmts(g("body")),
            orelse: stmts(g("orelse")),
        },
        "If" => {
            StmtKind::If { test: bx(g("test")), body: stmts(g("body")), orelse: stmts(g("orelse")) }
        }
        "With" => StmtKind::With {
            items: g("items")
                .arr()
                .iter()
                .map(|w| WithItem {
                    context_expr: expr(w.get("context_expr")),
                    optional_vars: oexpr(w.get("optional_vars")),
                })
                .collect(),
            body: stmts(g("body")),
        },
        "Raise" => StmtKind::Raise { exc: oexpr(g("exc")), cause: oexpr(g("cause")) },
        "Try" => StmtKind::Try {
            body: stmts(g("body")),
            handlers: g("handlers")
                .arr()
                .iter()
                .map(|h| ExceptHandler {
                    typ: oexpr(h.get("type")),
                    name: h.get("name").os(),
                    body: stmts(h.get("body")),
                    span: h.span(),
                })
                .collect(),
            orelse: stmts(g("orelse")),
            finalbody: stmts(g("finalbody")),
        },
        "Assert" => StmtKind::Assert { test: bx(g("test")), msg: oexpr(g("msg")) },
        "Import" => StmtKind::Import { names: aliases(g("names")) },
        "ImportFrom" => StmtKind::ImportFrom {
            module: g("module").os(),
            names: aliases(g("names")),
            level: g("level").int() as u32,
        },
        "Global" => StmtKind::Global { names: g("names").arr().iter().map(|n| n.s()).collect() },
        "Nonlocal" => {
            StmtKind::Nonlocal { names: g("names").arr().iter().map(|n| n.s()).collect() }
        }
        "Expr" => StmtKind::Expr { value: bx(g("value")) },
        "Pass" => StmtKind::Pass,
        "Break" => StmtKind::Break,
        "Continue" => StmtKind::Continue,
        other => panic!("unsupported stmt {other}"),
    };
    Stmt { kind, span: j.span() }
}

fn aliases(j: &J) -> Vec<Alias> {
    j.arr()
        .iter()
        .map(|a| Alias { name: a.get("name").s(), asname: a.get("asname").os(), span: a.span() })
        .collect()
}

/// Parse `src` with CPython's `ast` module and convert it to our AST.
pub(crate) fn py_parse(src: &str) -> Module {
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(PY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(src.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python3 rejected the source");
    let text = String::from_utf8(out.stdout).unwrap();
    let j = P { s: text.as_bytes(), i: 0 }.val();
    Module { body: stmts(j.get("body")) }
}

pub(crate) fn compile_py(src: &str) -> Result<Arc<CodeObject>, SyntaxError> {
    let m = py_parse(src);
    super::codegen::compile(&m, src, "x.py")
}

fn dis(src: &str) -> String {
    let code = compile_py(src).unwrap_or_else(|e| panic!("{e:?}"));
    for c in code.walk() {
        let d = max_stack_depth(&c.instructions)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", c.name, super::dis::disassemble_one(&c)));
        assert_eq!(d, c.stacksize);
    }
    super::dis::disassemble(&code)
}

fn err(src: &str) -> (String, u32, u32) {
    let e = compile_py(src).expect_err("expected a SyntaxError");
    (e.msg, e.lineno, e.offset)
}

#[test]
fn dump_samples() {
    if let Ok(path) = std::env::var("GILBENCH_DIS") {
        let src = std::fs::read_to_string(path).unwrap();
        println!("{}", dis(&src));
    }
}

#[test]
fn simple_module() {
    let d = dis("x = 1\nprint(x + 2)\n");
    assert!(d.contains("LOAD_CONST               0 (1)"), "{d}");
    assert!(d.contains("BINARY_OP                0 (+)"), "{d}");
}

#[test]
fn syntax_errors() {
    assert_eq!(err("x = 1\nif x:\n    return 5\n"), ("'return' outside function".into(), 3, 5));
    assert_eq!(
        err("for x in y:\n    def f():\n        break\n"),
        ("'break' outside loop".into(), 3, 9)
    );
    assert_eq!(err("continue\n"), ("'continue' not properly in loop".into(), 1, 1));
    assert_eq!(err("x = yield 1\n"), ("'yield' outside function".into(), 1, 5));
    assert_eq!(err("__debug__ = 1\n"), ("cannot assign to __debug__".into(), 1, 1));
    assert_eq!(
        err("*a = 1\n"),
        ("starred assignment target must be in a list or tuple".into(), 1, 1)
    );
    assert_eq!(err("*a, *b = 1\n"), ("multiple starred expressions in assignment".into(), 1, 1));
    assert_eq!(err("print(*a)\nx = *a\n"), ("can't use starred expression here".into(), 2, 5));
    assert_eq!(err("x = 1j\n"), ("complex numbers are not supported by gilbench".into(), 1, 5));
    assert_eq!(err("await x\n"), ("'await' outside function".into(), 1, 1));
    assert_eq!(err("def f():\n  await x\n"), ("'await' outside async function".into(), 2, 3));
    assert_eq!(
        err("def f():\n    nonlocal x\n"),
        ("no binding for nonlocal 'x' found".into(), 2, 5)
    );
    assert_eq!(
        err("x=1\ndef f(a, a): pass\n"),
        ("duplicate argument 'a' in function definition".into(), 2, 10)
    );
    assert_eq!(
        err("  \ndef f(a):\n    global a\n"),
        ("name 'a' is parameter and global".into(), 3, 5)
    );
    assert_eq!(
        err("def f():\n    x = 1\n    global x\n"),
        ("name 'x' is assigned to before global declaration".into(), 3, 5)
    );
    assert_eq!(
        err("def f():\n    print(x)\n    global x\n"),
        ("name 'x' is used prior to global declaration".into(), 3, 5)
    );
    assert_eq!(
        err("nonlocal x\n"),
        ("nonlocal declaration not allowed at module level".into(), 1, 1)
    );
    assert_eq!(
        err("def f():\n    x=1\n    def g():\n        x = 2\n        nonlocal x\n"),
        ("name 'x' is assigned to before nonlocal declaration".into(), 5, 9)
    );
    assert_eq!(err("[(yield x) for x in y]\n"), ("'yield' inside list comprehension".into(), 1, 3));
    assert_eq!(
        err("((yield x) for x in y)\n"),
        ("'yield' inside generator expression".into(), 1, 3)
    );
    assert_eq!(
        err("def f():\n  from x import *\n"),
        ("import * only allowed at module level".into(), 2, 17)
    );
    assert_eq!(
        err("class A:\n  [y := 1 for x in z]\n"),
        (
            "assignment expression within a comprehension cannot be used in a class body".into(),
            2,
            4
        )
    );
    assert_eq!(err("f(__debug__=1)\n"), ("cannot assign to __debug__".into(), 1, 1));
    assert_eq!(err("x.__debug__ = 1\n"), ("cannot assign to __debug__".into(), 1, 1));
    assert_eq!(err("def f(__debug__): pass\n"), ("cannot assign to __debug__".into(), 1, 1));
    assert_eq!(err("del __debug__\n"), ("cannot delete __debug__".into(), 1, 5));
    assert_eq!(err("f(a=1, a=2)\n"), ("keyword argument repeated: a".into(), 1, 8));
    assert_eq!(
        err("try:\n  pass\nexcept:\n  pass\nexcept E:\n  pass\n"),
        ("default 'except:' must be last".into(), 3, 1)
    );
    assert_eq!(
        err("def f():\n  global x\n  nonlocal x\n"),
        ("name 'x' is nonlocal and global".into(), 2, 3)
    );
    assert_eq!(
        err("def f():\n  x=1\n  def g():\n    nonlocal x\n    global x\n"),
        ("name 'x' is nonlocal and global".into(), 4, 5)
    );
    let mut deep = String::new();
    for i in 0..21 {
        deep.push_str(&" ".repeat(i));
        deep.push_str("while x:\n");
    }
    deep.push_str(&" ".repeat(21));
    deep.push_str("pass\n");
    assert_eq!(err(&deep), ("too many statically nested blocks".into(), 21, 21));
    let mut src: String = (0..19).map(|i| format!("{}for x in y:\n", " ".repeat(i))).collect();
    src.push_str(&format!("{0}try:\n{0} pass\n{0}except E as e:\n{0} pass\n", " ".repeat(19)));
    assert_eq!(err(&src), ("too many statically nested blocks".into(), 22, 20));
    let mut src: String = (0..20).map(|i| format!("{}for x in y:\n", " ".repeat(i))).collect();
    src.push_str(&format!("{0}try:\n{0} pass\n{0}finally:\n{0} pass\n", " ".repeat(20)));
    assert_eq!(err(&src), ("too many statically nested blocks".into(), 21, 21));
}

#[test]
fn stack_depths_are_consistent_for_control_flow() {
    let src = r#"
def f(a, b=2, *c, d, e=5, **g):
    for i in a:
        try:
            with open(i) as fh, open(b):
                if i: break
                elif b: continue
                return fh.read()
        except (ValueError, KeyError) as ex:
            return ex
        except Exception:
            continue
        else:
            pass
        finally:
            print(i)
    while a < b < c:
        try:
            return 1
        finally:
            return 2
    return [x * y for x in a if x for y in b], {k: v for k, v in g.items()}, (z for z in c)

class C(Base, metaclass=M):
    x: int = 3
    def m(self):
        return super().m() + __class__.__name__

def gen():
    x = yield 1
    y = yield from range(x)
    return f"{x!r:>{y}} and {y}"
"#;
    dis(src);
}

#[test]
fn private_names_are_mangled() {
    let d = dis(
        "class _C:\n    __x = 1\n    def __m(self, __a):\n        return self.__y + __a + __z\n",
    );
    assert!(d.contains("STORE_NAME               3 (_C__x)"), "{d}");
    assert!(d.contains("(_C__m)"), "{d}");
    assert!(d.contains("LOAD_ATTR                0 (_C__y)"), "{d}");
    assert!(d.contains("LOAD_FAST                1 (_C__a)"), "{d}");
    assert!(d.contains("LOAD_GLOBAL              1 (_C__z)"), "{d}");
}

/// Compare per-code-object metadata with CPython 3.11's compiler output.
fn compare_with_cpython(src: &str) {
    const META: &str = r#"
import sys, types
src = sys.stdin.read()
def walk(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            yield from walk(c)
for co in walk(compile(src, 'x.py', 'exec')):
    print(co.co_qualname, co.co_firstlineno, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount,
          co.co_flags & 0x3f, ','.join(co.co_varnames), ','.join(co.co_cellvars), ','.join(co.co_freevars))
"#;
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(META)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(src.as_bytes()).unwrap();
    let expected = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let code = compile_py(src).unwrap();
    let mut actual = String::new();
    for co in code.walk() {
        let j = |v: &[Arc<str>]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",");
        actual.push_str(&format!(
            "{} {} {} {} {} {} {} {} {}\n",
            co.qualname,
            co.firstlineno,
            co.argcount,
            co.posonlyargcount,
            co.kwonlyargcount,
            co.flags & 0x3f,
            j(&co.varnames),
            j(&co.cellvars),
            j(&co.freevars)
        ));
    }
    // Module firstlineno differs (CPython: 1 always); compare from the nested code objects on.
    let e: Vec<&str> = expected.lines().skip(1).collect();
    let a: Vec<&str> = actual.lines().skip(1).collect();
    assert_eq!(a, e, "\nsource:\n{src}");
}

#[test]
fn code_metadata_matches_cpython() {
    compare_with_cpython(
        r#"
def f(a, b, /, c, *args, d, e=1, **kw):
    x = a
    def g(y):
        nonlocal x
        x = y + b
        return lambda: x + c
    return g

class C:
    v = 1
    def m(self):
        return super().m(), __class__
    def n(self):
        return [self for _ in range(3)]
    class Inner:
        def deep(self):
            return super()

def gen(n):
    yield n
    return [i for i in range(n) if (j := i)]

def outer():
    x = 1
    class K:
        y = x
        x = 2
        def m(self):
            return x
    return K

def h():
    global gg
    gg = 1
    return {k: v for k, v in gg}, {s for s in gg}, (t for t in gg)

def walrus_in_comp(data):
    return [last := d for d in data], last

def uses_del():
    v = 1
    del v
    try:
        pass
    except Exception as err:
        pass
"#,
    );
}

#[test]
fn metadata_of_extra_files() {
    if let Ok(list) = std::env::var("GILBENCH_META_FILES") {
        for path in list.split(':').filter(|p| !p.is_empty()) {
            let src = std::fs::read_to_string(path).unwrap();
            println!("checking {path}");
            compare_with_cpython(&src);
            dis(&src);
        }
    }
}

#[test]
fn future_annotations_are_strings() {
    let d = dis("from __future__ import annotations\nx: list[Undefined] = 1\ndef f(a: Foo.Bar) -> 'q': pass\n");
    assert!(d.contains("('list[Undefined]')"), "{d}");
    assert!(d.contains("('Foo.Bar')"), "{d}");
    assert!(d.contains("(\"'q'\")"), "{d}");
    assert!(!d.contains("LOAD_NAME                3 (Undefined)"), "{d}");
}

#[test]
fn line_sets_of_extra_files() {
    const LINES: &str = r#"
import sys, types, dis
src = sys.stdin.read()
def walk(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            yield from walk(c)
for co in walk(compile(src, 'x.py', 'exec')):
    print(co.co_qualname, sorted({l for _, l in dis.findlinestarts(co) if l}))
"#;
    let Ok(list) = std::env::var("GILBENCH_LINE_FILES") else { return };
    for path in list.split(':').filter(|p| !p.is_empty()) {
        let src = std::fs::read_to_string(path).unwrap();
        let mut child = Command::new("python3")
            .arg("-c")
            .arg(LINES)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(src.as_bytes()).unwrap();
        let expected = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
        let code = compile_py(&src).unwrap();
        for (co, exp) in code.walk().iter().zip(expected.lines()) {
            let mut ours: Vec<u32> =
                co.linetable.iter().map(|e| e.line).filter(|&l| l > 0).collect();
            ours.sort();
            ours.dedup();
            let exp_lines: Vec<u32> = exp
                .split_once(' ')
                .map(|(_, l)| {
                    l.trim_matches(|c| c == '[' || c == ']')
                        .split(", ")
                        .filter_map(|x| x.parse().ok())
                        .collect()
                })
                .unwrap_or_default();
            // CPython's RESUME sits on the `def` line; we have no RESUME.
            let missing: Vec<u32> = exp_lines
                .iter()
                .copied()
                .filter(|l| !ours.contains(l) && *l != co.firstlineno)
                .collect();
            let extra: Vec<u32> = ours.iter().copied().filter(|l| !exp_lines.contains(l)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                println!("{path} {}: missing {missing:?} extra {extra:?}", co.qualname);
            }
        }
    }
}
