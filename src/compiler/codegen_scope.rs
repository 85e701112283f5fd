//! Nested scopes: function and class definitions, lambdas, comprehensions and generator expressions.
#![forbid(unsafe_code)]

use super::code::{flags, Constant};
use super::codegen::Compiler;
use super::codegen_stmt::{docstring, find_ann};
use super::opcode::Opcode;
use super::symtable::{ScopeId, ScopeKind};
use crate::frontend::ast::{self, Expr, ExprKind, Keyword, Span, Stmt, StmtKind};
use crate::frontend::SyntaxError;

type R = Result<(), SyntaxError>;

impl<'a> Compiler<'a> {
    fn missing_scope(&self, span: Span) -> SyntaxError {
        self.error("internal compiler error: scope not found in symbol table", span)
    }

    /// Push defaults / kw-only defaults; returns the MAKE_FUNCTION flag bits.
    fn compile_defaults(&mut self, args: &'a ast::Arguments) -> Result<u32, SyntaxError> {
        let mut fl = 0;
        if !args.defaults.is_empty() {
            if let Some(c) = fold_all(&args.defaults) {
                self.load_const(Constant::Tuple(c.into()));
            } else {
                for d in &args.defaults {
                    self.compile_expr(d)?;
                }
                self.op_arg(Opcode::BuildTuple, args.defaults.len() as u32);
            }
            fl |= 0x01;
        }
        let mut n = 0;
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                self.check_param_name(a)?;
                let name = self.mangle(&a.arg);
                self.load_const(Constant::Str(name.as_str().into()));
                self.compile_expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.op_arg(Opcode::BuildMap, n);
            fl |= 0x02;
        }
        Ok(fl)
    }

    fn check_param_name(&self, a: &ast::Arg) -> R {
        if a.arg == "__debug__" {
            return Err(self.error("cannot assign to __debug__", self.loc));
        }
        Ok(())
    }

    /// Push the annotations dict if any annotation exists; returns the flag bit.
    fn compile_annotations(
        &mut self,
        args: &'a ast::Arguments,
        returns: Option<&'a Expr>,
    ) -> Result<u32, SyntaxError> {
        let mut n = 0;
        let groups = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for a in groups {
            if let Some(ann) = &a.annotation {
                let name = self.mangle(&a.arg);
                self.load_const(Constant::Str(name.as_str().into()));
                self.compile_annotation(ann)?;
                n += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Constant::Str("return".into()));
            self.compile_annotation(r)?;
            n += 1;
        }
        if n > 0 {
            self.op_arg(Opcode::BuildMap, n);
            return Ok(0x04);
        }
        Ok(0)
    }

    fn set_arg_counts(&mut self, args: &ast::Arguments) -> R {
        for a in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg)
        {
            self.check_param_name(a)?;
        }
        let u = self.u();
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
        if args.vararg.is_some() {
            u.flags |= flags::VARARGS;
        }
        if args.kwarg.is_some() {
            u.flags |= flags::VARKEYWORDS;
        }
        Ok(())
    }

    pub(crate) fn compile_function_def(
        &mut self,
        s: &'a Stmt,
        name: &'a str,
        args: &'a ast::Arguments,
        body: &'a [Stmt],
        decorators: &'a [Expr],
        returns: Option<&'a Expr>,
    ) -> R {
        for d in decorators {
            self.compile_expr(d)?;
        }
        self.set_line(s.span.lineno);
        let mut fl = self.compile_defaults(args)?;
        fl |= self.compile_annotations(args, returns)?;
        let scope = self.st.scope_for_stmt(s).ok_or_else(|| self.missing_scope(s.span))?;
        let qualname = self.child_qualname(name, ScopeKind::Function);
        let firstlineno = decorators.first().map(|d| d.span.lineno).unwrap_or(s.span.lineno);
        self.enter_unit(scope, name, &qualname, firstlineno);
        self.set_line(s.span.lineno);
        let r = self.compile_function_body(args, body);
        let code = self.exit_unit();
        r?;
        self.set_line(s.span.lineno);
        self.make_closure(code, fl, s.span)?;
        for _ in decorators {
            self.op_arg(Opcode::CallFunction, 1);
        }
        self.name_op(name, ast::ExprContext::Store, s.span)
    }

    fn compile_function_body(&mut self, args: &'a ast::Arguments, body: &'a [Stmt]) -> R {
        self.set_arg_counts(args)?;
        let mut rest = body;
        match docstring(body) {
            Some(doc) => {
                self.add_const(Constant::Str(doc.into()));
                rest = &body[1..];
            }
            None => {
                self.add_const(Constant::None);
            }
        }
        self.compile_stmts(rest)?;
        if !matches!(rest.last().map(|s| &s.kind), Some(StmtKind::Return { .. })) {
            self.load_const(Constant::None);
            self.op(Opcode::ReturnValue);
        }
        Ok(())
    }

    pub(crate) fn compile_class_def(
        &mut self,
        s: &'a Stmt,
        name: &'a str,
        bases: &'a [Expr],
        keywords: &'a [Keyword],
        body: &'a [Stmt],
        decorators: &'a [Expr],
    ) -> R {
        for d in decorators {
            self.compile_expr(d)?;
        }
        self.set_line(s.span.lineno);
        let scope = self.st.scope_for_stmt(s).ok_or_else(|| self.missing_scope(s.span))?;
        let qualname = self.child_qualname(name, ScopeKind::Class);
        let firstlineno = decorators.first().map(|d| d.span.lineno).unwrap_or(s.span.lineno);
        self.enter_unit(scope, name, &qualname, firstlineno);
        self.set_line(s.span.lineno);
        let r = self.compile_class_body(scope, &qualname, body);
        let code = self.exit_unit();
        r?;
        self.set_line(s.span.lineno);
        self.op(Opcode::LoadBuildClass);
        self.make_closure(code, 0, s.span)?;
        self.load_const(Constant::Str(name.into()));
        self.compile_call_helper(2, bases, keywords)?;
        self.set_line(s.span.lineno);
        for _ in decorators {
            self.op_arg(Opcode::CallFunction, 1);
        }
        self.name_op(name, ast::ExprContext::Store, s.span)
    }

    fn compile_class_body(&mut self, scope: ScopeId, qualname: &str, body: &'a [Stmt]) -> R {
        self.emit_name(Opcode::LoadName, "__name__");
        self.emit_name(Opcode::StoreName, "__module__");
        self.load_const(Constant::Str(qualname.into()));
        self.emit_name(Opcode::StoreName, "__qualname__");
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
        if self.st.scopes[scope].needs_class_closure {
            let i = self.deref_index("__class__").unwrap_or(0);
            self.emit(Opcode::LoadClosure, i);
            self.op_arg(Opcode::Copy, 1);
            self.emit_name(Opcode::StoreName, "__classcell__");
        } else {
            self.load_const(Constant::None);
        }
        self.op(Opcode::ReturnValue);
        Ok(())
    }

    pub(crate) fn compile_lambda(
        &mut self,
        e: &'a Expr,
        args: &'a ast::Arguments,
        body: &'a Expr,
    ) -> R {
        let fl = self.compile_defaults(args)?;
        let scope = self.st.scope_for_expr(e).ok_or_else(|| self.missing_scope(e.span))?;
        let qualname = self.child_qualname("<lambda>", ScopeKind::Lambda);
        self.enter_unit(scope, "<lambda>", &qualname, e.span.lineno);
        let r = (|| -> R {
            self.set_arg_counts(args)?;
            self.add_const(Constant::None);
            self.compile_expr(body)?;
            self.op(Opcode::ReturnValue);
            Ok(())
        })();
        let code = self.exit_unit();
        r?;
        self.make_closure(code, fl, e.span)
    }

    /// List/set/dict comprehensions and generator expressions: a nested function taking the
    /// outermost iterator as `.0`, called immediately.
    pub(crate) fn compile_comprehension(&mut self, e: &'a Expr) -> R {
        let (name, gens, elt, value): (&str, &'a [ast::Comprehension], &'a Expr, Option<&'a Expr>) =
            match &e.kind {
                ExprKind::ListComp { elt, generators } => ("<listcomp>", generators, elt, None),
                ExprKind::SetComp { elt, generators } => ("<setcomp>", generators, elt, None),
                ExprKind::GeneratorExp { elt, generators } => ("<genexpr>", generators, elt, None),
                ExprKind::DictComp { key, value, generators } => {
                    ("<dictcomp>", generators, key, Some(&**value))
                }
                _ => return Err(self.error("internal compiler error: not a comprehension", e.span)),
            };
        let Some(first) = gens.first() else {
            return Err(self.error("comprehension without generators", e.span));
        };
        let scope = self.st.scope_for_expr(e).ok_or_else(|| self.missing_scope(e.span))?;
        let qualname = self.child_qualname(name, ScopeKind::Comprehension);
        self.enter_unit(scope, name, &qualname, e.span.lineno);
        let r = (|| -> R {
            self.u().argcount = 1;
            let kind = match &e.kind {
                ExprKind::ListComp { .. } => 0,
                ExprKind::SetComp { .. } => 1,
                ExprKind::DictComp { .. } => 2,
                _ => 3,
            };
            match kind {
                0 => self.op_arg(Opcode::BuildList, 0),
                1 => self.op_arg(Opcode::BuildSet, 0),
                2 => self.op_arg(Opcode::BuildMap, 0),
                _ => {}
            }
            self.compile_comp_generator(gens, 0, kind, elt, value)?;
            if kind == 3 {
                self.load_const(Constant::None);
            }
            self.op(Opcode::ReturnValue);
            Ok(())
        })();
        let code = self.exit_unit();
        r?;
        self.make_closure(code, 0, e.span)?;
        self.compile_expr(&first.iter)?;
        self.op(Opcode::GetIter);
        self.set_line(e.span.lineno);
        self.op_arg(Opcode::CallFunction, 1);
        Ok(())
    }

    fn compile_comp_generator(
        &mut self,
        gens: &'a [ast::Comprehension],
        idx: usize,
        kind: u8,
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> R {
        let g = &gens[idx];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if idx == 0 {
            let i = self.varname(".0");
            self.emit(Opcode::LoadFast, i);
        } else {
            self.compile_expr(&g.iter)?;
            self.op(Opcode::GetIter);
        }
        self.bind(start);
        self.jump(Opcode::ForIter, anchor);
        let saved = self.ur().line;
        self.set_line(g.target.span.lineno);
        self.compile_store(&g.target)?;
        self.u().line = saved;
        for cond in &g.ifs {
            self.compile_jump_if(cond, false, if_cleanup)?;
        }
        if idx + 1 < gens.len() {
            self.compile_comp_generator(gens, idx + 1, kind, elt, value)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match kind {
                0 => {
                    self.compile_expr(elt)?;
                    self.op_arg(Opcode::ListAppend, depth);
                }
                1 => {
                    self.compile_expr(elt)?;
                    self.op_arg(Opcode::SetAdd, depth);
                }
                2 => {
                    self.compile_expr(elt)?;
                    if let Some(v) = value {
                        self.compile_expr(v)?;
                    }
                    self.op_arg(Opcode::MapAdd, depth);
                }
                _ => {
                    self.compile_expr(elt)?;
                    self.op(Opcode::YieldValue);
                    self.op(Opcode::PopTop);
                }
            }
        }
        self.bind(if_cleanup);
        self.jump(Opcode::JumpForward, start);
        self.bind(anchor);
        Ok(())
    }
}

fn fold_all(es: &[Expr]) -> Option<Vec<Constant>> {
    es.iter().map(super::codegen_expr::fold_const).collect()
}
