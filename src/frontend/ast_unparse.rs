//! Expressions back to source text the way CPython 3.11's C unparser (`Python/ast_unparse.c`) writes them: the annotation strings of `from __future__ import annotations`.
//!
//! Each construct is printed at a precedence level and parenthesised when the surrounding
//! level is higher; tuples, f-strings, numbers followed by `.` and the other special cases
//! follow the C implementation (which differs in places from the Python `ast.unparse`).

use super::ast::*;

// Precedence levels, lowest first (CPython's `PR_*` enum).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The text of an annotation under `from __future__ import annotations`
/// (`_PyAST_ExprAsUnicode`: the expression printed at the `test` level).
pub fn unparse_expr(e: &Expr) -> String {
    let mut out = String::new();
    expr(&mut out, e, PR_TEST);
    out
}

fn open(out: &mut String, cond: bool) {
    if cond {
        out.push('(');
    }
}

fn close(out: &mut String, cond: bool) {
    if cond {
        out.push(')');
    }
}

fn expr(out: &mut String, e: &Expr, level: u8) {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (text, pr) = match op {
                BoolOperator::And => (" and ", PR_AND),
                BoolOperator::Or => (" or ", PR_OR),
            };
            open(out, level > pr);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(text);
                }
                expr(out, v, pr + 1);
            }
            close(out, level > pr);
        }
        ExprKind::NamedExpr { target, value } => {
            open(out, level > PR_TUPLE);
            expr(out, target, PR_ATOM);
            out.push_str(" := ");
            expr(out, value, PR_ATOM);
            close(out, level > PR_TUPLE);
        }
        ExprKind::BinOp { left, op, right } => {
            let (text, pr) = binop(*op);
            let rassoc = matches!(op, Operator::Pow) as u8;
            open(out, level > pr);
            expr(out, left, pr + rassoc);
            out.push_str(text);
            expr(out, right, pr + 1 - rassoc);
            close(out, level > pr);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (text, pr) = match op {
                UnaryOperator::Invert => ("~", PR_FACTOR),
                UnaryOperator::Not => ("not ", PR_NOT),
                UnaryOperator::UAdd => ("+", PR_FACTOR),
                UnaryOperator::USub => ("-", PR_FACTOR),
            };
            open(out, level > pr);
            out.push_str(text);
            expr(out, operand, pr);
            close(out, level > pr);
        }
        ExprKind::Lambda { args, body } => {
            open(out, level > PR_TEST);
            let positional = args.args.len() + args.posonlyargs.len();
            out.push_str(if positional > 0 { "lambda " } else { "lambda" });
            arguments(out, args);
            out.push_str(": ");
            expr(out, body, PR_TEST);
            close(out, level > PR_TEST);
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(out, level > PR_TEST);
            expr(out, body, PR_TEST + 1);
            out.push_str(" if ");
            expr(out, test, PR_TEST + 1);
            out.push_str(" else ");
            expr(out, orelse, PR_TEST);
            close(out, level > PR_TEST);
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, PR_TEST);
                        out.push_str(": ");
                        expr(out, v, PR_TEST);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, PR_EXPR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set { elts } => {
            out.push('{');
            seq(out, elts);
            out.push('}');
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            expr(out, elt, PR_TEST);
            comprehensions(out, generators);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            expr(out, elt, PR_TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::DictComp { key, value, generators } => {
            out.push('{');
            expr(out, key, PR_TEST);
            out.push_str(": ");
            expr(out, value, PR_TEST);
            comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => genexp(out, elt, generators),
        ExprKind::Await { value } => {
            open(out, level > PR_AWAIT);
            out.push_str("await ");
            expr(out, value, PR_ATOM);
            close(out, level > PR_AWAIT);
        }
        ExprKind::Yield { value } => match value {
            None => out.push_str("(yield)"),
            Some(v) => {
                out.push_str("(yield ");
                expr(out, v, PR_TEST);
                out.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            out.push_str("(yield from ");
            expr(out, value, PR_TEST);
            out.push(')');
        }
        ExprKind::Compare { left, ops, comparators } => {
            open(out, level > PR_CMP);
            expr(out, left, PR_CMP + 1);
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(cmpop(*op));
                expr(out, c, PR_CMP + 1);
            }
            close(out, level > PR_CMP);
        }
        ExprKind::Call { func, args, keywords } => {
            expr(out, func, PR_ATOM);
            if let ([only], []) = (args.as_slice(), keywords.as_slice()) {
                if let ExprKind::GeneratorExp { elt, generators } = &only.kind {
                    genexp(out, elt, generators);
                    return;
                }
            }
            out.push('(');
            let mut first = true;
            for a in args {
                sep(out, &mut first);
                expr(out, a, PR_TEST);
            }
            for k in keywords {
                sep(out, &mut first);
                match &k.arg {
                    None => out.push_str("**"),
                    Some(name) => {
                        out.push_str(name);
                        out.push('=');
                    }
                }
                expr(out, &k.value, PR_TEST);
            }
            out.push(')');
        }
        ExprKind::FormattedValue { .. } => formatted_value(out, e),
        ExprKind::JoinedStr { values } => {
            out.push('f');
            out.push_str(&crate::text::strrepr::str_repr(&fstring_body(values, false)));
        }
        ExprKind::Constant { value } => constant(out, value),
        ExprKind::Attribute { value, attr, .. } => {
            expr(out, value, PR_ATOM);
            let int_literal = matches!(&value.kind, ExprKind::Constant { value: Constant::Int(_) });
            out.push_str(if int_literal { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(out, value, PR_ATOM);
            out.push('[');
            expr(out, slice, PR_TUPLE);
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(out, value, PR_EXPR);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            seq(out, elts);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
                return;
            }
            open(out, level > PR_TUPLE);
            seq(out, elts);
            if elts.len() == 1 {
                out.push(',');
            }
            close(out, level > PR_TUPLE);
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(out, l, PR_TEST);
            }
            out.push(':');
            if let Some(u) = upper {
                expr(out, u, PR_TEST);
            }
            if let Some(s) = step {
                out.push(':');
                expr(out, s, PR_TEST);
            }
        }
    }
}

/// `APPEND_STR_IF_NOT_FIRST(", ")`.
fn sep(out: &mut String, first: &mut bool) {
    if *first {
        *first = false;
    } else {
        out.push_str(", ");
    }
}

/// Items at the `test` level separated by `, `.
fn seq(out: &mut String, items: &[Expr]) {
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, x, PR_TEST);
    }
}

fn genexp(out: &mut String, elt: &Expr, generators: &[Comprehension]) {
    out.push('(');
    expr(out, elt, PR_TEST);
    comprehensions(out, generators);
    out.push(')');
}

fn comprehensions(out: &mut String, gens: &[Comprehension]) {
    for g in gens {
        out.push_str(if g.is_async { " async for " } else { " for " });
        expr(out, &g.target, PR_TUPLE);
        out.push_str(" in ");
        expr(out, &g.iter, PR_TEST + 1);
        for cond in &g.ifs {
            out.push_str(" if ");
            expr(out, cond, PR_TEST + 1);
        }
    }
}

fn arg(out: &mut String, a: &Arg) {
    out.push_str(&a.arg);
    if let Some(ann) = &a.annotation {
        out.push_str(": ");
        expr(out, ann, PR_TEST);
    }
}

fn arguments(out: &mut String, a: &Arguments) {
    let mut first = true;
    let npos = a.posonlyargs.len();
    let all: Vec<&Arg> = a.posonlyargs.iter().chain(a.args.iter()).collect();
    let first_default = all.len() as isize - a.defaults.len() as isize;
    for (i, p) in all.iter().enumerate() {
        sep(out, &mut first);
        arg(out, p);
        let di = i as isize - first_default;
        if di >= 0 {
            out.push('=');
            expr(out, &a.defaults[di as usize], PR_TEST);
        }
        if npos > 0 && i + 1 == npos {
            out.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(out, &mut first);
        out.push('*');
        if let Some(v) = &a.vararg {
            arg(out, v);
        }
    }
    let first_kw_default = a.kwonlyargs.len() as isize - a.kw_defaults.len() as isize;
    for (i, k) in a.kwonlyargs.iter().enumerate() {
        sep(out, &mut first);
        arg(out, k);
        let di = i as isize - first_kw_default;
        if di >= 0 {
            if let Some(d) = &a.kw_defaults[di as usize] {
                out.push('=');
                expr(out, d, PR_TEST);
            }
        }
    }
    if let Some(k) = &a.kwarg {
        sep(out, &mut first);
        out.push_str("**");
        arg(out, k);
    }
}

/// The text between the quotes of an f-string (or a format spec when `is_format_spec`).
fn fstring_body(values: &[Expr], is_format_spec: bool) -> String {
    let mut body = String::new();
    for v in values {
        fstring_element(&mut body, v, is_format_spec);
    }
    body
}

fn fstring_element(out: &mut String, e: &Expr, is_format_spec: bool) {
    match &e.kind {
        ExprKind::Constant { value: Constant::Str(s) } => {
            out.push_str(&s.replace('{', "{{").replace('}', "}}"))
        }
        ExprKind::JoinedStr { values } => {
            let body = fstring_body(values, is_format_spec);
            if is_format_spec {
                out.push_str(&body);
            } else {
                out.push('f');
                out.push_str(&crate::text::strrepr::str_repr(&body));
            }
        }
        ExprKind::FormattedValue { .. } => formatted_value(out, e),
        _ => expr(out, e, PR_TEST),
    }
}

fn formatted_value(out: &mut String, e: &Expr) {
    let ExprKind::FormattedValue { value, conversion, format_spec } = &e.kind else { return };
    let mut inner = String::new();
    // PR_TEST + 1: a lambda (with its ':') gets parentheses.
    expr(&mut inner, value, PR_TEST + 1);
    out.push_str(if inner.starts_with('{') { "{ " } else { "{" });
    out.push_str(&inner);
    match u8::try_from(*conversion).ok().map(char::from) {
        Some('a') => out.push_str("!a"),
        Some('r') => out.push_str("!r"),
        Some('s') => out.push_str("!s"),
        _ => {}
    }
    if let Some(spec) = format_spec {
        out.push(':');
        fstring_element(out, spec, true);
    }
    out.push('}');
}

fn constant(out: &mut String, c: &Constant) {
    match c {
        Constant::Ellipsis => out.push_str("..."),
        Constant::Float(f) if f.is_infinite() => {
            out.push_str(if *f > 0.0 { "1e309" } else { "-1e309" })
        }
        Constant::Complex { real, imag } if real.is_infinite() || imag.is_infinite() => {
            out.push_str(&super::ast_dump::repr_constant(c).replace("inf", "1e309"))
        }
        _ => out.push_str(&super::ast_dump::repr_constant(c)),
    }
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", PR_ARITH),
        Operator::Sub => (" - ", PR_ARITH),
        Operator::Mult => (" * ", PR_TERM),
        Operator::MatMult => (" @ ", PR_TERM),
        Operator::Div => (" / ", PR_TERM),
        Operator::Mod => (" % ", PR_TERM),
        Operator::LShift => (" << ", PR_SHIFT),
        Operator::RShift => (" >> ", PR_SHIFT),
        Operator::BitOr => (" | ", PR_BOR),
        Operator::BitXor => (" ^ ", PR_BXOR),
        Operator::BitAnd => (" & ", PR_BAND),
        Operator::FloorDiv => (" // ", PR_TERM),
        Operator::Pow => (" ** ", PR_POWER),
    }
}

fn cmpop(op: CmpOperator) -> &'static str {
    match op {
        CmpOperator::Eq => " == ",
        CmpOperator::NotEq => " != ",
        CmpOperator::Lt => " < ",
        CmpOperator::LtE => " <= ",
        CmpOperator::Gt => " > ",
        CmpOperator::GtE => " >= ",
        CmpOperator::Is => " is ",
        CmpOperator::IsNot => " is not ",
        CmpOperator::In => " in ",
        CmpOperator::NotIn => " not in ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotation(src: &str) -> String {
        let m = crate::frontend::parse_module(&format!("x: {src}\n"), "<t>").expect("parses");
        match &m.body[0].kind {
            StmtKind::AnnAssign { annotation, .. } => unparse_expr(annotation),
            _ => unreachable!("an annotated assignment"),
        }
    }

    #[test]
    fn matches_cpython_c_unparser() {
        // Expected texts recorded from CPython 3.11 (`from __future__ import annotations`).
        for (src, want) in [
            ("list[ int ]", "list[int]"),
            ("'q'", "'q'"),
            ("dict[str, int]", "dict[str, int]"),
            ("Foo.Bar | None", "Foo.Bar | None"),
            ("lambda: 1", "lambda: 1"),
            ("(1, 2)", "(1, 2)"),
            ("1 + 2 * 3 ** -x", "1 + 2 * 3 ** (-x)"),
            ("{1: 2, **d}", "{1: 2, **d}"),
            ("f\"a{b!r:>{c}}\"", "f'a{b!r:>{c}}'"),
        ] {
            assert_eq!(annotation(src), want, "{src}");
        }
    }
}
