//! Code generation core: compilation units, instruction emission, labels, constants, names and assembly.
//!
//! Statements are compiled in `codegen_stmt`, expressions in `codegen_expr`, function/class/
//! comprehension scopes in `codegen_scope`; stack-depth and line-table computation in
//! `codegen_flow`. Jumps are emitted against labels and resolved to absolute instruction
//! indices when a unit is assembled; an unconditional jump becomes `JUMP_FORWARD` or
//! `JUMP_BACKWARD` depending on its direction.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::sync::Arc;

use super::code::{flags, CodeObject, Constant};
use super::codegen_flow;
use super::opcode::{Opcode, MAX_ARG};
use super::symtable::{self, NameScope, ScopeId, ScopeKind, SymbolTable};
use crate::frontend::ast::{self, Span, Stmt};
use crate::frontend::SyntaxError;

/// CPython's `CO_MAXBLOCKS`.
const MAX_BLOCKS: usize = 20;

/// A jump target inside the current unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Label(pub u32);

/// One instruction before assembly; for jumps `arg` is a label id.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ins {
    pub op: Opcode,
    pub arg: u32,
    pub line: u32,
}

/// Kinds of "frame blocks" (CPython's fblocks) that `return`/`break`/`continue` must unwind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FBlockKind {
    WhileLoop,
    ForLoop,
    /// Body of a `try` with handlers (a try block is on the block stack).
    TryExcept,
    /// Body of a `try` with a `finally` (a try block is on the block stack).
    FinallyTry,
    /// The exception path of a `finally` body: the exception is on the value stack and an
    /// except-handler block is on the block stack.
    FinallyEnd,
    /// Body of a `with` (a try block, `exit` on the value stack).
    With,
    /// Body of an except handler (an except-handler block); `name` is the `as` target, whose
    /// cleanup try block is also on the block stack.
    HandlerCleanup,
    /// The handler-matching region of a `try` (an except-handler block is on the block stack;
    /// its cleanup is done by the enclosed `HandlerCleanup`). Counts toward the nesting limit.
    ExceptionHandler,
    /// A value kept on the stack below (a `return` value while an inline `finally` body runs).
    PopValue,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct FBlock<'a> {
    pub kind: FBlockKind,
    pub start: Label,
    pub exit: Label,
    pub finalbody: Option<&'a [Stmt]>,
    pub name: Option<&'a str>,
}

/// One code object being built.
pub(crate) struct Unit<'a> {
    pub scope: ScopeId,
    pub kind: ScopeKind,
    pub name: String,
    pub qualname: String,
    pub instrs: Vec<Ins>,
    pub labels: Vec<u32>,
    pub consts: Vec<Constant>,
    const_index: HashMap<String, u32>,
    pub names: Vec<String>,
    name_index: HashMap<String, u32>,
    pub varnames: Vec<String>,
    var_index: HashMap<String, u32>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub firstlineno: u32,
    pub fblocks: Vec<FBlock<'a>>,
    pub line: u32,
    /// Class name used for private name mangling.
    pub private: Option<String>,
    code_counter: u32,
}

pub(crate) struct Compiler<'a> {
    pub st: SymbolTable,
    pub source: &'a str,
    pub filename: &'a str,
    pub units: Vec<Unit<'a>>,
    /// `from __future__ import annotations`: annotations compile to their source text.
    pub future_annotations: bool,
    /// Span of the statement or expression being compiled (CPython reports some errors there).
    pub loc: Span,
}

/// Compile a module into its code object.
pub fn compile(
    module: &ast::Module,
    source: &str,
    filename: &str,
) -> Result<Arc<CodeObject>, SyntaxError> {
    let st = symtable::build(module, source, filename)?;
    let future_annotations = symtable::has_future_annotations(module);
    let mut c = Compiler {
        st,
        source,
        filename,
        units: Vec::new(),
        future_annotations,
        loc: Span::default(),
    };
    c.enter_unit(0, "<module>", "<module>", 1);
    c.compile_module_body(&module.body)?;
    Ok(c.exit_unit())
}

/// Compile an expression as CPython's `eval` mode does: a `<module>` code object that
/// returns the expression's value (what `compile(src, f, 'eval')` and `eval(code)` use).
pub fn compile_expression(
    expr: &ast::Expr,
    source: &str,
    filename: &str,
) -> Result<Arc<CodeObject>, SyntaxError> {
    let module = ast::Module {
        body: vec![Stmt::new(ast::StmtKind::Expr { value: Box::new(expr.clone()) }, expr.span)],
    };
    let st = symtable::build(&module, source, filename)?;
    let mut c = Compiler {
        st,
        source,
        filename,
        units: Vec::new(),
        future_annotations: false,
        loc: Span::default(),
    };
    c.enter_unit(0, "<module>", "<module>", 1);
    let ast::StmtKind::Expr { value } = &module.body[0].kind else {
        return Err(c.error("internal compiler error: not an expression", expr.span));
    };
    c.set_line(expr.span.lineno);
    c.loc = expr.span;
    c.compile_expr(value)?;
    c.op(Opcode::ReturnValue);
    Ok(c.exit_unit())
}

impl<'a> Compiler<'a> {
    pub(crate) fn error(&self, msg: impl Into<String>, span: Span) -> SyntaxError {
        symtable::syntax_error(self.source, self.filename, msg, span)
    }

    pub(crate) fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("compilation unit")
    }

    pub(crate) fn ur(&self) -> &Unit<'a> {
        self.units.last().expect("compilation unit")
    }

    pub(crate) fn scope(&self) -> &symtable::Scope {
        &self.st.scopes[self.ur().scope]
    }

    /// Start a new code object for scope `scope`.
    pub(crate) fn enter_unit(
        &mut self,
        scope: ScopeId,
        name: &str,
        qualname: &str,
        firstlineno: u32,
    ) {
        let sc = &self.st.scopes[scope];
        let kind = sc.kind;
        let private = sc.private.clone();
        let mut u = Unit {
            scope,
            kind,
            name: name.to_string(),
            qualname: qualname.to_string(),
            instrs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            var_index: HashMap::new(),
            cellvars: symtable::cellvars_of(sc),
            freevars: symtable::freevars_of(sc),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            firstlineno,
            fblocks: Vec::new(),
            line: firstlineno,
            private,
            code_counter: 0,
        };
        if kind.is_function_like() {
            u.flags |= flags::OPTIMIZED | flags::NEWLOCALS;
            for p in &sc.params {
                u.var_index.insert(p.clone(), u.varnames.len() as u32);
                u.varnames.push(p.clone());
            }
        }
        if sc.is_generator {
            u.flags |= flags::GENERATOR;
        }
        if sc.nested && kind.is_function_like() {
            u.flags |= flags::NESTED;
        }
        self.units.push(u);
    }

    /// Finish the current unit and build its code object.
    pub(crate) fn exit_unit(&mut self) -> Arc<CodeObject> {
        let u = self.units.pop().expect("compilation unit");
        let (mut instructions, linetable, stacksize) = codegen_flow::assemble(&u.instrs, &u.labels);
        super::opcode::mark_borrowed_loads(&mut instructions);
        let arc =
            |v: &[String]| -> Vec<Arc<str>> { v.iter().map(|s| Arc::from(s.as_str())).collect() };
        Arc::new(CodeObject {
            name: Arc::from(u.name.as_str()),
            qualname: Arc::from(u.qualname.as_str()),
            filename: Arc::from(self.filename),
            firstlineno: u.firstlineno,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            instructions,
            consts: u.consts,
            names: arc(&u.names),
            varnames: arc(&u.varnames),
            cellvars: arc(&u.cellvars),
            freevars: arc(&u.freevars),
            linetable,
            stacksize,
        })
    }

    // ----- emission -------------------------------------------------------------------------

    pub(crate) fn emit(&mut self, op: Opcode, arg: u32) {
        let line = self.ur().line;
        self.u().instrs.push(Ins { op, arg: arg.min(MAX_ARG), line });
    }

    pub(crate) fn op(&mut self, op: Opcode) {
        self.emit(op, 0);
    }

    pub(crate) fn new_label(&mut self) -> Label {
        let u = self.u();
        u.labels.push(u32::MAX);
        Label(u.labels.len() as u32 - 1)
    }

    pub(crate) fn bind(&mut self, l: Label) {
        let u = self.u();
        u.labels[l.0 as usize] = u.instrs.len() as u32;
    }

    /// Emit a jump to `l`. `JUMP_FORWARD` is turned into `JUMP_BACKWARD` when the target precedes it.
    pub(crate) fn jump(&mut self, op: Opcode, l: Label) {
        self.emit(op, l.0);
    }

    pub(crate) fn set_line(&mut self, line: u32) {
        if line > 0 {
            self.u().line = line;
        }
    }

    // ----- tables ---------------------------------------------------------------------------

    pub(crate) fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.u();
        let key = match &c {
            Constant::Code(_) => {
                u.code_counter += 1;
                format!("code#{}", u.code_counter)
            }
            other => const_key(other),
        };
        if let Some(&i) = u.const_index.get(&key) {
            return i;
        }
        let i = u.consts.len() as u32;
        u.consts.push(c);
        u.const_index.insert(key, i);
        i
    }

    pub(crate) fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Opcode::LoadConst, i);
    }

    pub(crate) fn add_name(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(name.to_string());
        u.name_index.insert(name.to_string(), i);
        i
    }

    pub(crate) fn emit_name(&mut self, op: Opcode, name: &str) {
        let i = self.add_name(name);
        self.emit(op, i);
    }

    pub(crate) fn varname(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(&i) = u.var_index.get(name) {
            return i;
        }
        let i = u.varnames.len() as u32;
        u.varnames.push(name.to_string());
        u.var_index.insert(name.to_string(), i);
        i
    }

    /// Index of `name` in the cell space (cellvars then freevars).
    pub(crate) fn deref_index(&self, name: &str) -> Option<u32> {
        let u = self.ur();
        if let Some(i) = u.cellvars.iter().position(|n| n == name) {
            return Some(i as u32);
        }
        u.freevars.iter().position(|n| n == name).map(|i| (u.cellvars.len() + i) as u32)
    }

    // ----- names ----------------------------------------------------------------------------

    /// Load, store or delete a variable according to its scope.
    pub(crate) fn name_op(
        &mut self,
        name: &str,
        ctx: ast::ExprContext,
        span: Span,
    ) -> Result<(), SyntaxError> {
        use ast::ExprContext::*;
        let mangled = self.mangle(name);
        let name = mangled.as_str();
        if ctx != Load && name == "__debug__" {
            let msg =
                if ctx == Del { "cannot delete __debug__" } else { "cannot assign to __debug__" };
            return Err(self.error(msg, span));
        }
        let kind = self.ur().kind;
        let scope = self.scope().scope_of(name);
        let (load, store, del) = match scope {
            NameScope::Free | NameScope::Cell => {
                let Some(i) = self.deref_index(name) else {
                    return Err(
                        self.error(format!("internal compiler error: no cell for '{name}'"), span)
                    );
                };
                let load = if kind == ScopeKind::Class {
                    Opcode::LoadClassderef
                } else {
                    Opcode::LoadDeref
                };
                let op = match ctx {
                    Load => load,
                    Store => Opcode::StoreDeref,
                    Del => Opcode::DeleteDeref,
                };
                self.emit(op, i);
                return Ok(());
            }
            NameScope::Local if kind.is_function_like() => {
                let i = self.varname(name);
                let op = match ctx {
                    Load => Opcode::LoadFast,
                    Store => Opcode::StoreFast,
                    Del => Opcode::DeleteFast,
                };
                self.emit(op, i);
                return Ok(());
            }
            NameScope::GlobalExplicit => {
                (Opcode::LoadGlobal, Opcode::StoreGlobal, Opcode::DeleteGlobal)
            }
            NameScope::GlobalImplicit if kind.is_function_like() => {
                (Opcode::LoadGlobal, Opcode::StoreGlobal, Opcode::DeleteGlobal)
            }
            _ => (Opcode::LoadName, Opcode::StoreName, Opcode::DeleteName),
        };
        let op = match ctx {
            Load => load,
            Store => store,
            Del => del,
        };
        self.emit_name(op, name);
        Ok(())
    }

    /// Private name mangling (`__x` inside class `C` -> `_C__x`).
    pub(crate) fn mangle(&self, name: &str) -> String {
        symtable::mangle(self.ur().private.as_deref(), name)
    }

    /// Emit an attribute instruction (`LOAD_ATTR`, `STORE_ATTR`, `LOAD_METHOD`...) with the mangled name.
    pub(crate) fn emit_attr(&mut self, op: Opcode, attr: &str) {
        let name = self.mangle(attr);
        self.emit_name(op, &name);
    }

    /// Push an annotation's value: the evaluated expression, or its source text under
    /// `from __future__ import annotations`.
    pub(crate) fn compile_annotation(&mut self, e: &'a ast::Expr) -> Result<(), SyntaxError> {
        if !self.future_annotations {
            return self.compile_expr(e);
        }
        // CPython renders the annotation from the tree (its C unparser), not from the source text.
        let text = crate::frontend::ast_unparse::unparse_expr(e);
        self.load_const(Constant::Str(text.as_str().into()));
        Ok(())
    }

    // ----- frame blocks ---------------------------------------------------------------------

    pub(crate) fn push_fblock(
        &mut self,
        kind: FBlockKind,
        start: Label,
        exit: Label,
        span: Span,
    ) -> Result<(), SyntaxError> {
        self.push_fblock_full(FBlock { kind, start, exit, finalbody: None, name: None }, span)
    }

    pub(crate) fn push_fblock_full(
        &mut self,
        fb: FBlock<'a>,
        span: Span,
    ) -> Result<(), SyntaxError> {
        if self.ur().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks", span));
        }
        self.u().fblocks.push(fb);
        Ok(())
    }

    pub(crate) fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    // ----- qualified names ------------------------------------------------------------------

    /// CPython's `compiler_set_qualname` for a new scope named `name` of kind `kind`
    /// defined in the current unit.
    pub(crate) fn child_qualname(&self, name: &str, kind: ScopeKind) -> String {
        if self.units.len() <= 1 {
            return name.to_string();
        }
        let parent = self.ur();
        if matches!(kind, ScopeKind::Function | ScopeKind::Class) {
            let sc = &self.st.scopes[parent.scope];
            if sc.scope_of(name) == NameScope::GlobalExplicit {
                return name.to_string();
            }
        }
        if matches!(parent.kind, ScopeKind::Function | ScopeKind::Lambda) {
            format!("{}.<locals>.{}", parent.qualname, name)
        } else {
            format!("{}.{}", parent.qualname, name)
        }
    }

    /// Emit the closure tuple (if any), code and qualname constants and `MAKE_FUNCTION`.
    /// `flags` holds the defaults/kwdefaults/annotations bits already pushed by the caller.
    pub(crate) fn make_closure(
        &mut self,
        code: Arc<CodeObject>,
        mut flags: u32,
        span: Span,
    ) -> Result<(), SyntaxError> {
        if !code.freevars.is_empty() {
            let kind = self.ur().kind;
            for fv in code.freevars.iter() {
                let name: &str = fv;
                // A class body passes its own `__class__` cell; other names resolve through the
                // cell space (class-local names that also pass through are free vars there).
                let idx = if kind == ScopeKind::Class && name != "__class__" {
                    let u = self.ur();
                    u.freevars.iter().position(|n| n == name).map(|i| (u.cellvars.len() + i) as u32)
                } else {
                    self.deref_index(name)
                };
                let Some(i) = idx else {
                    return Err(self.error(
                        format!("internal compiler error: cannot find closure cell '{name}'"),
                        span,
                    ));
                };
                self.emit(Opcode::LoadClosure, i);
            }
            self.emit(Opcode::BuildTuple, code.freevars.len() as u32);
            flags |= 0x08;
        }
        let qualname = code.qualname.clone();
        self.load_const(Constant::Code(code));
        self.load_const(Constant::Str(qualname));
        self.emit(Opcode::MakeFunction, flags);
        Ok(())
    }
}

/// A key distinguishing constants that Python considers different (1, 1.0, True; 0.0, -0.0).
pub(crate) fn const_key(c: &Constant) -> String {
    match c {
        Constant::None => "N".to_string(),
        Constant::Bool(b) => format!("b{b}"),
        Constant::Int(i) => format!("i{i}"),
        Constant::BigInt(i) => format!("i{i}"),
        Constant::Float(f) => format!("f{:x}", f.to_bits()),
        Constant::Str(s) => format!("s{s}"),
        Constant::Bytes(b) => format!("y{b:?}"),
        Constant::Ellipsis => "E".to_string(),
        Constant::Code(c) => format!("c{:p}", Arc::as_ptr(c)),
        Constant::Tuple(items) => {
            let mut s = String::from("t(");
            for it in items.iter() {
                let k = const_key(it);
                s.push_str(&k.len().to_string());
                s.push(':');
                s.push_str(&k);
            }
            s.push(')');
            s
        }
    }
}
