//! Statement code generation: assignments, control flow, exceptions, `with`, imports and unwinding.
#![forbid(unsafe_code)]

use super::code::Constant;
use super::codegen::{Compiler, FBlock, FBlockKind};
use super::opcode::{BinaryOpArg, Opcode, BINARY_OP_INPLACE};
use super::symtable::ScopeKind;
use crate::frontend::ast::{self, Expr, ExprContext, ExprKind, Span, Stmt, StmtKind};
use crate::frontend::SyntaxError;

type R = Result<(), SyntaxError>;

/// True if `body` (not descending into nested scopes) contains an annotated simple name.
pub(crate) fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { simple, target, .. } => {
            *simple && matches!(target.kind, ExprKind::Name { .. })
        }
        StmtKind::For { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } => find_ann(body),
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            find_ann(body)
                || find_ann(orelse)
                || find_ann(finalbody)
                || handlers.iter().any(|h| find_ann(&h.body))
        }
        _ => false,
    })
}

/// The docstring of a body: its first statement when that is a string constant expression.
pub(crate) fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr { value }) => match &value.kind {
            ExprKind::Constant { value: ast::Constant::Str(s) } => Some(s.as_str()),
            _ => None,
        },
        _ => None,
    }
}

pub(crate) fn binop_arg(op: ast::Operator) -> BinaryOpArg {
    use ast::Operator::*;
    match op {
        Add => BinaryOpArg::Add,
        Sub => BinaryOpArg::Subtract,
        Mult => BinaryOpArg::Multiply,
        MatMult => BinaryOpArg::MatrixMultiply,
        Div => BinaryOpArg::TrueDivide,
        Mod => BinaryOpArg::Remainder,
        Pow => BinaryOpArg::Power,
        LShift => BinaryOpArg::Lshift,
        RShift => BinaryOpArg::Rshift,
        BitOr => BinaryOpArg::Or,
        BitXor => BinaryOpArg::Xor,
        BitAnd => BinaryOpArg::And,
        FloorDiv => BinaryOpArg::FloorDivide,
    }
}

impl<'a> Compiler<'a> {
    /// Module body: optional `SETUP_ANNOTATIONS`, docstring, statements, `return None`.
    pub(crate) fn compile_module_body(&mut self, body: &'a [Stmt]) -> R {
        if let Some(first) = body.first() {
            self.set_line(first.span.lineno);
        }
        if find_ann(body) {
            self.op(Opcode::SetupAnnotations);
        }
        let mut rest = body;
        if let Some(doc) = docstring(body) {
            self.set_line(body[0].span.lineno);
            self.load_const(Constant::Str(doc.into()));
            self.emit_name(Opcode::StoreName, "__doc__");
            rest = &body[1..];
        }
        self.compile_stmts(rest)?;
        self.load_const(Constant::None);
        self.op(Opcode::ReturnValue);
        Ok(())
    }

    pub(crate) fn compile_stmts(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn compile_stmt(&mut self, s: &'a Stmt) -> R {
        self.set_line(s.span.lineno);
        self.loc = s.span;
        match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns } => {
                self.compile_function_def(s, name, args, body, decorator_list, returns.as_deref())
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.compile_class_def(s, name, bases, keywords, body, decorator_list)
            }
            StmtKind::Return { value } => self.compile_return(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.compile_delete(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.compile_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.op_arg(Opcode::Copy, 1);
                    }
                    self.compile_store(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.compile_augassign(target, *op, value),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.compile_annassign(target, annotation, value.as_deref(), *simple)
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.compile_for(s, target, iter, body, orelse)
            }
            StmtKind::While { test, body, orelse } => self.compile_while(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let next = if orelse.is_empty() { end } else { self.new_label() };
                self.compile_jump_if(test, false, next)?;
                self.compile_stmts(body)?;
                if !orelse.is_empty() {
                    if !ends_in_jump(body) {
                        self.jump(Opcode::JumpForward, end);
                    }
                    self.bind(next);
                    self.compile_stmts(orelse)?;
                }
                self.bind(end);
                Ok(())
            }
            StmtKind::With { items, body } => self.compile_with(s, items, 0, body),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.op_arg(Opcode::RaiseVarargs, n);
                Ok(())
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.compile_try_except(s, body, handlers, orelse)
                } else {
                    self.compile_try_finally(s, body, handlers, orelse, finalbody)
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.compile_jump_if(test, true, end)?;
                self.op(Opcode::LoadAssertionError);
                if let Some(m) = msg {
                    self.compile_expr(m)?;
                    self.op_arg(Opcode::CallFunction, 1);
                }
                self.op_arg(Opcode::RaiseVarargs, 1);
                self.bind(end);
                Ok(())
            }
            StmtKind::Import { names } => self.compile_import(names),
            StmtKind::ImportFrom { module, names, level } => {
                self.compile_import_from(module.as_deref(), names, *level)
            }
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } | StmtKind::Pass => Ok(()),
            StmtKind::Expr { value } => {
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    // A bare constant (e.g. a docstring-like string) generates no code,
                    // but complex literals are still rejected.
                    return self.check_constant(value);
                }
                self.compile_expr(value)?;
                self.op(Opcode::PopTop);
                Ok(())
            }
            StmtKind::Break => self.compile_break(s),
            StmtKind::Continue => self.compile_continue(s),
        }
    }

    pub(crate) fn op_arg(&mut self, op: Opcode, arg: u32) {
        self.emit(op, arg);
    }

    fn check_constant(&mut self, e: &Expr) -> R {
        if let ExprKind::Constant { value } = &e.kind {
            self.convert_constant(value, e.span)?;
        }
        Ok(())
    }

    // ----- return / break / continue ---------------------------------------------------------

    fn compile_return(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> R {
        if !self.ur().kind.is_function_like() {
            return Err(self.error("'return' outside function", s.span));
        }
        match value {
            Some(v) => {
                self.compile_expr(v)?;
                self.set_line(s.span.lineno);
                self.unwind_fblock_stack(true, false, s.span)?;
            }
            None => {
                self.unwind_fblock_stack(false, false, s.span)?;
                self.load_const(Constant::None);
            }
        }
        self.set_line(s.span.lineno);
        self.op(Opcode::ReturnValue);
        Ok(())
    }

    fn compile_break(&mut self, s: &'a Stmt) -> R {
        let Some(lp) = self.unwind_fblock_stack(false, true, s.span)? else {
            return Err(self.error("'break' outside loop", s.span));
        };
        self.unwind_fblock(lp, false, s.span)?;
        self.jump(Opcode::JumpForward, lp.exit);
        Ok(())
    }

    fn compile_continue(&mut self, s: &'a Stmt) -> R {
        let Some(lp) = self.unwind_fblock_stack(false, true, s.span)? else {
            return Err(self.error("'continue' not properly in loop", s.span));
        };
        self.jump(Opcode::JumpForward, lp.start);
        Ok(())
    }

    /// Emit the cleanup for leaving every fblock (or up to the innermost loop when
    /// `stop_at_loop`); returns that loop block.
    fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        stop_at_loop: bool,
        span: Span,
    ) -> Result<Option<FBlock<'a>>, SyntaxError> {
        let Some(top) = self.ur().fblocks.last().copied() else {
            return Ok(None);
        };
        if stop_at_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.pop_fblock();
        let r = self
            .unwind_fblock(top, preserve_tos, span)
            .and_then(|_| self.unwind_fblock_stack(preserve_tos, stop_at_loop, span));
        self.u().fblocks.push(top);
        r
    }

    fn unwind_fblock(&mut self, fb: FBlock<'a>, preserve_tos: bool, span: Span) -> R {
        match fb.kind {
            FBlockKind::WhileLoop | FBlockKind::ExceptionHandler => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.op_arg(Opcode::Swap, 2);
                }
                self.op(Opcode::PopTop);
            }
            FBlockKind::TryExcept => self.op(Opcode::PopBlock),
            FBlockKind::FinallyTry => {
                self.op(Opcode::PopBlock);
                if let Some(body) = fb.finalbody {
                    if preserve_tos {
                        let l = self.new_label();
                        self.push_fblock_full(
                            FBlock {
                                kind: FBlockKind::PopValue,
                                start: l,
                                exit: l,
                                finalbody: None,
                                name: None,
                            },
                            span,
                        )?;
                    }
                    self.compile_stmts(body)?;
                    if preserve_tos {
                        self.pop_fblock();
                    }
                }
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.op_arg(Opcode::Swap, 2);
                }
                self.op(Opcode::PopTop);
                self.op(Opcode::PopExcept);
            }
            FBlockKind::With => {
                self.op(Opcode::PopBlock);
                if preserve_tos {
                    self.op_arg(Opcode::Swap, 2);
                }
                self.call_exit_with_nones();
                self.op(Opcode::PopTop);
            }
            FBlockKind::HandlerCleanup => {
                if fb.name.is_some() {
                    self.op(Opcode::PopBlock);
                }
                self.op(Opcode::PopExcept);
                if let Some(name) = fb.name {
                    self.clear_name(name, span)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.op_arg(Opcode::Swap, 2);
                }
                self.op(Opcode::PopTop);
            }
        }
        Ok(())
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.op_arg(Opcode::Copy, 1);
        self.op_arg(Opcode::Copy, 1);
        self.op_arg(Opcode::CallFunction, 3);
    }

    /// `name = None; del name` (end of an `except ... as name` handler).
    fn clear_name(&mut self, name: &str, span: Span) -> R {
        self.load_const(Constant::None);
        self.name_op(name, ExprContext::Store, span)?;
        self.name_op(name, ExprContext::Del, span)
    }

    // ----- loops -----------------------------------------------------------------------------

    fn compile_for(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> R {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.compile_expr(iter)?;
        self.op(Opcode::GetIter);
        self.bind(start);
        self.set_line(s.span.lineno);
        self.jump(Opcode::ForIter, cleanup);
        self.push_fblock(FBlockKind::ForLoop, start, end, s.span)?;
        self.compile_store(target)?;
        self.compile_stmts(body)?;
        self.pop_fblock();
        // The back jump keeps the line of the body's last statement, as CPython 3.11.
        self.jump(Opcode::JumpForward, start);
        self.bind(cleanup);
        self.compile_stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_while(
        &mut self,
        s: &'a Stmt,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> R {
        let start = self.new_label();
        let orelse_l = self.new_label();
        let end = self.new_label();
        self.bind(start);
        self.compile_jump_if(test, false, orelse_l)?;
        self.push_fblock(FBlockKind::WhileLoop, start, end, s.span)?;
        self.compile_stmts(body)?;
        self.pop_fblock();
        // The back jump keeps the line of the body's last statement, as CPython 3.11.
        self.jump(Opcode::JumpForward, start);
        self.bind(orelse_l);
        self.compile_stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    // ----- try / with ------------------------------------------------------------------------

    fn compile_try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        self.jump(Opcode::SetupFinally, handler);
        self.push_fblock_full(
            FBlock {
                kind: FBlockKind::FinallyTry,
                start: handler,
                exit: end,
                finalbody: Some(finalbody),
                name: None,
            },
            s.span,
        )?;
        if handlers.is_empty() {
            self.compile_stmts(body)?;
        } else {
            self.compile_try_except(s, body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.op(Opcode::PopBlock);
        self.compile_stmts(finalbody)?;
        self.jump(Opcode::JumpForward, end);
        // Exception path: [exc] on the stack.
        self.bind(handler);
        self.push_fblock(FBlockKind::FinallyEnd, handler, end, s.span)?;
        self.compile_stmts(finalbody)?;
        self.pop_fblock();
        self.op(Opcode::Reraise);
        self.bind(end);
        Ok(())
    }

    fn compile_try_except(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> R {
        let handler = self.new_label();
        let end = self.new_label();
        self.set_line(s.span.lineno);
        self.jump(Opcode::SetupFinally, handler);
        self.push_fblock(FBlockKind::TryExcept, handler, end, s.span)?;
        self.compile_stmts(body)?;
        self.pop_fblock();
        self.op(Opcode::PopBlock);
        self.compile_stmts(orelse)?;
        self.jump(Opcode::JumpForward, end);
        self.bind(handler);
        if let Some(first) = handlers.first() {
            self.push_fblock(FBlockKind::ExceptionHandler, handler, end, first.span)?;
        }
        for (i, h) in handlers.iter().enumerate() {
            self.set_line(h.span.lineno);
            if h.typ.is_none() && i + 1 < handlers.len() {
                return Err(self.error("default 'except:' must be last", h.span));
            }
            let next = self.new_label();
            if let Some(t) = &h.typ {
                self.op_arg(Opcode::Copy, 1);
                self.compile_expr(t)?;
                self.jump(Opcode::JumpIfNotExcMatch, next);
            }
            match &h.name {
                Some(name) => {
                    self.name_op(name, ExprContext::Store, h.span)?;
                    let cleanup = self.new_label();
                    self.jump(Opcode::SetupFinally, cleanup);
                    self.push_fblock_full(
                        FBlock {
                            kind: FBlockKind::HandlerCleanup,
                            start: cleanup,
                            exit: end,
                            finalbody: None,
                            name: Some(name),
                        },
                        h.span,
                    )?;
                    self.compile_stmts(&h.body)?;
                    self.pop_fblock();
                    self.op(Opcode::PopBlock);
                    self.op(Opcode::PopExcept);
                    self.clear_name(name, h.span)?;
                    self.jump(Opcode::JumpForward, end);
                    self.bind(cleanup);
                    self.clear_name(name, h.span)?;
                    self.op(Opcode::Reraise);
                }
                None => {
                    self.op(Opcode::PopTop);
                    self.push_fblock_full(
                        FBlock {
                            kind: FBlockKind::HandlerCleanup,
                            start: end,
                            exit: end,
                            finalbody: None,
                            name: None,
                        },
                        h.span,
                    )?;
                    self.compile_stmts(&h.body)?;
                    self.pop_fblock();
                    self.op(Opcode::PopExcept);
                    self.jump(Opcode::JumpForward, end);
                }
            }
            self.bind(next);
        }
        if !handlers.is_empty() {
            self.pop_fblock();
        }
        self.op(Opcode::Reraise);
        self.bind(end);
        Ok(())
    }

    fn compile_with(
        &mut self,
        s: &'a Stmt,
        items: &'a [ast::WithItem],
        idx: usize,
        body: &'a [Stmt],
    ) -> R {
        let Some(item) = items.get(idx) else {
            return self.compile_stmts(body);
        };
        let handler = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context_expr)?;
        self.set_line(s.span.lineno);
        self.jump(Opcode::SetupWith, handler);
        self.push_fblock(FBlockKind::With, handler, end, s.span)?;
        match &item.optional_vars {
            Some(t) => self.compile_store(t)?,
            None => self.op(Opcode::PopTop),
        }
        self.compile_with(s, items, idx + 1, body)?;
        self.pop_fblock();
        self.set_line(s.span.lineno);
        self.op(Opcode::PopBlock);
        self.call_exit_with_nones();
        self.op(Opcode::PopTop);
        self.jump(Opcode::JumpForward, end);
        self.bind(handler);
        self.op(Opcode::WithExceptStart);
        self.jump(Opcode::PopJumpIfTrue, suppress);
        self.op(Opcode::Reraise);
        self.bind(suppress);
        self.op(Opcode::PopTop);
        self.op(Opcode::PopExcept);
        self.op(Opcode::PopTop);
        self.bind(end);
        Ok(())
    }

    // ----- assignments -----------------------------------------------------------------------

    fn compile_augassign(&mut self, target: &'a Expr, op: ast::Operator, value: &'a Expr) -> R {
        let arg = binop_arg(op) as u32 + BINARY_OP_INPLACE;
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.name_op(id, ExprContext::Load, target.span)?;
                self.compile_expr(value)?;
                self.set_line(target.span.lineno);
                self.op_arg(Opcode::BinaryOp, arg);
                self.name_op(id, ExprContext::Store, target.span)
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.compile_expr(obj)?;
                self.op_arg(Opcode::Copy, 1);
                self.emit_attr(Opcode::LoadAttr, attr);
                self.compile_expr(value)?;
                self.set_line(target.span.lineno);
                self.op_arg(Opcode::BinaryOp, arg);
                self.op_arg(Opcode::Swap, 2);
                self.emit_attr(Opcode::StoreAttr, attr);
                Ok(())
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.compile_expr(obj)?;
                self.compile_slice_or_expr(slice)?;
                self.op_arg(Opcode::Copy, 2);
                self.op_arg(Opcode::Copy, 2);
                self.op(Opcode::BinarySubscr);
                self.compile_expr(value)?;
                self.set_line(target.span.lineno);
                self.op_arg(Opcode::BinaryOp, arg);
                self.op_arg(Opcode::Swap, 3);
                self.op_arg(Opcode::Swap, 2);
                self.op(Opcode::StoreSubscr);
                Ok(())
            }
            _ => Err(self.error(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_type_name(target)
                ),
                target.span,
            )),
        }
    }

    fn compile_annassign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> R {
        if let Some(v) = value {
            self.compile_expr(v)?;
            self.compile_store(target)?;
        }
        let at_top = matches!(self.ur().kind, ScopeKind::Module | ScopeKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if id == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", target.span));
                }
                if simple && at_top {
                    self.compile_annotation(annotation)?;
                    self.emit_name(Opcode::LoadName, "__annotations__");
                    let name = self.mangle(id);
                    self.load_const(Constant::Str(name.as_str().into()));
                    self.op(Opcode::StoreSubscr);
                } else if at_top && !self.future_annotations {
                    // `(x): T` is evaluated (for its side effects) but not recorded.
                    self.compile_expr(annotation)?;
                    self.op(Opcode::PopTop);
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.compile_expr(obj)?;
                    self.op(Opcode::PopTop);
                }
                if at_top && !self.future_annotations {
                    self.compile_expr(annotation)?;
                    self.op(Opcode::PopTop);
                }
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                if value.is_none() {
                    self.compile_expr(obj)?;
                    self.op(Opcode::PopTop);
                    self.compile_slice_or_expr(slice)?;
                    self.op(Opcode::PopTop);
                }
                if at_top && !self.future_annotations {
                    self.compile_expr(annotation)?;
                    self.op(Opcode::PopTop);
                }
            }
            _ => return Err(self.error("illegal target for annotation", target.span)),
        }
        Ok(())
    }

    fn compile_delete(&mut self, t: &'a Expr) -> R {
        self.set_line(t.span.lineno);
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Del, t.span),
            ExprKind::Attribute { value, attr, .. } => {
                self.compile_expr(value)?;
                self.emit_attr(Opcode::DeleteAttr, attr);
                Ok(())
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.compile_expr(value)?;
                self.compile_slice_or_expr(slice)?;
                self.op(Opcode::DeleteSubscr);
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for e in elts {
                    self.compile_delete(e)?;
                }
                Ok(())
            }
            _ => Err(self.error(format!("cannot delete {}", expr_description(t)), t.span)),
        }
    }

    /// Store TOS into an assignment target.
    pub(crate) fn compile_store(&mut self, t: &'a Expr) -> R {
        match &t.kind {
            ExprKind::Name { id, .. } => self.name_op(id, ExprContext::Store, t.span),
            ExprKind::Attribute { value, attr, .. } => {
                if attr == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", t.span));
                }
                self.compile_expr(value)?;
                self.set_line(t.span.end_lineno.max(t.span.lineno));
                self.emit_attr(Opcode::StoreAttr, attr);
                Ok(())
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.compile_expr(value)?;
                self.compile_slice_or_expr(slice)?;
                self.set_line(t.span.lineno);
                self.op(Opcode::StoreSubscr);
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                let mut star: Option<usize> = None;
                for (i, e) in elts.iter().enumerate() {
                    if matches!(e.kind, ExprKind::Starred { .. }) {
                        if star.is_some() {
                            return Err(
                                self.error("multiple starred expressions in assignment", t.span)
                            );
                        }
                        star = Some(i);
                    }
                }
                self.set_line(t.span.lineno);
                match star {
                    Some(i) => {
                        let after = elts.len() - i - 1;
                        if i > 0xff || after > 0xffff {
                            return Err(self.error(
                                "too many expressions in star-unpacking assignment",
                                t.span,
                            ));
                        }
                        self.op_arg(Opcode::UnpackEx, i as u32 | ((after as u32) << 8));
                    }
                    None => self.op_arg(Opcode::UnpackSequence, elts.len() as u32),
                }
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred { value, .. } => self.compile_store(value)?,
                        _ => self.compile_store(e)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred { .. } => {
                Err(self.error("starred assignment target must be in a list or tuple", t.span))
            }
            _ => Err(self.error(format!("cannot assign to {}", expr_description(t)), t.span)),
        }
    }

    // ----- imports ---------------------------------------------------------------------------

    fn compile_import(&mut self, names: &'a [ast::Alias]) -> R {
        for a in names {
            self.set_line(a.span.lineno);
            self.load_const(Constant::Int(0));
            self.load_const(Constant::None);
            self.emit_name(Opcode::ImportName, &a.name);
            match &a.asname {
                Some(asname) => {
                    let parts: Vec<&str> = a.name.split('.').collect();
                    if parts.len() > 1 {
                        for (i, part) in parts[1..].iter().enumerate() {
                            self.emit_name(Opcode::ImportFrom, part);
                            if i + 2 < parts.len() {
                                self.op_arg(Opcode::Swap, 2);
                                self.op(Opcode::PopTop);
                            }
                        }
                        self.name_op(asname, ExprContext::Store, a.span)?;
                        self.op(Opcode::PopTop);
                    } else {
                        self.name_op(asname, ExprContext::Store, a.span)?;
                    }
                }
                None => {
                    let top = a.name.split('.').next().unwrap_or("");
                    self.name_op(top, ExprContext::Store, a.span)?;
                }
            }
        }
        Ok(())
    }

    fn compile_import_from(
        &mut self,
        module: Option<&str>,
        names: &'a [ast::Alias],
        level: u32,
    ) -> R {
        self.load_const(Constant::Int(level as i64));
        let fromlist: Vec<Constant> =
            names.iter().map(|a| Constant::Str(a.name.as_str().into())).collect();
        self.load_const(Constant::Tuple(fromlist.into()));
        self.emit_name(Opcode::ImportName, module.unwrap_or(""));
        if names.len() == 1 && names[0].name == "*" {
            self.op(Opcode::ImportStar);
            return Ok(());
        }
        for a in names {
            self.set_line(a.span.lineno);
            self.emit_name(Opcode::ImportFrom, &a.name);
            let stored = a.asname.as_deref().unwrap_or(&a.name);
            self.name_op(stored, ExprContext::Store, a.span)?;
        }
        self.op(Opcode::PopTop);
        Ok(())
    }
}

/// True if the statement list ends with an unconditional transfer (no fall-through jump needed).
pub(crate) fn ends_in_jump(body: &[Stmt]) -> bool {
    matches!(
        body.last().map(|s| &s.kind),
        Some(
            StmtKind::Return { .. } | StmtKind::Raise { .. } | StmtKind::Break | StmtKind::Continue
        )
    )
}

/// CPython's `_PyAST_ExprAsUnicode`-free description used in "cannot assign to X" errors.
pub(crate) fn expr_description(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Constant { .. } => "literal",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Slice { .. } => "slice",
        _ => "expression",
    }
}

pub(crate) fn expr_type_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::List { .. } => "list",
        ExprKind::Starred { .. } => "starred",
        _ => "expression",
    }
}
