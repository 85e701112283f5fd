//! The `_ast` module: `ast.parse`'s native half. It parses source with the front end and hands the tree to the Python `ast` module as nested tuples, which `ast.py` turns into node objects.
//!
//! Encoding: a node is a tuple `(class_name, field values in _fields order..., lineno,
//! col_offset, end_lineno, end_col_offset)` (the positions only for node kinds with
//! `_attributes`); a `*` field is a list; everything else (identifiers, constants, ints,
//! None) is a plain value. The parser never produces tuple constants, so a tuple is always
//! a node. Conversion back (`compile()` of a tree) is in `ast_compile.rs`.

use crate::frontend::ast::*;
use crate::frontend::ast_dump::{cmp_name, operator_name};
use crate::object::{ObjRef, Payload, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

use super::make_module;

pub fn make<M: ExecutionModel>(vm: &mut Vm<M>) -> ObjRef<M> {
    let funcs: &[(&'static str, crate::object::NativeFn<M>)] = &[("parse", ast_parse)];
    make_module(vm, "_ast", funcs, vec![])
}

/// `_ast.parse(source, filename, mode)`: the encoded tree, or SyntaxError.
fn ast_parse<M: ExecutionModel>(vm: &mut Vm<M>, args: &[Value<M>], kw: &[Value<M>]) -> PyResult<M> {
    let p = crate::types::args::positional(vm, "parse", args, kw, 3, 3)?;
    let source = crate::stdlib::compile::source_text(vm, &p[0], "parse")?;
    let filename = match p[1].as_str() {
        Some(s) => s.to_string(),
        None => vm.str_of(&p[1])?,
    };
    let mode = p[2].as_str().unwrap_or("").to_string();
    let normalized = source.replace("\r\n", "\n").replace('\r', "\n");
    let enc = Encoder::<M> {
        ellipsis: Value::Obj(vm.interp().ellipsis().clone()),
        complex_seen: std::cell::Cell::new(false),
        lines: normalized.split('\n').collect(),
    };
    let tree = match mode.as_str() {
        "exec" | "single" => {
            let m = crate::frontend::parse_module(&source, &filename)
                .map_err(|e| crate::stdlib::compile::syntax_error_to_py(vm, &e))?;
            let body = enc.stmts(&m.body);
            if mode == "exec" {
                enc.node("Module", vec![body, Value::new_list(vec![])], None)
            } else {
                enc.node("Interactive", vec![body], None)
            }
        }
        "eval" => {
            let e = crate::frontend::parse_expression(&source, &filename)
                .map_err(|e| crate::stdlib::compile::syntax_error_to_py_in(vm, &e, true))?;
            enc.node("Expression", vec![enc.expr(&e)], None)
        }
        _ => return Err(vm.new_value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    if enc.complex_seen.get() {
        let cls = vm.types().not_implemented_error.clone();
        return Err(vm.new_error(&cls, "complex numbers are not supported"));
    }
    Ok(tree)
}

struct Encoder<'s, M: ExecutionModel> {
    ellipsis: Value<M>,
    /// The source lines, to see whether a string literal was written `u'...'` (`kind='u'`).
    lines: Vec<&'s str>,
    /// Set when the tree holds an imaginary literal (this interpreter has no complex type).
    complex_seen: std::cell::Cell<bool>,
}

fn s<M: ExecutionModel>(text: &str) -> Value<M> {
    Value::new_str(text)
}

fn opt_str<M: ExecutionModel>(text: Option<&str>) -> Value<M> {
    text.map(s).unwrap_or(Value::None)
}

impl<M: ExecutionModel> Encoder<'_, M> {
    fn node(&self, name: &str, fields: Vec<Value<M>>, span: Option<Span>) -> Value<M> {
        let mut items = Vec::with_capacity(fields.len() + 5);
        items.push(s(name));
        items.extend(fields);
        if let Some(sp) = span {
            for v in [sp.lineno, sp.col_offset, sp.end_lineno, sp.end_col_offset] {
                items.push(Value::Int(v as i64));
            }
        }
        Value::new_tuple(items)
    }

    /// A node without fields or positions (`Load()`, `Add()`, ...).
    fn unit(&self, name: &str) -> Value<M> {
        self.node(name, vec![], None)
    }

    fn stmts(&self, body: &[Stmt]) -> Value<M> {
        Value::new_list(body.iter().map(|x| self.stmt(x)).collect())
    }

    fn exprs(&self, items: &[Expr]) -> Value<M> {
        Value::new_list(items.iter().map(|x| self.expr(x)).collect())
    }

    fn opt_expr(&self, e: Option<&Expr>) -> Value<M> {
        e.map(|x| self.expr(x)).unwrap_or(Value::None)
    }

    fn stmt(&self, st: &Stmt) -> Value<M> {
        let sp = Some(st.span);
        match &st.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns } => self.node(
                "FunctionDef",
                vec![
                    s(name),
                    self.arguments(args),
                    self.stmts(body),
                    self.exprs(decorator_list),
                    self.opt_expr(returns.as_deref()),
                    Value::None,
                ],
                sp,
            ),
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => self.node(
                "ClassDef",
                vec![
                    s(name),
                    self.exprs(bases),
                    self.keywords(keywords),
                    self.stmts(body),
                    self.exprs(decorator_list),
                ],
                sp,
            ),
            StmtKind::Return { value } => {
                self.node("Return", vec![self.opt_expr(value.as_deref())], sp)
            }
            StmtKind::Delete { targets } => self.node("Delete", vec![self.exprs(targets)], sp),
            StmtKind::Assign { targets, value } => {
                self.node("Assign", vec![self.exprs(targets), self.expr(value), Value::None], sp)
            }
            StmtKind::AugAssign { target, op, value } => self.node(
                "AugAssign",
                vec![self.expr(target), self.unit(operator_name(*op)), self.expr(value)],
                sp,
            ),
            StmtKind::AnnAssign { target, annotation, value, simple } => self.node(
                "AnnAssign",
                vec![
                    self.expr(target),
                    self.expr(annotation),
                    self.opt_expr(value.as_deref()),
                    Value::Int(*simple as i64),
                ],
                sp,
            ),
            StmtKind::For { target, iter, body, orelse } => self.node(
                "For",
                vec![
                    self.expr(target),
                    self.expr(iter),
                    self.stmts(body),
                    self.stmts(orelse),
                    Value::None,
                ],
                sp,
            ),
            StmtKind::While { test, body, orelse } => {
                self.node("While", vec![self.expr(test), self.stmts(body), self.stmts(orelse)], sp)
            }
            StmtKind::If { test, body, orelse } => {
                self.node("If", vec![self.expr(test), self.stmts(body), self.stmts(orelse)], sp)
            }
            StmtKind::With { items, body } => {
                let items = Value::new_list(
                    items
                        .iter()
                        .map(|w| {
                            self.node(
                                "withitem",
                                vec![
                                    self.expr(&w.context_expr),
                                    self.opt_expr(w.optional_vars.as_deref()),
                                ],
                                None,
                            )
                        })
                        .collect(),
                );
                self.node("With", vec![items, self.stmts(body), Value::None], sp)
            }
            StmtKind::Raise { exc, cause } => self.node(
                "Raise",
                vec![self.opt_expr(exc.as_deref()), self.opt_expr(cause.as_deref())],
                sp,
            ),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                let hs = Value::new_list(
                    handlers
                        .iter()
                        .map(|h| {
                            self.node(
                                "ExceptHandler",
                                vec![
                                    self.opt_expr(h.typ.as_deref()),
                                    opt_str(h.name.as_deref()),
                                    self.stmts(&h.body),
                                ],
                                Some(h.span),
                            )
                        })
                        .collect(),
                );
                self.node(
                    "Try",
                    vec![self.stmts(body), hs, self.stmts(orelse), self.stmts(finalbody)],
                    sp,
                )
            }
            StmtKind::Assert { test, msg } => {
                self.node("Assert", vec![self.expr(test), self.opt_expr(msg.as_deref())], sp)
            }
            StmtKind::Import { names } => self.node("Import", vec![self.aliases(names)], sp),
            StmtKind::ImportFrom { module, names, level } => self.node(
                "ImportFrom",
                vec![opt_str(module.as_deref()), self.aliases(names), Value::Int(*level as i64)],
                sp,
            ),
            StmtKind::Global { names } => {
                self.node("Global", vec![Value::new_list(names.iter().map(|n| s(n)).collect())], sp)
            }
            StmtKind::Nonlocal { names } => self.node(
                "Nonlocal",
                vec![Value::new_list(names.iter().map(|n| s(n)).collect())],
                sp,
            ),
            StmtKind::Expr { value } => self.node("Expr", vec![self.expr(value)], sp),
            StmtKind::Pass => self.node("Pass", vec![], sp),
            StmtKind::Break => self.node("Break", vec![], sp),
            StmtKind::Continue => self.node("Continue", vec![], sp),
        }
    }

    fn expr(&self, e: &Expr) -> Value<M> {
        let sp = Some(e.span);
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let name = if *op == BoolOperator::And { "And" } else { "Or" };
                self.node("BoolOp", vec![self.unit(name), self.exprs(values)], sp)
            }
            ExprKind::NamedExpr { target, value } => {
                self.node("NamedExpr", vec![self.expr(target), self.expr(value)], sp)
            }
            ExprKind::BinOp { left, op, right } => self.node(
                "BinOp",
                vec![self.expr(left), self.unit(operator_name(*op)), self.expr(right)],
                sp,
            ),
            ExprKind::UnaryOp { op, operand } => {
                let name = match op {
                    UnaryOperator::Invert => "Invert",
                    UnaryOperator::Not => "Not",
                    UnaryOperator::UAdd => "UAdd",
                    UnaryOperator::USub => "USub",
                };
                self.node("UnaryOp", vec![self.unit(name), self.expr(operand)], sp)
            }
            ExprKind::Lambda { args, body } => {
                self.node("Lambda", vec![self.arguments(args), self.expr(body)], sp)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.node("IfExp", vec![self.expr(test), self.expr(body), self.expr(orelse)], sp)
            }
            ExprKind::Dict { keys, values } => {
                let ks = Value::new_list(keys.iter().map(|k| self.opt_expr(k.as_ref())).collect());
                self.node("Dict", vec![ks, self.exprs(values)], sp)
            }
            ExprKind::Set { elts } => self.node("Set", vec![self.exprs(elts)], sp),
            ExprKind::ListComp { elt, generators } => {
                self.node("ListComp", vec![self.expr(elt), self.comprehensions(generators)], sp)
            }
            ExprKind::SetComp { elt, generators } => {
                self.node("SetComp", vec![self.expr(elt), self.comprehensions(generators)], sp)
            }
            ExprKind::DictComp { key, value, generators } => self.node(
                "DictComp",
                vec![self.expr(key), self.expr(value), self.comprehensions(generators)],
                sp,
            ),
            ExprKind::GeneratorExp { elt, generators } => {
                self.node("GeneratorExp", vec![self.expr(elt), self.comprehensions(generators)], sp)
            }
            ExprKind::Await { value } => self.node("Await", vec![self.expr(value)], sp),
            ExprKind::Yield { value } => {
                self.node("Yield", vec![self.opt_expr(value.as_deref())], sp)
            }
            ExprKind::YieldFrom { value } => self.node("YieldFrom", vec![self.expr(value)], sp),
            ExprKind::Compare { left, ops, comparators } => {
                let ops = Value::new_list(ops.iter().map(|o| self.unit(cmp_name(*o))).collect());
                self.node("Compare", vec![self.expr(left), ops, self.exprs(comparators)], sp)
            }
            ExprKind::Call { func, args, keywords } => self.node(
                "Call",
                vec![self.expr(func), self.exprs(args), self.keywords(keywords)],
                sp,
            ),
            ExprKind::FormattedValue { value, conversion, format_spec } => self.node(
                "FormattedValue",
                vec![
                    self.expr(value),
                    Value::Int(*conversion as i64),
                    self.opt_expr(format_spec.as_deref()),
                ],
                sp,
            ),
            ExprKind::JoinedStr { values } => self.node("JoinedStr", vec![self.exprs(values)], sp),
            ExprKind::Constant { value } => {
                let kind = match value {
                    Constant::Str(_) if self.u_prefixed(e.span) => s("u"),
                    _ => Value::None,
                };
                self.node("Constant", vec![self.constant(value), kind], sp)
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.node("Attribute", vec![self.expr(value), s(attr), self.ctx(*ctx)], sp)
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.node("Subscript", vec![self.expr(value), self.expr(slice), self.ctx(*ctx)], sp)
            }
            ExprKind::Starred { value, ctx } => {
                self.node("Starred", vec![self.expr(value), self.ctx(*ctx)], sp)
            }
            ExprKind::Name { id, ctx } => self.node("Name", vec![s(id), self.ctx(*ctx)], sp),
            ExprKind::List { elts, ctx } => {
                self.node("List", vec![self.exprs(elts), self.ctx(*ctx)], sp)
            }
            ExprKind::Tuple { elts, ctx } => {
                self.node("Tuple", vec![self.exprs(elts), self.ctx(*ctx)], sp)
            }
            ExprKind::Slice { lower, upper, step } => self.node(
                "Slice",
                vec![
                    self.opt_expr(lower.as_deref()),
                    self.opt_expr(upper.as_deref()),
                    self.opt_expr(step.as_deref()),
                ],
                sp,
            ),
        }
    }

    /// Whether the literal at `span` starts with a `u`/`U` prefix.
    fn u_prefixed(&self, span: Span) -> bool {
        let line = self.lines.get(span.lineno.saturating_sub(1) as usize).copied().unwrap_or("");
        matches!(line.as_bytes().get(span.col_offset as usize), Some(b'u' | b'U'))
    }

    fn ctx(&self, c: ExprContext) -> Value<M> {
        self.unit(match c {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        })
    }

    fn constant(&self, c: &Constant) -> Value<M> {
        match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::from_bigint(i.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Complex { .. } => {
                self.complex_seen.set(true);
                Value::None
            }
            Constant::Str(text) => s(text),
            Constant::Bytes(b) => {
                Value::Obj(ObjRef::new(Payload::Bytes(b.clone().into_boxed_slice())))
            }
            Constant::Ellipsis => self.ellipsis.clone(),
        }
    }

    fn comprehensions(&self, gens: &[Comprehension]) -> Value<M> {
        Value::new_list(
            gens.iter()
                .map(|g| {
                    self.node(
                        "comprehension",
                        vec![
                            self.expr(&g.target),
                            self.expr(&g.iter),
                            self.exprs(&g.ifs),
                            Value::Int(g.is_async as i64),
                        ],
                        None,
                    )
                })
                .collect(),
        )
    }

    fn arg(&self, a: &Arg) -> Value<M> {
        self.node(
            "arg",
            vec![s(&a.arg), self.opt_expr(a.annotation.as_deref()), Value::None],
            Some(a.span),
        )
    }

    fn opt_arg(&self, a: Option<&Arg>) -> Value<M> {
        a.map(|x| self.arg(x)).unwrap_or(Value::None)
    }

    fn arguments(&self, a: &Arguments) -> Value<M> {
        let args = |v: &[Arg]| Value::new_list(v.iter().map(|x| self.arg(x)).collect());
        let kw_defaults =
            Value::new_list(a.kw_defaults.iter().map(|d| self.opt_expr(d.as_ref())).collect());
        self.node(
            "arguments",
            vec![
                args(&a.posonlyargs),
                args(&a.args),
                self.opt_arg(a.vararg.as_ref()),
                args(&a.kwonlyargs),
                kw_defaults,
                self.opt_arg(a.kwarg.as_ref()),
                self.exprs(&a.defaults),
            ],
            None,
        )
    }

    fn keywords(&self, ks: &[Keyword]) -> Value<M> {
        Value::new_list(
            ks.iter()
                .map(|k| {
                    self.node(
                        "keyword",
                        vec![opt_str(k.arg.as_deref()), self.expr(&k.value)],
                        Some(k.span),
                    )
                })
                .collect(),
        )
    }

    fn aliases(&self, names: &[Alias]) -> Value<M> {
        Value::new_list(
            names
                .iter()
                .map(|a| {
                    self.node("alias", vec![s(&a.name), opt_str(a.asname.as_deref())], Some(a.span))
                })
                .collect(),
        )
    }
}
