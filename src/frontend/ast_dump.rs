//! `ast.dump(tree, indent=N)` exactly as CPython 3.11 prints it, plus a one-line-per-token dump.

use super::ast::*;
use super::token::Token;

/// An intermediate tree mirroring what Python's `ast.dump` walks.
enum DumpValue {
    Node(&'static str, Vec<(&'static str, DumpValue)>),
    List(Vec<DumpValue>),
    Atom(String),
}

use DumpValue::{Atom, List, Node};

/// Render a module as `ast.dump(module, indent=indent)` does.
pub fn dump_module(m: &Module, indent: usize) -> String {
    render(m, indent, false)
}

/// Render a module as `ast.dump(module, indent=indent, include_attributes=True)` does
/// (every statement, expression, handler, arg, keyword and alias also shows its span).
pub fn dump_module_with_positions(m: &Module, indent: usize) -> String {
    render(m, indent, true)
}

thread_local! {
    /// Whether the dump in progress on this thread includes positions.
    static WITH_POSITIONS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn render(m: &Module, indent: usize, with_positions: bool) -> String {
    WITH_POSITIONS.with(|w| w.set(with_positions));
    let tree = Node("Module", vec![("body", stmts(&m.body)), ("type_ignores", List(Vec::new()))]);
    WITH_POSITIONS.with(|w| w.set(false));
    let pad = " ".repeat(indent);
    format_value(&tree, 0, &pad).0
}

/// Append `lineno`/`col_offset`/`end_lineno`/`end_col_offset` when positions are requested.
fn with_span(value: DumpValue, span: Span) -> DumpValue {
    if !WITH_POSITIONS.with(|w| w.get()) {
        return value;
    }
    match value {
        Node(name, mut fields) => {
            fields.push(("lineno", Atom(span.lineno.to_string())));
            fields.push(("col_offset", Atom(span.col_offset.to_string())));
            fields.push(("end_lineno", Atom(span.end_lineno.to_string())));
            fields.push(("end_col_offset", Atom(span.end_col_offset.to_string())));
            Node(name, fields)
        }
        other => other,
    }
}

/// One line per token: `line:col-line:col KIND 'text'`.
pub fn dump_tokens(tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        out.push_str(&format!(
            "{}:{}-{}:{} {} {}\n",
            t.start.line,
            t.start.col,
            t.end.line,
            t.end.col,
            t.kind.name(),
            repr_str(&t.text)
        ));
    }
    out
}

/// Python's layout rules: a node stays on one line if all its fields are "simple" and there
/// are at most three of them; a node with fields is never simple itself.
fn format_value(v: &DumpValue, level: usize, pad: &str) -> (String, bool) {
    let level = level + 1;
    let prefix = format!("\n{}", pad.repeat(level));
    let sep = format!(",\n{}", pad.repeat(level));
    match v {
        Node(name, fields) => {
            let mut args = Vec::with_capacity(fields.len());
            let mut all_simple = true;
            for (field, value) in fields {
                let (s, simple) = format_value(value, level, pad);
                all_simple &= simple;
                args.push(format!("{field}={s}"));
            }
            if all_simple && args.len() <= 3 {
                (format!("{name}({})", args.join(", ")), args.is_empty())
            } else {
                (format!("{name}({prefix}{})", args.join(&sep)), false)
            }
        }
        List(items) => {
            if items.is_empty() {
                return ("[]".into(), true);
            }
            let parts: Vec<String> = items.iter().map(|x| format_value(x, level, pad).0).collect();
            (format!("[{prefix}{}]", parts.join(&sep)), false)
        }
        Atom(s) => (s.clone(), true),
    }
}

fn stmts(body: &[Stmt]) -> DumpValue {
    List(body.iter().map(stmt).collect())
}

fn exprs(items: &[Expr]) -> DumpValue {
    List(items.iter().map(expr).collect())
}

fn boxed(e: &Expr) -> DumpValue {
    expr(e)
}

fn ident(s: &str) -> DumpValue {
    Atom(repr_str(s))
}

fn unit(name: &'static str) -> DumpValue {
    Node(name, Vec::new())
}

/// Append `field=value` only when the optional value is present (Python omits `None` defaults).
fn push_opt(
    fields: &mut Vec<(&'static str, DumpValue)>,
    name: &'static str,
    value: Option<DumpValue>,
) {
    if let Some(v) = value {
        fields.push((name, v));
    }
}

fn stmt(s: &Stmt) -> DumpValue {
    with_span(stmt_fields(s), s.span)
}

fn stmt_fields(s: &Stmt) -> DumpValue {
    match &s.kind {
        StmtKind::FunctionDef { name, args, body, decorator_list, returns } => {
            let mut f = vec![
                ("name", ident(name)),
                ("args", arguments(args)),
                ("body", stmts(body)),
                ("decorator_list", exprs(decorator_list)),
            ];
            push_opt(&mut f, "returns", returns.as_deref().map(boxed));
            Node("FunctionDef", f)
        }
        StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => Node(
            "ClassDef",
            vec![
                ("name", ident(name)),
                ("bases", exprs(bases)),
                ("keywords", List(keywords.iter().map(keyword).collect())),
                ("body", stmts(body)),
                ("decorator_list", exprs(decorator_list)),
            ],
        ),
        StmtKind::Return { value } => {
            let mut f = Vec::new();
            push_opt(&mut f, "value", value.as_deref().map(boxed));
            Node("Return", f)
        }
        StmtKind::Delete { targets } => Node("Delete", vec![("targets", exprs(targets))]),
        StmtKind::Assign { targets, value } => {
            Node("Assign", vec![("targets", exprs(targets)), ("value", expr(value))])
        }
        StmtKind::AugAssign { target, op, value } => Node(
            "AugAssign",
            vec![
                ("target", expr(target)),
                ("op", unit(operator_name(*op))),
                ("value", expr(value)),
            ],
        ),
        StmtKind::AnnAssign { target, annotation, value, simple } => {
            let mut f = vec![("target", expr(target)), ("annotation", expr(annotation))];
            push_opt(&mut f, "value", value.as_deref().map(boxed));
            f.push(("simple", Atom(if *simple { "1" } else { "0" }.into())));
            Node("AnnAssign", f)
        }
        StmtKind::For { target, iter, body, orelse } => Node(
            "For",
            vec![
                ("target", expr(target)),
                ("iter", expr(iter)),
                ("body", stmts(body)),
                ("orelse", stmts(orelse)),
            ],
        ),
        StmtKind::While { test, body, orelse } => Node(
            "While",
            vec![("test", expr(test)), ("body", stmts(body)), ("orelse", stmts(orelse))],
        ),
        StmtKind::If { test, body, orelse } => {
            Node("If", vec![("test", expr(test)), ("body", stmts(body)), ("orelse", stmts(orelse))])
        }
        StmtKind::With { items, body } => Node(
            "With",
            vec![("items", List(items.iter().map(with_item).collect())), ("body", stmts(body))],
        ),
        StmtKind::Raise { exc, cause } => {
            let mut f = Vec::new();
            push_opt(&mut f, "exc", exc.as_deref().map(boxed));
            push_opt(&mut f, "cause", cause.as_deref().map(boxed));
            Node("Raise", f)
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => Node(
            "Try",
            vec![
                ("body", stmts(body)),
                ("handlers", List(handlers.iter().map(handler).collect())),
                ("orelse", stmts(orelse)),
                ("finalbody", stmts(finalbody)),
            ],
        ),
        StmtKind::Assert { test, msg } => {
            let mut f = vec![("test", expr(test))];
            push_opt(&mut f, "msg", msg.as_deref().map(boxed));
            Node("Assert", f)
        }
        StmtKind::Import { names } => {
            Node("Import", vec![("names", List(names.iter().map(alias).collect()))])
        }
        StmtKind::ImportFrom { module, names, level } => {
            let mut f = Vec::new();
            push_opt(&mut f, "module", module.as_deref().map(ident));
            f.push(("names", List(names.iter().map(alias).collect())));
            f.push(("level", Atom(level.to_string())));
            Node("ImportFrom", f)
        }
        StmtKind::Global { names } => {
            Node("Global", vec![("names", List(names.iter().map(|n| ident(n)).collect()))])
        }
        StmtKind::Nonlocal { names } => {
            Node("Nonlocal", vec![("names", List(names.iter().map(|n| ident(n)).collect()))])
        }
        StmtKind::Expr { value } => Node("Expr", vec![("value", expr(value))]),
        StmtKind::Pass => unit("Pass"),
        StmtKind::Break => unit("Break"),
        StmtKind::Continue => unit("Continue"),
    }
}

fn ctx(c: ExprContext) -> DumpValue {
    unit(match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    })
}

fn expr(e: &Expr) -> DumpValue {
    with_span(expr_fields(e), e.span)
}

fn expr_fields(e: &Expr) -> DumpValue {
    match &e.kind {
        ExprKind::BoolOp { op, values } => Node(
            "BoolOp",
            vec![
                (
                    "op",
                    unit(match op {
                        BoolOperator::And => "And",
                        BoolOperator::Or => "Or",
                    }),
                ),
                ("values", exprs(values)),
            ],
        ),
        ExprKind::NamedExpr { target, value } => {
            Node("NamedExpr", vec![("target", expr(target)), ("value", expr(value))])
        }
        ExprKind::BinOp { left, op, right } => Node(
            "BinOp",
            vec![("left", expr(left)), ("op", unit(operator_name(*op))), ("right", expr(right))],
        ),
        ExprKind::UnaryOp { op, operand } => {
            let name = match op {
                UnaryOperator::Invert => "Invert",
                UnaryOperator::Not => "Not",
                UnaryOperator::UAdd => "UAdd",
                UnaryOperator::USub => "USub",
            };
            Node("UnaryOp", vec![("op", unit(name)), ("operand", expr(operand))])
        }
        ExprKind::Lambda { args, body } => {
            Node("Lambda", vec![("args", arguments(args)), ("body", expr(body))])
        }
        ExprKind::IfExp { test, body, orelse } => Node(
            "IfExp",
            vec![("test", expr(test)), ("body", expr(body)), ("orelse", expr(orelse))],
        ),
        ExprKind::Dict { keys, values } => Node(
            "Dict",
            vec![
                (
                    "keys",
                    List(
                        keys.iter()
                            .map(|k| k.as_ref().map(expr).unwrap_or_else(|| Atom("None".into())))
                            .collect(),
                    ),
                ),
                ("values", exprs(values)),
            ],
        ),
        ExprKind::Set { elts } => Node("Set", vec![("elts", exprs(elts))]),
        ExprKind::ListComp { elt, generators } => {
            Node("ListComp", vec![("elt", expr(elt)), ("generators", comprehensions(generators))])
        }
        ExprKind::SetComp { elt, generators } => {
            Node("SetComp", vec![("elt", expr(elt)), ("generators", comprehensions(generators))])
        }
        ExprKind::DictComp { key, value, generators } => Node(
            "DictComp",
            vec![
                ("key", expr(key)),
                ("value", expr(value)),
                ("generators", comprehensions(generators)),
            ],
        ),
        ExprKind::GeneratorExp { elt, generators } => Node(
            "GeneratorExp",
            vec![("elt", expr(elt)), ("generators", comprehensions(generators))],
        ),
        ExprKind::Await { value } => Node("Await", vec![("value", expr(value))]),
        ExprKind::Yield { value } => {
            let mut f = Vec::new();
            push_opt(&mut f, "value", value.as_deref().map(boxed));
            Node("Yield", f)
        }
        ExprKind::YieldFrom { value } => Node("YieldFrom", vec![("value", expr(value))]),
        ExprKind::Compare { left, ops, comparators } => Node(
            "Compare",
            vec![
                ("left", expr(left)),
                ("ops", List(ops.iter().map(|o| unit(cmp_name(*o))).collect())),
                ("comparators", exprs(comparators)),
            ],
        ),
        ExprKind::Call { func, args, keywords } => Node(
            "Call",
            vec![
                ("func", expr(func)),
                ("args", exprs(args)),
                ("keywords", List(keywords.iter().map(keyword).collect())),
            ],
        ),
        ExprKind::FormattedValue { value, conversion, format_spec } => {
            let mut f = vec![("value", expr(value)), ("conversion", Atom(conversion.to_string()))];
            push_opt(&mut f, "format_spec", format_spec.as_deref().map(boxed));
            Node("FormattedValue", f)
        }
        ExprKind::JoinedStr { values } => Node("JoinedStr", vec![("values", exprs(values))]),
        ExprKind::Constant { value } => {
            Node("Constant", vec![("value", Atom(repr_constant(value)))])
        }
        ExprKind::Attribute { value, attr, ctx: c } => {
            Node("Attribute", vec![("value", expr(value)), ("attr", ident(attr)), ("ctx", ctx(*c))])
        }
        ExprKind::Subscript { value, slice, ctx: c } => Node(
            "Subscript",
            vec![("value", expr(value)), ("slice", expr(slice)), ("ctx", ctx(*c))],
        ),
        ExprKind::Starred { value, ctx: c } => {
            Node("Starred", vec![("value", expr(value)), ("ctx", ctx(*c))])
        }
        ExprKind::Name { id, ctx: c } => Node("Name", vec![("id", ident(id)), ("ctx", ctx(*c))]),
        ExprKind::List { elts, ctx: c } => {
            Node("List", vec![("elts", exprs(elts)), ("ctx", ctx(*c))])
        }
        ExprKind::Tuple { elts, ctx: c } => {
            Node("Tuple", vec![("elts", exprs(elts)), ("ctx", ctx(*c))])
        }
        ExprKind::Slice { lower, upper, step } => {
            let mut f = Vec::new();
            push_opt(&mut f, "lower", lower.as_deref().map(boxed));
            push_opt(&mut f, "upper", upper.as_deref().map(boxed));
            push_opt(&mut f, "step", step.as_deref().map(boxed));
            Node("Slice", f)
        }
    }
}

fn comprehensions(gens: &[Comprehension]) -> DumpValue {
    List(
        gens.iter()
            .map(|g| {
                Node(
                    "comprehension",
                    vec![
                        ("target", expr(&g.target)),
                        ("iter", expr(&g.iter)),
                        ("ifs", exprs(&g.ifs)),
                        ("is_async", Atom(if g.is_async { "1" } else { "0" }.into())),
                    ],
                )
            })
            .collect(),
    )
}

fn handler(h: &ExceptHandler) -> DumpValue {
    with_span(handler_fields(h), h.span)
}

fn handler_fields(h: &ExceptHandler) -> DumpValue {
    let mut f = Vec::new();
    push_opt(&mut f, "type", h.typ.as_deref().map(boxed));
    push_opt(&mut f, "name", h.name.as_deref().map(ident));
    f.push(("body", stmts(&h.body)));
    Node("ExceptHandler", f)
}

fn arg(a: &Arg) -> DumpValue {
    with_span(arg_fields(a), a.span)
}

fn arg_fields(a: &Arg) -> DumpValue {
    let mut f = vec![("arg", ident(&a.arg))];
    push_opt(&mut f, "annotation", a.annotation.as_deref().map(boxed));
    Node("arg", f)
}

fn arguments(a: &Arguments) -> DumpValue {
    let mut f = vec![
        ("posonlyargs", List(a.posonlyargs.iter().map(arg).collect())),
        ("args", List(a.args.iter().map(arg).collect())),
    ];
    push_opt(&mut f, "vararg", a.vararg.as_ref().map(arg));
    f.push(("kwonlyargs", List(a.kwonlyargs.iter().map(arg).collect())));
    f.push((
        "kw_defaults",
        List(
            a.kw_defaults
                .iter()
                .map(|d| d.as_ref().map(expr).unwrap_or_else(|| Atom("None".into())))
                .collect(),
        ),
    ));
    push_opt(&mut f, "kwarg", a.kwarg.as_ref().map(arg));
    f.push(("defaults", exprs(&a.defaults)));
    Node("arguments", f)
}

fn keyword(k: &Keyword) -> DumpValue {
    with_span(keyword_fields(k), k.span)
}

fn keyword_fields(k: &Keyword) -> DumpValue {
    let mut f = Vec::new();
    push_opt(&mut f, "arg", k.arg.as_deref().map(ident));
    f.push(("value", expr(&k.value)));
    Node("keyword", f)
}

fn alias(a: &Alias) -> DumpValue {
    with_span(alias_fields(a), a.span)
}

fn alias_fields(a: &Alias) -> DumpValue {
    let mut f = vec![("name", ident(&a.name))];
    push_opt(&mut f, "asname", a.asname.as_deref().map(ident));
    Node("alias", f)
}

fn with_item(w: &WithItem) -> DumpValue {
    let mut f = vec![("context_expr", expr(&w.context_expr))];
    push_opt(&mut f, "optional_vars", w.optional_vars.as_deref().map(boxed));
    Node("withitem", f)
}

/// The ast class name of a binary operator (`ast.Add`, ...).
pub fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

/// The ast class name of a comparison operator (`ast.Eq`, ...).
pub fn cmp_name(op: CmpOperator) -> &'static str {
    match op {
        CmpOperator::Eq => "Eq",
        CmpOperator::NotEq => "NotEq",
        CmpOperator::Lt => "Lt",
        CmpOperator::LtE => "LtE",
        CmpOperator::Gt => "Gt",
        CmpOperator::GtE => "GtE",
        CmpOperator::Is => "Is",
        CmpOperator::IsNot => "IsNot",
        CmpOperator::In => "In",
        CmpOperator::NotIn => "NotIn",
    }
}

/// Python's `repr()` of a constant.
pub(crate) fn repr_constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => repr_float(*f),
        Constant::Complex { real, imag } => {
            let imag_text = repr_float(*imag);
            let imag_text = imag_text.strip_suffix(".0").unwrap_or(&imag_text).to_string();
            if *real == 0.0 && real.is_sign_positive() {
                format!("{imag_text}j")
            } else {
                let real_text = repr_float(*real);
                let real_text = real_text.strip_suffix(".0").unwrap_or(&real_text).to_string();
                let sign = if imag.is_sign_negative() || imag.is_nan() && imag_text.starts_with('-')
                {
                    ""
                } else {
                    "+"
                };
                format!("({real_text}{sign}{imag_text}j)")
            }
        }
        Constant::Str(s) => repr_str(s),
        Constant::Bytes(b) => repr_bytes(b),
        Constant::Ellipsis => "Ellipsis".into(),
    }
}

/// Python's `repr(float)` (the shared, CPython-checked implementation).
fn repr_float(x: f64) -> String {
    crate::num::floatfmt::float_repr(x)
}

/// Python's `repr(str)` (the shared, CPython-checked implementation).
pub fn repr_str(s: &str) -> String {
    crate::text::strrepr::str_repr(s)
}

/// Python's `repr(bytes)`.
fn repr_bytes(b: &[u8]) -> String {
    crate::text::strrepr::bytes_repr(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        for (x, s) in [
            (0.1, "0.1"),
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e300, "1.5e+300"),
            (-2.5, "-2.5"),
            (123.456, "123.456"),
        ] {
            assert_eq!(repr_float(x), s);
        }
    }

    #[test]
    fn str_repr_matches_python() {
        assert_eq!(repr_str("a'\"b\n\x00\u{a0}é\u{200b}"), "'a\\'\"b\\n\\x00\\xa0é\\u200b'");
        assert_eq!(repr_str("it's"), "\"it's\"");
        assert_eq!(repr_bytes(b"\x00'a\""), "b'\\x00\\'a\"'");
    }
}
