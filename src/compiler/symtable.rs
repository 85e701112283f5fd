//! Symbol table: scopes (module, class, function, lambda, comprehension) and the scope of every name.
//!
//! Built in two passes as CPython's `symtable.c`: a visitor records, per scope, how each name is
//! used (bound, used, declared global/nonlocal, parameter...), then an analysis pass walks the
//! scope tree deciding for each name whether it is local, global (explicit or implicit), free or
//! a cell. Scopes are found again by the code generator through the address of the AST node
//! that opened them (`FunctionDef`/`ClassDef` statements, `Lambda` and comprehension expressions).
#![forbid(unsafe_code)]

use std::collections::{HashMap, HashSet};

use crate::frontend::ast::{self, Expr, ExprKind, Span, Stmt, StmtKind};
use crate::frontend::{SyntaxError, SyntaxErrorKind};

pub type ScopeId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Function-like scopes use fast locals and can own cells.
    pub fn is_function_like(self) -> bool {
        matches!(self, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension)
    }
}

/// The resolved scope of one name in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

/// Usage flags recorded by the first pass (CPython's `DEF_*`).
pub mod def {
    pub const GLOBAL: u32 = 1;
    pub const LOCAL: u32 = 2;
    pub const PARAM: u32 = 4;
    pub const NONLOCAL: u32 = 8;
    pub const USE: u32 = 16;
    /// A name bound in a class body that is also free in a method (passes through the class).
    pub const FREE_CLASS: u32 = 32;
    pub const IMPORT: u32 = 64;
    pub const ANNOT: u32 = 128;
    pub const COMP_ITER: u32 = 256;
    pub const BOUND: u32 = LOCAL | PARAM | IMPORT;
}

#[derive(Debug, Clone)]
pub struct Symbol {
    pub name: String,
    pub flags: u32,
    pub scope: NameScope,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub lineno: u32,
    pub parent: Option<ScopeId>,
    pub children: Vec<ScopeId>,
    /// Symbols in order of first appearance.
    pub symbols: Vec<Symbol>,
    index: HashMap<String, usize>,
    /// Parameter names in CPython's order (positional, keyword-only, `*args`, `**kwargs`).
    pub params: Vec<String>,
    pub is_generator: bool,
    /// Class bodies: a method uses `super`/`__class__`, so the body owns a `__class__` cell.
    pub needs_class_closure: bool,
    /// Inside a function-like scope (CPython's `CO_NESTED`).
    pub nested: bool,
    /// Name of the innermost enclosing class (private names are mangled with it).
    pub private: Option<String>,
}

impl Scope {
    fn new(
        kind: ScopeKind,
        name: &str,
        lineno: u32,
        parent: Option<ScopeId>,
        nested: bool,
    ) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            lineno,
            parent,
            children: Vec::new(),
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            is_generator: false,
            needs_class_closure: false,
            nested,
            private: None,
        }
    }

    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }

    /// The resolved scope of `name` (names never seen are implicit globals).
    pub fn scope_of(&self, name: &str) -> NameScope {
        self.lookup(name).map(|s| s.scope).unwrap_or(NameScope::GlobalImplicit)
    }

    fn flags(&self, name: &str) -> u32 {
        self.lookup(name).map(|s| s.flags).unwrap_or(0)
    }

    fn add(&mut self, name: &str, flags: u32) {
        if let Some(&i) = self.index.get(name) {
            self.symbols[i].flags |= flags;
        } else {
            self.index.insert(name.to_string(), self.symbols.len());
            self.symbols.push(Symbol {
                name: name.to_string(),
                flags,
                scope: NameScope::GlobalImplicit,
            });
        }
    }

    /// Names with the given resolved scope, sorted (as CPython orders `co_cellvars`/`co_freevars`).
    pub fn sorted_names(&self, scope: NameScope) -> Vec<String> {
        let mut v: Vec<String> =
            self.symbols.iter().filter(|s| s.scope == scope).map(|s| s.name.clone()).collect();
        v.sort();
        v
    }
}

#[derive(Debug, Default)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
}

impl SymbolTable {
    /// The scope opened by the statement `stmt` (a function or class definition).
    pub fn scope_for_stmt(&self, stmt: &Stmt) -> Option<ScopeId> {
        self.by_node.get(&(stmt as *const Stmt as usize)).copied()
    }

    /// The scope opened by the expression `expr` (a lambda or comprehension).
    pub fn scope_for_expr(&self, expr: &Expr) -> Option<ScopeId> {
        self.by_node.get(&(expr as *const Expr as usize)).copied()
    }
}

/// True if the module starts with `from __future__ import annotations` (after an optional
/// docstring and other future imports).
pub fn has_future_annotations(module: &ast::Module) -> bool {
    for (i, s) in module.body.iter().enumerate() {
        match &s.kind {
            StmtKind::Expr { value }
                if i == 0
                    && matches!(
                        value.kind,
                        ExprKind::Constant { value: ast::Constant::Str(_) }
                    ) => {}
            StmtKind::ImportFrom { module: Some(m), names, level: 0 } if m == "__future__" => {
                if names.iter().any(|a| a.name == "annotations") {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

/// The `__future__` features CPython 3.11 knows. Only `annotations` changes how code compiles
/// here; the others are mandatory in Python 3 (and `barry_as_FLUFL` is not implemented).
pub const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// CPython's `future_parse`: check the features named by the `from __future__` imports that
/// open the module (after an optional docstring) and answer the line of the last one (0 when
/// there is none). A later future import is an error of the compiler (see `Builder`).
fn future_lineno(module: &ast::Module, source: &str, filename: &str) -> Result<u32, SyntaxError> {
    let mut line = 0;
    let (mut done, mut prev_line) = (false, 0);
    for (i, s) in module.body.iter().enumerate() {
        if done && s.span.lineno > prev_line {
            break;
        }
        prev_line = s.span.lineno;
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                let at = |msg: String| {
                    let mut e = syntax_error(source, filename, msg, s.span);
                    e.end_offset = e.offset;
                    e
                };
                if done {
                    return Err(at(
                        "from __future__ imports must occur at the beginning of the file".into(),
                    ));
                }
                for a in names {
                    if a.name == "braces" {
                        return Err(at("not a chance".into()));
                    }
                    if !FUTURE_FEATURES.contains(&a.name.as_str()) {
                        return Err(at(format!("future feature {} is not defined", a.name)));
                    }
                }
                line = s.span.lineno;
            }
            StmtKind::Expr { value }
                if i == 0
                    && matches!(
                        value.kind,
                        ExprKind::Constant { value: ast::Constant::Str(_) }
                    ) => {}
            _ => done = true,
        }
    }
    Ok(line)
}

/// Private name mangling: `__x` inside class `_C` becomes `_C__x` (dunder names, dotted
/// names and classes named only with underscores are left alone).
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else { return name.to_string() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// Build a SyntaxError at an AST span (byte columns converted to 1-based character offsets).
pub(crate) fn syntax_error(
    source: &str,
    filename: &str,
    msg: impl Into<String>,
    span: Span,
) -> SyntaxError {
    let line_text = source.lines().nth(span.lineno.saturating_sub(1) as usize).unwrap_or("");
    let char_col = |line: &str, byte: u32| -> u32 {
        let b = (byte as usize).min(line.len());
        let mut b2 = b;
        while b2 > 0 && !line.is_char_boundary(b2) {
            b2 -= 1;
        }
        line[..b2].chars().count() as u32
    };
    let lineno = span.lineno.max(1);
    let offset = char_col(line_text, span.col_offset) + 1;
    let mut err =
        SyntaxError::new(SyntaxErrorKind::SyntaxError, msg, filename, source, lineno, offset);
    if span.end_lineno == span.lineno && span.end_col_offset >= span.col_offset {
        err.end_offset = char_col(line_text, span.end_col_offset) + 1;
    } else {
        err.end_offset = line_text.chars().count() as u32 + 1;
    }
    err
}

struct Builder<'a> {
    table: SymbolTable,
    /// `from __future__ import annotations`: annotations are not evaluated, so their names are not uses.
    future_annotations: bool,
    /// Line of the last valid `from __future__` import; one on a later line is an error.
    future_lineno: u32,
    stack: Vec<ScopeId>,
    source: &'a str,
    filename: &'a str,
    /// Spans of the first `global`/`nonlocal` declaration of each name, for the analysis errors.
    directive_spans: HashMap<(ScopeId, String), Span>,
}

/// Build the symbol table of a module.
pub fn build(
    module: &ast::Module,
    source: &str,
    filename: &str,
) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        table: SymbolTable::default(),
        future_annotations: has_future_annotations(module),
        stack: Vec::new(),
        source,
        filename,
        directive_spans: HashMap::new(),
        future_lineno: future_lineno(module, source, filename)?,
    };
    b.table.scopes.push(Scope::new(ScopeKind::Module, "top", 0, None, false));
    b.stack.push(0);
    for s in &module.body {
        b.visit_stmt(s)?;
    }
    let mut an =
        Analyzer { table: &mut b.table, source, filename, directive_spans: &b.directive_spans };
    an.analyze(0, &HashSet::new(), &HashSet::new())?;
    Ok(b.table)
}

impl<'a> Builder<'a> {
    fn err(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        syntax_error(self.source, self.filename, msg, span)
    }

    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("scope stack");
        &mut self.table.scopes[id]
    }

    fn cur_id(&self) -> ScopeId {
        *self.stack.last().expect("scope stack")
    }

    fn add_def(&mut self, name: &str, flags: u32) {
        let name = mangle(self.cur().private.as_deref(), name);
        self.cur().add(&name, flags);
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, lineno: u32, key: usize) -> ScopeId {
        let parent = self.cur_id();
        let nested =
            self.table.scopes[parent].nested || self.table.scopes[parent].kind.is_function_like();
        let id = self.table.scopes.len();
        let mut scope = Scope::new(kind, name, lineno, Some(parent), nested);
        scope.private = if kind == ScopeKind::Class {
            Some(name.to_string())
        } else {
            self.table.scopes[parent].private.clone()
        };
        self.table.scopes.push(scope);
        self.table.scopes[parent].children.push(id);
        self.table.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn visit_stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns } => {
                self.add_def(name, def::LOCAL);
                self.visit_exprs(decorator_list)?;
                self.visit_defaults(args)?;
                self.visit_annotations(args, returns.as_deref())?;
                let lineno = decorator_list.first().map(|d| d.span.lineno).unwrap_or(s.span.lineno);
                self.enter(ScopeKind::Function, name, lineno, s as *const Stmt as usize);
                self.visit_params(args)?;
                self.visit_stmts(body)?;
                self.leave();
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.add_def(name, def::LOCAL);
                self.visit_exprs(decorator_list)?;
                self.visit_exprs(bases)?;
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                let lineno = decorator_list.first().map(|d| d.span.lineno).unwrap_or(s.span.lineno);
                self.enter(ScopeKind::Class, name, lineno, s as *const Stmt as usize);
                self.visit_stmts(body)?;
                self.leave();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::Delete { targets } => self.visit_exprs(targets)?,
            StmtKind::Assign { targets, value } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.flags_cur(id);
                    if cur & (def::GLOBAL | def::NONLOCAL) != 0 && *simple {
                        let kw = if cur & def::GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(
                            self.err(format!("annotated name '{id}' can't be {kw}"), s.span)
                        );
                    }
                    if *simple {
                        self.add_def(id, def::ANNOT | def::LOCAL);
                    } else if value.is_some() {
                        self.add_def(id, def::LOCAL);
                    }
                } else {
                    self.visit_expr(target)?;
                }
                if !self.future_annotations {
                    self.visit_expr(annotation)?;
                } else {
                    self.check_string_annotation(annotation)?;
                }
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.visit_expr(target)?;
                self.visit_expr(iter)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::With { items, body } => {
                for it in items {
                    self.visit_expr(&it.context_expr)?;
                    if let Some(v) = &it.optional_vars {
                        self.visit_expr(v)?;
                    }
                }
                self.visit_stmts(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = cause {
                    self.visit_expr(c)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.visit_expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, def::LOCAL);
                    }
                    self.visit_stmts(&h.body)?;
                }
                self.visit_stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Import { names } => {
                for a in names {
                    let stored = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(""),
                    };
                    self.add_def(stored, def::IMPORT);
                }
            }
            StmtKind::ImportFrom { names, module, .. } => {
                if module.as_deref() == Some("__future__") && s.span.lineno > self.future_lineno {
                    return Err(self.err(
                        "from __future__ imports must occur at the beginning of the file",
                        s.span,
                    ));
                }
                for a in names {
                    if a.name == "*" {
                        if self.table.scopes[self.cur_id()].kind != ScopeKind::Module {
                            return Err(self.err("import * only allowed at module level", a.span));
                        }
                        continue;
                    }
                    let stored = a.asname.as_deref().unwrap_or(&a.name);
                    self.add_def(stored, def::IMPORT);
                }
            }
            StmtKind::Global { names } => {
                for n in names {
                    let cur = self.flags_cur(n);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::PARAM != 0 {
                            format!("name '{n}' is parameter and global")
                        } else if cur & def::USE != 0 {
                            format!("name '{n}' is used prior to global declaration")
                        } else if cur & def::ANNOT != 0 {
                            format!("annotated name '{n}' can't be global")
                        } else {
                            format!("name '{n}' is assigned to before global declaration")
                        };
                        return Err(self.err(msg, s.span));
                    }
                    self.record_directive(n, s.span);
                    self.add_def(n, def::GLOBAL);
                }
            }
            StmtKind::Nonlocal { names } => {
                if self.table.scopes[self.cur_id()].kind == ScopeKind::Module {
                    return Err(
                        self.err("nonlocal declaration not allowed at module level", s.span)
                    );
                }
                for n in names {
                    let cur = self.flags_cur(n);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::PARAM != 0 {
                            format!("name '{n}' is parameter and nonlocal")
                        } else if cur & def::USE != 0 {
                            format!("name '{n}' is used prior to nonlocal declaration")
                        } else if cur & def::ANNOT != 0 {
                            format!("annotated name '{n}' can't be nonlocal")
                        } else {
                            format!("name '{n}' is assigned to before nonlocal declaration")
                        };
                        return Err(self.err(msg, s.span));
                    }
                    self.record_directive(n, s.span);
                    self.add_def(n, def::NONLOCAL);
                }
            }
            StmtKind::Expr { value } => self.visit_expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// Remember where `name` was first declared global/nonlocal (errors found by the analysis point there).
    fn record_directive(&mut self, name: &str, span: Span) {
        let id = self.cur_id();
        let name = mangle(self.cur().private.as_deref(), name);
        self.directive_spans.entry((id, name)).or_insert(span);
    }

    fn flags_cur(&mut self, name: &str) -> u32 {
        let name = mangle(self.cur().private.as_deref(), name);
        self.cur().flags(&name)
    }

    fn visit_exprs(&mut self, es: &[Expr]) -> Result<(), SyntaxError> {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_defaults(&mut self, args: &ast::Arguments) -> Result<(), SyntaxError> {
        self.visit_exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.visit_expr(d)?;
        }
        Ok(())
    }

    /// Under `from __future__ import annotations` an annotation is never evaluated, but CPython
    /// still rejects the expressions that would need a frame (`yield`, `await`, `:=`).
    fn check_string_annotation(&self, e: &Expr) -> Result<(), SyntaxError> {
        let what = match &e.kind {
            ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => Some("'yield expression'"),
            ExprKind::Await { .. } => Some("'await expression'"),
            ExprKind::NamedExpr { .. } => Some("'named expression'"),
            _ => None,
        };
        if let Some(what) = what {
            return Err(self.err(format!("{what} can not be used within an annotation"), e.span));
        }
        for c in e.children() {
            self.check_string_annotation(c)?;
        }
        Ok(())
    }

    fn visit_annotations(
        &mut self,
        args: &ast::Arguments,
        returns: Option<&Expr>,
    ) -> Result<(), SyntaxError> {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        if self.future_annotations {
            for a in all {
                if let Some(ann) = &a.annotation {
                    self.check_string_annotation(ann)?;
                }
            }
            if let Some(r) = returns {
                self.check_string_annotation(r)?;
            }
            return Ok(());
        }
        for a in all {
            if let Some(ann) = &a.annotation {
                self.visit_expr(ann)?;
            }
        }
        if let Some(r) = returns {
            self.visit_expr(r)?;
        }
        Ok(())
    }

    fn visit_params(&mut self, args: &ast::Arguments) -> Result<(), SyntaxError> {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwarg);
        for a in all {
            if self.flags_cur(&a.arg) & def::PARAM != 0 {
                return Err(self.err(
                    format!("duplicate argument '{}' in function definition", a.arg),
                    a.span,
                ));
            }
            self.add_def(&a.arg, def::PARAM);
            let name = mangle(self.cur().private.as_deref(), &a.arg);
            self.cur().params.push(name);
        }
        Ok(())
    }

    fn visit_expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values)?,
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.visit_named_target(target)?;
            }
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_defaults(args)?;
                self.enter(ScopeKind::Lambda, "lambda", e.span.lineno, e as *const Expr as usize);
                self.visit_params(args)?;
                self.visit_expr(body)?;
                self.leave();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.visit_expr(k)?;
                }
                self.visit_exprs(values)?;
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.visit_exprs(elts)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.visit_comp(e, "listcomp", &[elt], generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comp(e, "setcomp", &[elt], generators)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comp(e, "genexpr", &[elt], generators)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.visit_comp(e, "dictcomp", &[key, value], generators)?
            }
            ExprKind::Await { value } => self.visit_expr(value)?,
            ExprKind::Yield { value } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.mark_yield(e.span)?;
            }
            ExprKind::YieldFrom { value } => {
                self.visit_expr(value)?;
                self.mark_yield(e.span)?;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)?;
            }
            ExprKind::Call { func, args, keywords } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.visit_expr(value)?;
                if let Some(f) = format_spec {
                    self.visit_expr(f)?;
                }
            }
            ExprKind::JoinedStr { values } => self.visit_exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value)?,
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ast::ExprContext::Load { def::USE } else { def::LOCAL };
                self.add_def(id, flag);
                let id_cur = self.cur_id();
                if *ctx == ast::ExprContext::Load
                    && id == "super"
                    && self.table.scopes[id_cur].kind.is_function_like()
                {
                    self.add_def("__class__", def::USE);
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for p in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(p)?;
                }
            }
        }
        Ok(())
    }

    fn mark_yield(&mut self, span: Span) -> Result<(), SyntaxError> {
        let (kind, name) = {
            let sc = self.cur();
            (sc.kind, sc.name.clone())
        };
        if kind == ScopeKind::Comprehension {
            return Err(self.err(format!("'yield' inside {}", comp_desc(&name)), span));
        }
        self.cur().is_generator = true;
        Ok(())
    }

    /// A walrus target: inside comprehensions it binds in the nearest enclosing non-comprehension scope.
    fn visit_named_target(&mut self, target: &Expr) -> Result<(), SyntaxError> {
        let ExprKind::Name { id, .. } = &target.kind else {
            return self.visit_expr(target);
        };
        if self.table.scopes[self.cur_id()].kind != ScopeKind::Comprehension {
            self.add_def(id, def::LOCAL);
            return Ok(());
        }
        // Walk out of the comprehension scopes.
        for &sid in self.stack.iter().rev() {
            let sc = &self.table.scopes[sid];
            if sc.kind == ScopeKind::Comprehension {
                if sc.flags(id) & def::COMP_ITER != 0 {
                    return Err(self.err(
                        format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                        target.span,
                    ));
                }
                continue;
            }
            match sc.kind {
                ScopeKind::Class => {
                    return Err(self.err(
                        "assignment expression within a comprehension cannot be used in a class body",
                        target.span,
                    ));
                }
                ScopeKind::Module => {
                    let comps: Vec<ScopeId> = self
                        .stack
                        .iter()
                        .copied()
                        .filter(|&s| self.table.scopes[s].kind == ScopeKind::Comprehension)
                        .collect();
                    for c in comps {
                        self.table.scopes[c].add(id, def::GLOBAL);
                    }
                    self.table.scopes[sid].add(id, def::LOCAL);
                }
                _ => {
                    let pos = self.stack.iter().position(|&s| s == sid).unwrap_or(0);
                    let comps: Vec<ScopeId> = self.stack[pos + 1..].to_vec();
                    for c in comps {
                        self.table.scopes[c].add(id, def::NONLOCAL);
                    }
                    self.table.scopes[sid].add(id, def::LOCAL);
                }
            }
            return Ok(());
        }
        Ok(())
    }

    fn visit_comp(
        &mut self,
        e: &Expr,
        name: &str,
        elts: &[&Expr],
        gens: &[ast::Comprehension],
    ) -> Result<(), SyntaxError> {
        let Some(first) = gens.first() else {
            return Err(self.err("comprehension without generators", e.span));
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.visit_expr(&first.iter)?;
        let id =
            self.enter(ScopeKind::Comprehension, name, e.span.lineno, e as *const Expr as usize);
        if name == "genexpr" {
            self.table.scopes[id].is_generator = true;
        }
        self.add_def(".0", def::PARAM);
        self.cur().params.push(".0".to_string());
        for (i, g) in gens.iter().enumerate() {
            if g.is_async {
                self.leave();
                return Err(self.err(
                    "asynchronous comprehension outside of an asynchronous function",
                    e.span,
                ));
            }
            self.mark_comp_iter(&g.target);
            self.visit_expr(&g.target)?;
            if i > 0 {
                self.visit_expr(&g.iter)?;
            }
            self.visit_exprs(&g.ifs)?;
        }
        for el in elts {
            self.visit_expr(el)?;
        }
        self.leave();
        Ok(())
    }

    fn mark_comp_iter(&mut self, target: &Expr) {
        match &target.kind {
            ExprKind::Name { id, .. } => self.add_def(id, def::COMP_ITER),
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => {
                for el in elts {
                    self.mark_comp_iter(el);
                }
            }
            ExprKind::Starred { value, .. } => self.mark_comp_iter(value),
            _ => {}
        }
    }
}

fn comp_desc(name: &str) -> &'static str {
    match name {
        "listcomp" => "list comprehension",
        "setcomp" => "set comprehension",
        "dictcomp" => "dict comprehension",
        _ => "generator expression",
    }
}

struct Analyzer<'a> {
    table: &'a mut SymbolTable,
    source: &'a str,
    filename: &'a str,
    directive_spans: &'a HashMap<(ScopeId, String), Span>,
}

impl<'a> Analyzer<'a> {
    /// Resolve every name of scope `id`; returns the names free in it (or in its children) that
    /// must be provided by an enclosing scope.
    fn analyze(
        &mut self,
        id: ScopeId,
        bound: &HashSet<String>,
        global: &HashSet<String>,
    ) -> Result<HashSet<String>, SyntaxError> {
        let kind = self.table.scopes[id].kind;
        let mut local: HashSet<String> = HashSet::new();
        let mut my_global = global.clone();
        let mut my_bound = bound.clone();
        let mut free: HashSet<String> = HashSet::new();
        let n = self.table.scopes[id].symbols.len();
        for i in 0..n {
            let (name, flags) = {
                let s = &self.table.scopes[id].symbols[i];
                (s.name.clone(), s.flags)
            };
            let scope = if flags & def::GLOBAL != 0 {
                if flags & def::NONLOCAL != 0 {
                    let span =
                        self.directive_spans.get(&(id, name.clone())).copied().unwrap_or_default();
                    return Err(syntax_error(
                        self.source,
                        self.filename,
                        format!("name '{name}' is nonlocal and global"),
                        span,
                    ));
                }
                my_global.insert(name.clone());
                my_bound.remove(&name);
                NameScope::GlobalExplicit
            } else if flags & def::NONLOCAL != 0 {
                if !bound.contains(&name) {
                    let span =
                        self.directive_spans.get(&(id, name.clone())).copied().unwrap_or_default();
                    return Err(syntax_error(
                        self.source,
                        self.filename,
                        format!("no binding for nonlocal '{name}' found"),
                        span,
                    ));
                }
                free.insert(name.clone());
                NameScope::Free
            } else if flags & def::BOUND != 0 {
                local.insert(name.clone());
                my_global.remove(&name);
                NameScope::Local
            } else if bound.contains(&name) {
                free.insert(name.clone());
                NameScope::Free
            } else {
                NameScope::GlobalImplicit
            };
            self.table.scopes[id].symbols[i].scope = scope;
        }
        let mut child_bound = my_bound.clone();
        match kind {
            ScopeKind::Class => {
                child_bound.insert("__class__".to_string());
            }
            ScopeKind::Module => {}
            _ => {
                for l in &local {
                    child_bound.insert(l.clone());
                }
            }
        }
        // Names bound locally here shadow enclosing bindings for children only via `local`.
        let mut newfree: HashSet<String> = HashSet::new();
        let children = self.table.scopes[id].children.clone();
        for c in children {
            let f = self.analyze(c, &child_bound, &my_global)?;
            newfree.extend(f);
        }
        if kind.is_function_like() {
            for sym in self.table.scopes[id].symbols.iter_mut() {
                if sym.scope == NameScope::Local && newfree.contains(&sym.name) {
                    sym.scope = NameScope::Cell;
                    newfree.remove(&sym.name);
                }
            }
        }
        if kind == ScopeKind::Class && newfree.remove("__class__") {
            self.table.scopes[id].needs_class_closure = true;
        }
        // Free names of children pass through this scope.
        let mut pass: Vec<String> = newfree.iter().cloned().collect();
        pass.sort();
        for name in pass {
            let scope = &mut self.table.scopes[id];
            if let Some(&i) = scope.index.get(&name) {
                let sym = &mut scope.symbols[i];
                if kind == ScopeKind::Class
                    && (sym.flags & def::BOUND != 0 || sym.scope == NameScope::GlobalExplicit)
                {
                    sym.flags |= def::FREE_CLASS;
                } else if sym.scope == NameScope::GlobalImplicit {
                    sym.scope = NameScope::Free;
                }
                continue;
            }
            if !bound.contains(&name) {
                continue;
            }
            scope.add(&name, 0);
            let i = scope.index[&name];
            scope.symbols[i].scope = NameScope::Free;
        }
        newfree.extend(free);
        Ok(newfree)
    }
}

/// The free variables of a scope as they appear in its code object's `co_freevars`:
/// resolved-free names plus class-local names that also pass through to methods.
pub fn freevars_of(scope: &Scope) -> Vec<String> {
    let mut v: Vec<String> = scope
        .symbols
        .iter()
        .filter(|s| {
            s.scope == NameScope::Free
                || (scope.kind == ScopeKind::Class && s.flags & def::FREE_CLASS != 0)
        })
        .map(|s| s.name.clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The cell variables of a scope (`co_cellvars`); class bodies with a `__class__` cell list it.
/// As CPython 3.11: parameters that are cells first (in parameter order), then the others sorted.
pub fn cellvars_of(scope: &Scope) -> Vec<String> {
    let cells = scope.sorted_names(NameScope::Cell);
    let mut v: Vec<String> = scope.params.iter().filter(|p| cells.contains(p)).cloned().collect();
    v.extend(cells.into_iter().filter(|c| !scope.params.contains(c)));
    if scope.kind == ScopeKind::Class && scope.needs_class_closure {
        v.push("__class__".to_string());
    }
    v
}
