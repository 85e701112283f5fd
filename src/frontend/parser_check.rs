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
    /// "cannot assign to X" / "cannot delete X".
    Plain,
    /// The first target of an `=` statement, outside brackets:
    /// "cannot assign to X here. Maybe you meant '==' instead of '='?".
    AssignHere,
}

/// True if a tuple's span starts before its first element (it was written with parentheses).
fn is_parenthesized_tuple(e: &Expr, elts: &[Expr]) -> bool {
    match elts.first() {
        Some(first) => (first.span.lineno, first.span.col_offset) != (e.span.lineno, e.span.col_offset),
        None => true,
    }
}

/// Give `e` (and its sub-targets) context `ctx`, or report why it cannot be a target.
pub(crate) fn set_context(p: &Parser<'_>, e: &mut Expr, ctx: ExprContext, mode: TargetMode) -> PResult<()> {
    let span = e.span;
    let parenthesized = match &e.kind {
        ExprKind::Tuple { elts, .. } => is_parenthesized_tuple(e, elts),
        _ => false,
    };
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. } | ExprKind::Attribute { ctx: c, .. } | ExprKind::Subscript { ctx: c, .. } => {
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
            let inner = if parenthesized { TargetMode::Plain } else { mode };
            for elt in elts.iter_mut() {
                set_context(p, elt, ctx, inner)?;
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
                (_, TargetMode::AssignHere) if !matches!(name, "None" | "True" | "False") => format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?"),
                _ => format!("cannot assign to {name}"),
            };
            Err(p.error_span(msg, span))
        }
    }
}

/// Validate a whole `=`-statement target list (starred targets must be inside a tuple/list).
pub(crate) fn set_assign_target(p: &Parser<'_>, e: &mut Expr, first: bool, parenthesized: bool) -> PResult<()> {
    if let ExprKind::Starred { .. } = e.kind {
        return Err(p.error_span("starred assignment target must be in a list or tuple", e.span));
    }
    if !first && !parenthesized && matches!(e.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
        return Err(p.error_span("assignment to yield expression not possible", e.span));
    }
    let mode = if first { TargetMode::AssignHere } else { TargetMode::Plain };
    set_context(p, e, ExprContext::Store, mode)
}

/// Validate the target of an augmented assignment (`x += 1`).
pub(crate) fn check_augassign_target(p: &Parser<'_>, e: &mut Expr) -> PResult<()> {
    match &mut e.kind {
        ExprKind::Name { ctx, .. } | ExprKind::Attribute { ctx, .. } | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
            Ok(())
        }
        _ => Err(p.error_span(format!("'{}' is an illegal expression for augmented assignment", expr_name(e)), e.span)),
    }
}

/// Validate the target of an annotated assignment (`x: int = 1`).
pub(crate) fn check_annotation_target(p: &Parser<'_>, e: &mut Expr) -> PResult<()> {
    match &mut e.kind {
        ExprKind::Name { ctx, .. } | ExprKind::Attribute { ctx, .. } | ExprKind::Subscript { ctx, .. } => {
            *ctx = ExprContext::Store;
            Ok(())
        }
        ExprKind::Tuple { .. } => Err(p.error_span("only single target (not tuple) can be annotated", e.span)),
        ExprKind::List { .. } => Err(p.error_span("only single target (not list) can be annotated", e.span)),
        _ => Err(p.error_span("illegal target for annotation", e.span)),
    }
}
