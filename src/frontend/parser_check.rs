//! Target validation: setting `Store`/`Del` contexts and CPython's "cannot assign to ..." errors.

use super::ast::{Constant, Expr, ExprContext, ExprKind};
use super::parser::{PResult, Parser};

/// CPython's human name for an expression kind, as used in "cannot assign to <name>".
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// How an invalid target is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetMode {
    /// "cannot assign to X" / "cannot delete X" (the `=` statement adds its own suggestion).
    Plain,
}

/// True if a tuple's span starts before its first element (it was written with parentheses).
fn is_parenthesized_tuple(e: &Expr, elts: &[Expr]) -> bool {
    match elts.first() {
        Some(first) => {
            (first.span.lineno, first.span.col_offset) != (e.span.lineno, e.span.col_offset)
        }
        None => true,
    }
}

/// Give `e` (and its sub-targets) context `ctx`, or report why it cannot be a target.
pub(crate) fn set_context(
    p: &Parser<'_>,
    e: &mut Expr,
    ctx: ExprContext,
    mode: TargetMode,
) -> PResult<()> {
    let span = e.span;
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => {
            *c = ctx;
            Ok(())
        }
        ExprKind::Starred { value, ctx: c } => {
            if ctx == ExprContext::Del {
                return Err(p.error_span("cannot delete starred", span));
            }
            *c = ctx;
            set_context(p, value, ctx, TargetMode::Plain)
        }
        ExprKind::Tuple { elts, ctx: c } => {
            *c = ctx;
            for elt in elts.iter_mut() {
                set_context(p, elt, ctx, mode)?;
            }
            Ok(())
        }
        ExprKind::List { elts, ctx: c } => {
            *c = ctx;
            for elt in elts.iter_mut() {
                set_context(p, elt, ctx, TargetMode::Plain)?;
            }
            Ok(())
        }
        _ => {
            let name = expr_name(e);
            let msg = match (ctx, mode) {
                (ExprContext::Del, _) => format!("cannot delete {name}"),
                (_, TargetMode::Plain) => format!("cannot assign to {name}"),
            };
            Err(p.error_span(msg, span))
        }
    }
}

/// True if `e` could be CPython's `bitwise_or` (no comparison, boolean or conditional on top).
pub(crate) fn is_bitwise_or_level(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred { .. }
            | ExprKind::NamedExpr { .. }
    ) && !matches!(e.kind, ExprKind::UnaryOp { op: super::ast::UnaryOperator::Not, .. })
}

/// True if `e` begins with a `bitwise_or` (its leftmost operand is one).
pub(crate) fn starts_with_bitwise_or(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Compare { left, .. } => starts_with_bitwise_or(left),
        ExprKind::BoolOp { values, .. } => {
            values.first().map(starts_with_bitwise_or).unwrap_or(false)
        }
        ExprKind::IfExp { body, .. } => starts_with_bitwise_or(body),
        ExprKind::Tuple { elts, .. }
            if elts
                .first()
                .map(|f| (f.span.lineno, f.span.col_offset) == (e.span.lineno, e.span.col_offset))
                .unwrap_or(false) =>
        {
            elts.first().map(starts_with_bitwise_or).unwrap_or(false)
        }
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => false,
        _ => is_bitwise_or_level(e),
    }
}

/// Validate one target of an `=` statement. `maybe_comparison` is true for the first target
/// of `target = value` when CPython would suggest `==` for an invalid target.
pub(crate) fn set_assign_target(
    p: &Parser<'_>,
    e: &mut Expr,
    first: bool,
    parenthesized: bool,
    maybe_comparison: bool,
) -> PResult<()> {
    if !first
        && !parenthesized
        && matches!(e.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. })
    {
        return Err(p.error_span("assignment to yield expression not possible", e.span));
    }
    // The expression CPython's "Maybe you meant '=='" rule looks at: the target itself, or
    // the last element of an unparenthesized tuple.
    let candidate_span = match &e.kind {
        ExprKind::Tuple { elts, .. } if !is_parenthesized_tuple(e, elts) => {
            elts.last().map(|l| (l.span, is_bitwise_or_level(l) && suggestion_applies(l)))
        }
        _ => Some((e.span, is_bitwise_or_level(e) && suggestion_applies(e))),
    };
    match set_context(p, e, ExprContext::Store, TargetMode::Plain) {
        Ok(()) => Ok(()),
        Err(mut err) => {
            if let Some((span, eligible)) = candidate_span {
                let at_candidate = err.lineno == span.lineno
                    && err.offset
                        == p.char_offset(super::token::Pos {
                            line: span.lineno,
                            col: span.col_offset,
                        });
                if maybe_comparison
                    && eligible
                    && at_candidate
                    && err.msg.starts_with("cannot assign to ")
                {
                    err.msg.push_str(" here. Maybe you meant '==' instead of '='?");
                }
            }
            Err(err)
        }
    }
}

/// CPython does not suggest `==` for list/tuple/generator displays and True/None/False.
fn suggestion_applies(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::List { .. }
            | ExprKind::Tuple { .. }
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Constant { value: Constant::None | Constant::Bool(_) }
    )
}

/// Validate the target of an augmented assignment (`x += 1`).
pub(crate) fn check_augassign_target(p: &Parser<'_>, e: &mut Expr) -> PResult<()> {
    match &mut e.kind {
        ExprKind::Name { ctx, .. }
        | ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
            Ok(())
        }
        _ => Err(p.error_span(
            format!("'{}' is an illegal expression for augmented assignment", expr_name(e)),
            e.span,
        )),
    }
}

/// Validate the target of an annotated assignment (`x: int = 1`).
pub(crate) fn check_annotation_target(p: &Parser<'_>, e: &mut Expr) -> PResult<()> {
    match &mut e.kind {
        ExprKind::Name { ctx, .. }
        | ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
            Ok(())
        }
        ExprKind::Tuple { .. } => {
            Err(p.error_span("only single target (not tuple) can be annotated", e.span))
        }
        ExprKind::List { .. } => {
            Err(p.error_span("only single target (not list) can be annotated", e.span))
        }
        _ => Err(p.error_span("illegal target for annotation", e.span)),
    }
}
