//! Expression code generation: operators, comparisons, calls, displays, f-strings, constants, conditional jumps.
#![forbid(unsafe_code)]

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use super::code::Constant;
use super::codegen::{Compiler, Label};
use super::codegen_stmt::binop_arg;
use super::opcode::{CompareOpArg, Opcode};
use super::symtable::ScopeKind;
use crate::frontend::ast::{
    self, BoolOperator, CmpOperator, Expr, ExprContext, ExprKind, Keyword, Span, UnaryOperator,
};
use crate::frontend::SyntaxError;

type R = Result<(), SyntaxError>;

/// Convert a BigInt to the smallest constant form.
pub(crate) fn int_constant(i: &BigInt) -> Constant {
    match i.to_i64() {
        Some(v) => Constant::Int(v),
        None => Constant::BigInt(i.clone()),
    }
}

/// Python truthiness of a constant.
pub(crate) fn const_truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) => !t.is_empty(),
        Constant::Code(_) | Constant::Ellipsis => true,
    }
}

/// Fold an expression into a constant when it is a literal, a negated number, or a tuple of such.
pub(crate) fn fold_const(e: &Expr) -> Option<Constant> {
    match &e.kind {
        ExprKind::Constant { value } => match value {
            ast::Constant::None => Some(Constant::None),
            ast::Constant::Bool(b) => Some(Constant::Bool(*b)),
            ast::Constant::Int(i) => Some(int_constant(i)),
            ast::Constant::Float(f) => Some(Constant::Float(*f)),
            ast::Constant::Complex { .. } => None,
            ast::Constant::Str(s) => Some(Constant::Str(s.as_str().into())),
            ast::Constant::Bytes(b) => Some(Constant::Bytes(b.as_slice().into())),
            ast::Constant::Ellipsis => Some(Constant::Ellipsis),
        },
        ExprKind::UnaryOp { op: UnaryOperator::USub, operand } => match &operand.kind {
            ExprKind::Constant { value: ast::Constant::Int(i) } => Some(int_constant(&-i)),
            ExprKind::Constant { value: ast::Constant::Float(f) } => Some(Constant::Float(-f)),
            _ => None,
        },
        // `__debug__` is a compile-time constant (no `-O` mode).
        ExprKind::Name { id, ctx: ExprContext::Load } if id == "__debug__" => {
            Some(Constant::Bool(true))
        }
        ExprKind::Tuple { elts, ctx: ExprContext::Load } => {
            let mut items = Vec::with_capacity(elts.len());
            for el in elts {
                items.push(fold_const(el)?);
            }
            Some(Constant::Tuple(items.into()))
        }
        _ => None,
    }
}

fn cmp_op(c: &mut Compiler<'_>, op: CmpOperator) {
    let (opc, arg) = match op {
        CmpOperator::Eq => (Opcode::CompareOp, CompareOpArg::Eq as u32),
        CmpOperator::NotEq => (Opcode::CompareOp, CompareOpArg::Ne as u32),
        CmpOperator::Lt => (Opcode::CompareOp, CompareOpArg::Lt as u32),
        CmpOperator::LtE => (Opcode::CompareOp, CompareOpArg::Le as u32),
        CmpOperator::Gt => (Opcode::CompareOp, CompareOpArg::Gt as u32),
        CmpOperator::GtE => (Opcode::CompareOp, CompareOpArg::Ge as u32),
        CmpOperator::Is => (Opcode::IsOp, 0),
        CmpOperator::IsNot => (Opcode::IsOp, 1),
        CmpOperator::In => (Opcode::ContainsOp, 0),
        CmpOperator::NotIn => (Opcode::ContainsOp, 1),
    };
    c.emit(opc, arg);
}

impl<'a> Compiler<'a> {
    pub(crate) fn convert_constant(
        &self,
        value: &ast::Constant,
        span: Span,
    ) -> Result<Constant, SyntaxError> {
        match value {
            ast::Constant::Complex { .. } => {
                Err(self.error("complex numbers are not supported by gilbench", span))
            }
            ast::Constant::None => Ok(Constant::None),
            ast::Constant::Bool(b) => Ok(Constant::Bool(*b)),
            ast::Constant::Int(i) => Ok(int_constant(i)),
            ast::Constant::Float(f) => Ok(Constant::Float(*f)),
            ast::Constant::Str(s) => Ok(Constant::Str(s.as_str().into())),
            ast::Constant::Bytes(b) => Ok(Constant::Bytes(b.as_slice().into())),
            ast::Constant::Ellipsis => Ok(Constant::Ellipsis),
        }
    }

    /// Compile an expression, attributing its instructions to its own line.
    pub(crate) fn compile_expr(&mut self, e: &'a Expr) -> R {
        let saved = self.ur().line;
        let saved_loc = self.loc;
        self.set_line(e.span.lineno);
        self.loc = e.span;
        let r = self.compile_expr_inner(e);
        self.u().line = saved;
        self.loc = saved_loc;
        r
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> R {
        if let Some(c) = fold_const(e) {
            self.load_const(c);
            return Ok(());
        }
        match &e.kind {
            ExprKind::BoolOp { op, values } => self.compile_boolop(*op, values),
            ExprKind::NamedExpr { target, value } => {
                self.compile_expr(value)?;
                self.op_arg(Opcode::Copy, 1);
                self.compile_store(target)
            }
            ExprKind::BinOp { left, op, right } => {
                self.compile_expr(left)?;
                self.compile_expr(right)?;
                self.op_arg(Opcode::BinaryOp, binop_arg(*op) as u32);
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => {
                self.compile_expr(operand)?;
                self.op(match op {
                    UnaryOperator::Invert => Opcode::UnaryInvert,
                    UnaryOperator::Not => Opcode::UnaryNot,
                    UnaryOperator::UAdd => Opcode::UnaryPositive,
                    UnaryOperator::USub => Opcode::UnaryNegative,
                });
                Ok(())
            }
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.compile_jump_if(test, false, else_l)?;
                self.compile_expr(body)?;
                self.jump(Opcode::JumpForward, end);
                self.bind(else_l);
                self.compile_expr(orelse)?;
                self.bind(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values),
            ExprKind::Set { elts } => self.compile_starunpack(
                elts,
                Opcode::BuildSet,
                Opcode::SetAdd,
                Opcode::SetUpdate,
                false,
            ),
            ExprKind::List { elts, ctx } => {
                self.check_load(*ctx, e)?;
                if elts.len() >= 3 && elts.iter().all(|el| fold_const(el).is_some()) {
                    let items: Vec<Constant> = elts.iter().filter_map(fold_const).collect();
                    self.op_arg(Opcode::BuildList, 0);
                    self.load_const(Constant::Tuple(items.into()));
                    self.op_arg(Opcode::ListExtend, 1);
                    return Ok(());
                }
                self.compile_starunpack(
                    elts,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    false,
                )
            }
            ExprKind::Tuple { elts, ctx } => {
                self.check_load(*ctx, e)?;
                self.compile_starunpack(
                    elts,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    true,
                )
            }
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.compile_comprehension(e),
            ExprKind::Await { .. } => {
                let msg = if self.ur().kind.is_function_like() {
                    "'await' outside async function"
                } else {
                    "'await' outside function"
                };
                Err(self.error(msg, e.span))
            }
            ExprKind::Yield { value } => {
                self.check_yield(e)?;
                match value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.op(Opcode::YieldValue);
                Ok(())
            }
            ExprKind::YieldFrom { value } => {
                self.check_yield(e)?;
                self.compile_expr(value)?;
                self.op(Opcode::GetYieldFromIter);
                self.load_const(Constant::None);
                self.op(Opcode::YieldFrom);
                Ok(())
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.compile_compare(left, ops, comparators)
            }
            ExprKind::Call { func, args, keywords } => self.compile_call(func, args, keywords),
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.compile_formatted(value, *conversion, format_spec.as_deref())
            }
            ExprKind::JoinedStr { values } => {
                for v in values {
                    self.compile_expr(v)?;
                }
                if values.len() != 1 {
                    self.op_arg(Opcode::BuildString, values.len() as u32);
                }
                Ok(())
            }
            ExprKind::Constant { value } => {
                let c = self.convert_constant(value, e.span)?;
                self.load_const(c);
                Ok(())
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.check_load(*ctx, e)?;
                self.compile_expr(value)?;
                self.set_line(e.span.end_lineno.max(e.span.lineno));
                self.emit_attr(Opcode::LoadAttr, attr);
                Ok(())
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.check_load(*ctx, e)?;
                self.compile_expr(value)?;
                self.compile_slice_or_expr(slice)?;
                self.op(Opcode::BinarySubscr);
                Ok(())
            }
            ExprKind::Starred { .. } => {
                Err(self.error("can't use starred expression here", e.span))
            }
            ExprKind::Name { id, ctx } => {
                self.check_load(*ctx, e)?;
                self.name_op(id, ExprContext::Load, e.span)
            }
            ExprKind::Slice { lower, upper, step } => {
                self.compile_slice(lower.as_deref(), upper.as_deref(), step.as_deref())
            }
        }
    }

    fn check_load(&self, ctx: ExprContext, e: &Expr) -> R {
        if ctx != ExprContext::Load {
            return Err(
                self.error("internal compiler error: store/del context in expression", e.span)
            );
        }
        Ok(())
    }

    fn check_yield(&self, e: &Expr) -> R {
        match self.ur().kind {
            ScopeKind::Module | ScopeKind::Class => {
                Err(self.error("'yield' outside function", e.span))
            }
            _ => Ok(()),
        }
    }

    fn compile_slice(
        &mut self,
        lower: Option<&'a Expr>,
        upper: Option<&'a Expr>,
        step: Option<&'a Expr>,
    ) -> R {
        for part in [lower, upper] {
            match part {
                Some(p) => self.compile_expr(p)?,
                None => self.load_const(Constant::None),
            }
        }
        let mut n = 2;
        if let Some(s) = step {
            self.compile_expr(s)?;
            n = 3;
        }
        self.op_arg(Opcode::BuildSlice, n);
        Ok(())
    }

    /// A subscript index: slices become `BUILD_SLICE`.
    pub(crate) fn compile_slice_or_expr(&mut self, e: &'a Expr) -> R {
        self.compile_expr(e)
    }

    fn compile_boolop(&mut self, op: BoolOperator, values: &'a [Expr]) -> R {
        let end = self.new_label();
        let jop = if op == BoolOperator::And {
            Opcode::JumpIfFalseOrPop
        } else {
            Opcode::JumpIfTrueOrPop
        };
        for (i, v) in values.iter().enumerate() {
            self.compile_expr(v)?;
            if i + 1 < values.len() {
                self.jump(jop, end);
            }
        }
        self.bind(end);
        Ok(())
    }

    fn compile_compare(&mut self, left: &'a Expr, ops: &'a [CmpOperator], comps: &'a [Expr]) -> R {
        self.compile_expr(left)?;
        let n = ops.len().min(comps.len());
        if n == 0 {
            return Ok(());
        }
        if n == 1 {
            self.compile_expr(&comps[0])?;
            cmp_op(self, ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.compile_expr(&comps[i])?;
            self.op_arg(Opcode::Swap, 2);
            self.op_arg(Opcode::Copy, 2);
            cmp_op(self, ops[i]);
            self.jump(Opcode::JumpIfFalseOrPop, cleanup);
        }
        self.compile_expr(&comps[n - 1])?;
        cmp_op(self, ops[n - 1]);
        self.jump(Opcode::JumpForward, end);
        self.bind(cleanup);
        self.op_arg(Opcode::Swap, 2);
        self.op(Opcode::PopTop);
        self.bind(end);
        Ok(())
    }

    /// Jump to `label` when the truth value of `e` equals `cond`; fall through otherwise.
    pub(crate) fn compile_jump_if(&mut self, e: &'a Expr, cond: bool, label: Label) -> R {
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOperator::Not, operand } => {
                return self.compile_jump_if(operand, !cond, label)
            }
            ExprKind::BoolOp { op, values } if !values.is_empty() => {
                let is_or = *op == BoolOperator::Or;
                let (last, rest) = values.split_last().expect("non-empty");
                if cond == is_or {
                    // `or` jumping on true / `and` jumping on false: every operand jumps to label.
                    for v in rest {
                        self.compile_jump_if(v, cond, label)?;
                    }
                    return self.compile_jump_if(last, cond, label);
                }
                let next = self.new_label();
                for v in rest {
                    self.compile_jump_if(v, !cond, next)?;
                }
                self.compile_jump_if(last, cond, label)?;
                self.bind(next);
                return Ok(());
            }
            _ => {}
        }
        if let Some(c) = fold_const(e) {
            if const_truthy(&c) == cond {
                self.set_line(e.span.lineno);
                self.jump(Opcode::JumpForward, label);
            }
            return Ok(());
        }
        self.compile_expr(e)?;
        let saved = self.ur().line;
        self.set_line(e.span.lineno);
        self.jump(if cond { Opcode::PopJumpIfTrue } else { Opcode::PopJumpIfFalse }, label);
        self.u().line = saved;
        Ok(())
    }

    /// List/tuple/set displays, with `*x` items: `BUILD_x` of the leading plain items, then
    /// `x_EXTEND`/`x_APPEND`. Tuples are built as lists and converted when starred.
    fn compile_starunpack(
        &mut self,
        elts: &'a [Expr],
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> R {
        let has_star = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !has_star {
            for el in elts {
                self.compile_expr(el)?;
            }
            self.op_arg(if tuple { Opcode::BuildTuple } else { build }, elts.len() as u32);
            return Ok(());
        }
        let mut seen_star = false;
        let mut pushed = 0u32;
        for el in elts {
            match &el.kind {
                ExprKind::Starred { value, .. } => {
                    if !seen_star {
                        self.op_arg(build, pushed);
                        seen_star = true;
                    }
                    self.compile_expr(value)?;
                    self.op_arg(extend, 1);
                }
                _ => {
                    self.compile_expr(el)?;
                    if seen_star {
                        self.op_arg(add, 1);
                    } else {
                        pushed += 1;
                    }
                }
            }
        }
        if tuple {
            self.op(Opcode::ListToTuple);
        }
        Ok(())
    }

    fn compile_dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> R {
        let mut have_dict = false;
        let mut elements = 0u32;
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.compile_expr(k)?;
                    self.compile_expr(v)?;
                    elements += 1;
                }
                None => {
                    if elements > 0 {
                        self.op_arg(Opcode::BuildMap, elements);
                        if have_dict {
                            self.op_arg(Opcode::DictUpdate, 1);
                        }
                        have_dict = true;
                        elements = 0;
                    }
                    if !have_dict {
                        self.op_arg(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.compile_expr(v)?;
                    self.op_arg(Opcode::DictUpdate, 1);
                }
            }
        }
        if elements > 0 || !have_dict {
            self.op_arg(Opcode::BuildMap, elements);
            if have_dict {
                self.op_arg(Opcode::DictUpdate, 1);
            }
        }
        Ok(())
    }

    fn compile_formatted(&mut self, value: &'a Expr, conversion: i32, spec: Option<&'a Expr>) -> R {
        self.compile_expr(value)?;
        let mut flags = match conversion {
            115 => 1,
            114 => 2,
            97 => 3,
            _ => 0,
        };
        if let Some(s) = spec {
            self.compile_expr(s)?;
            flags |= 4;
        }
        self.op_arg(Opcode::FormatValue, flags);
        Ok(())
    }

    fn compile_call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> R {
        self.validate_keywords(keywords)?;
        let simple =
            keywords.is_empty() && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }));
        if let (true, ExprKind::Attribute { value, attr, ctx: ExprContext::Load }) =
            (simple, &func.kind)
        {
            self.compile_expr(value)?;
            self.set_line(func.span.end_lineno.max(func.span.lineno));
            self.emit_attr(Opcode::LoadMethod, attr);
            for a in args {
                self.compile_expr(a)?;
            }
            self.set_line(func.span.end_lineno.max(func.span.lineno));
            self.op_arg(Opcode::CallMethod, args.len() as u32);
            return Ok(());
        }
        self.compile_expr(func)?;
        self.compile_call_helper(0, args, keywords)
    }

    fn validate_keywords(&self, keywords: &[Keyword]) -> R {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if name == "__debug__" {
                return Err(self.error("cannot assign to __debug__", self.loc));
            }
            if keywords[i + 1..].iter().any(|o| o.arg.as_deref() == Some(name.as_str())) {
                let dup = keywords[i + 1..]
                    .iter()
                    .find(|o| o.arg.as_deref() == Some(name.as_str()))
                    .map(|o| o.span)
                    .unwrap_or(k.span);
                return Err(self.error(format!("keyword argument repeated: {name}"), dup));
            }
        }
        Ok(())
    }

    /// Arguments of a call whose callable (and `n_pre` leading positional arguments) are
    /// already on the stack, then the call instruction.
    pub(crate) fn compile_call_helper(
        &mut self,
        n_pre: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> R {
        let has_star = args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        if !has_star {
            for a in args {
                self.compile_expr(a)?;
            }
            if keywords.is_empty() {
                self.op_arg(Opcode::CallFunction, n_pre + args.len() as u32);
                return Ok(());
            }
            let mut names = Vec::with_capacity(keywords.len());
            for k in keywords {
                self.compile_expr(&k.value)?;
                names.push(Constant::Str(k.arg.as_deref().unwrap_or("").into()));
            }
            self.load_const(Constant::Tuple(names.into()));
            self.op_arg(Opcode::CallFunctionKw, n_pre + (args.len() + keywords.len()) as u32);
            return Ok(());
        }
        // Positional arguments as one tuple.
        if n_pre == 0 && args.len() == 1 {
            if let ExprKind::Starred { value, .. } = &args[0].kind {
                self.compile_expr(value)?;
                return self.compile_ex_keywords(keywords);
            }
        }
        let mut seen_star = false;
        let mut pushed = n_pre;
        for a in args {
            match &a.kind {
                ExprKind::Starred { value, .. } => {
                    if !seen_star {
                        self.op_arg(Opcode::BuildList, pushed);
                        seen_star = true;
                    }
                    self.compile_expr(value)?;
                    self.op_arg(Opcode::ListExtend, 1);
                }
                _ => {
                    self.compile_expr(a)?;
                    if seen_star {
                        self.op_arg(Opcode::ListAppend, 1);
                    } else {
                        pushed += 1;
                    }
                }
            }
        }
        if seen_star {
            self.op(Opcode::ListToTuple);
        } else {
            self.op_arg(Opcode::BuildTuple, pushed);
        }
        self.compile_ex_keywords(keywords)
    }

    fn compile_ex_keywords(&mut self, keywords: &'a [Keyword]) -> R {
        if keywords.is_empty() {
            self.op_arg(Opcode::CallFunctionEx, 0);
            return Ok(());
        }
        let mut have_dict = false;
        let mut pending = 0u32;
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Constant::Str(name.as_str().into()));
                    self.compile_expr(&k.value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 {
                        self.op_arg(Opcode::BuildMap, pending);
                        if have_dict {
                            self.op_arg(Opcode::DictMerge, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    if !have_dict {
                        self.op_arg(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.compile_expr(&k.value)?;
                    self.op_arg(Opcode::DictMerge, 1);
                }
            }
        }
        if pending > 0 {
            self.op_arg(Opcode::BuildMap, pending);
            if have_dict {
                self.op_arg(Opcode::DictMerge, 1);
            }
        }
        self.op_arg(Opcode::CallFunctionEx, 1);
        Ok(())
    }
}
