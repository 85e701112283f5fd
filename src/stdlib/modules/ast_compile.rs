//! `compile()` of an `ast` tree: Python node objects (as `ast.parse` made them, or as a program built or transformed them) back into the front end's AST, then the ordinary compiler. Missing fields and malformed trees raise CPython's `TypeError`/`ValueError` messages.

use num_bigint::BigInt;

use crate::frontend::ast::*;
use crate::object::{Payload, PyErr, PyResult, Value};
use crate::runtime::ExecutionModel;
use crate::vm::Vm;

type R<T, M> = Result<T, PyErr<M>>;

/// `compile(tree, filename, mode)`: `tree` is an `ast.Module` (exec), `ast.Expression` (eval)
/// or `ast.Interactive` (single).
pub fn compile_tree<M: ExecutionModel>(
    vm: &mut Vm<M>,
    tree: &Value<M>,
    filename: &str,
    mode: &str,
) -> PyResult<M> {
    let mut c = Conv { vm };
    let kind = c.vm.type_name(tree);
    let want = match mode {
        "exec" => "Module",
        "eval" => "Expression",
        _ => "Interactive",
    };
    if kind != want {
        return Err(c.vm.new_type_error(&format!("expected {want} node, got {kind}")));
    }
    let code = if mode == "eval" {
        let body = c.field(tree, "body", &kind)?;
        let e = c.expr(&body)?;
        crate::compiler::codegen::compile_expression(&e, "", filename)
    } else {
        let body = c.field(tree, "body", &kind)?;
        let body = c.stmts(&body, &kind, "body")?;
        crate::compiler::compile_module(&Module { body }, "", filename)
    };
    match code {
        Ok(code) => Ok(Value::Obj(vm.materialize_code(&code))),
        Err(e) => Err(crate::stdlib::compile::syntax_error_to_py(vm, &e)),
    }
}

struct Conv<'v, M: ExecutionModel> {
    vm: &'v mut Vm<M>,
}

impl<M: ExecutionModel> Conv<'_, M> {
    fn type_error(&mut self, msg: String) -> PyErr<M> {
        self.vm.new_type_error(&msg)
    }

    /// `TypeError: expected some sort of WHAT, but got REPR`.
    fn bad(&mut self, what: &str, v: &Value<M>) -> PyErr<M> {
        let r = match self.vm.repr_of(v) {
            Ok(r) => r,
            Err(e) => return e,
        };
        self.type_error(format!("expected some sort of {what}, but got {r}"))
    }

    fn value_error(&mut self, msg: String) -> PyErr<M> {
        self.vm.new_value_error(&msg)
    }

    /// A required field (`TypeError: required field "x" missing from Y`).
    fn field(&mut self, node: &Value<M>, name: &str, owner: &str) -> R<Value<M>, M> {
        match self.vm.getattr_opt(node, name)? {
            Some(v) if !v.is_none() || matches!(name, "value" | "kind") => Ok(v),
            _ => Err(self.type_error(format!("required field \"{name}\" missing from {owner}"))),
        }
    }

    /// An optional field: None when missing or None.
    fn opt(&mut self, node: &Value<M>, name: &str) -> R<Option<Value<M>>, M> {
        Ok(self.vm.getattr_opt(node, name)?.filter(|v| !v.is_none()))
    }

    fn int_field(&mut self, node: &Value<M>, name: &str, owner: &str) -> R<i64, M> {
        let v = self.field(node, name, owner)?;
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(b as i64),
            _ => {
                let r = self.vm.repr_of(&v)?;
                Err(self.type_error(format!("invalid integer value: {r}")))
            }
        }
    }

    fn ident(&mut self, v: &Value<M>) -> R<String, M> {
        match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(self.type_error("AST identifier must be of type str".into())),
        }
    }

    fn list(&mut self, v: &Value<M>, owner: &str, field: &str) -> R<Vec<Value<M>>, M> {
        match v.payload() {
            Some(Payload::List(l)) => Ok(l.with(|items| items.clone())),
            _ => {
                let tn = self.vm.type_name(v);
                Err(self
                    .type_error(format!("{owner} field \"{field}\" must be a list, not a {tn}")))
            }
        }
    }

    fn list_field(&mut self, node: &Value<M>, field: &str, owner: &str) -> R<Vec<Value<M>>, M> {
        let v = self.field(node, field, owner)?;
        self.list(&v, owner, field)
    }

    fn span(&mut self, node: &Value<M>, owner: &str) -> R<Span, M> {
        let lineno = self.int_field(node, "lineno", owner)? as u32;
        let col_offset = self.int_field(node, "col_offset", owner)? as u32;
        let end_lineno = match self.opt(node, "end_lineno")? {
            Some(Value::Int(i)) => i as u32,
            _ => lineno,
        };
        let end_col_offset = match self.opt(node, "end_col_offset")? {
            Some(Value::Int(i)) => i as u32,
            _ => col_offset,
        };
        Ok(Span { lineno, col_offset, end_lineno, end_col_offset })
    }

    fn kind_of(&mut self, v: &Value<M>, what: &str, names: &[&str]) -> R<String, M> {
        let kind = self.vm.type_name(v);
        if matches!(v.payload(), Some(Payload::Instance(_))) && names.contains(&kind.as_str()) {
            return Ok(kind);
        }
        Err(self.bad(what, v))
    }

    fn stmts(&mut self, v: &Value<M>, owner: &str, field: &str) -> R<Vec<Stmt>, M> {
        let items = self.list(v, owner, field)?;
        items.iter().map(|x| self.stmt(x)).collect()
    }

    fn body(&mut self, node: &Value<M>, field: &str, owner: &str) -> R<Vec<Stmt>, M> {
        let v = self.field(node, field, owner)?;
        let body = self.stmts(&v, owner, field)?;
        if body.is_empty() && field == "body" {
            return Err(self.value_error(format!("empty body on {owner}")));
        }
        Ok(body)
    }

    fn exprs(&mut self, node: &Value<M>, field: &str, owner: &str) -> R<Vec<Expr>, M> {
        let items = self.list_field(node, field, owner)?;
        items.iter().map(|x| self.expr(x)).collect()
    }

    fn boxed(&mut self, node: &Value<M>, field: &str, owner: &str) -> R<Box<Expr>, M> {
        let v = self.field(node, field, owner)?;
        Ok(Box::new(self.expr(&v)?))
    }

    fn opt_expr(&mut self, node: &Value<M>, field: &str) -> R<Option<Box<Expr>>, M> {
        match self.opt(node, field)? {
            Some(v) => Ok(Some(Box::new(self.expr(&v)?))),
            None => Ok(None),
        }
    }

    fn opt_ident(&mut self, node: &Value<M>, field: &str) -> R<Option<String>, M> {
        match self.opt(node, field)? {
            Some(v) => Ok(Some(self.ident(&v)?)),
            None => Ok(None),
        }
    }

    fn stmt(&mut self, v: &Value<M>) -> R<Stmt, M> {
        const KINDS: &[&str] = &[
            "FunctionDef",
            "ClassDef",
            "Return",
            "Delete",
            "Assign",
            "AugAssign",
            "AnnAssign",
            "For",
            "While",
            "If",
            "With",
            "Raise",
            "Try",
            "Assert",
            "Import",
            "ImportFrom",
            "Global",
            "Nonlocal",
            "Expr",
            "Pass",
            "Break",
            "Continue",
        ];
        let k = self.kind_of(v, "stmt", KINDS)?;
        let span = self.span(v, "stmt")?;
        let kind = match k.as_str() {
            "FunctionDef" => {
                let name = self.field(v, "name", &k)?;
                StmtKind::FunctionDef {
                    name: self.ident(&name)?,
                    args: Box::new(self.arguments_field(v, &k)?),
                    body: self.body(v, "body", &k)?,
                    decorator_list: self.exprs(v, "decorator_list", &k)?,
                    returns: self.opt_expr(v, "returns")?,
                }
            }
            "ClassDef" => {
                let name = self.field(v, "name", &k)?;
                let kws = self.list_field(v, "keywords", &k)?;
                StmtKind::ClassDef {
                    name: self.ident(&name)?,
                    bases: self.exprs(v, "bases", &k)?,
                    keywords: kws.iter().map(|x| self.keyword(x)).collect::<R<_, M>>()?,
                    body: self.body(v, "body", &k)?,
                    decorator_list: self.exprs(v, "decorator_list", &k)?,
                }
            }
            "Return" => StmtKind::Return { value: self.opt_expr(v, "value")? },
            "Delete" => StmtKind::Delete { targets: self.exprs(v, "targets", &k)? },
            "Assign" => {
                let targets = self.exprs(v, "targets", &k)?;
                if targets.is_empty() {
                    return Err(self.value_error("empty targets on Assign".into()));
                }
                StmtKind::Assign { targets, value: self.boxed(v, "value", &k)? }
            }
            "AugAssign" => {
                let op = self.field(v, "op", &k)?;
                StmtKind::AugAssign {
                    target: self.boxed(v, "target", &k)?,
                    op: self.operator(&op)?,
                    value: self.boxed(v, "value", &k)?,
                }
            }
            "AnnAssign" => StmtKind::AnnAssign {
                target: self.boxed(v, "target", &k)?,
                annotation: self.boxed(v, "annotation", &k)?,
                value: self.opt_expr(v, "value")?,
                simple: self.int_field(v, "simple", &k)? != 0,
            },
            "For" => StmtKind::For {
                target: self.boxed(v, "target", &k)?,
                iter: self.boxed(v, "iter", &k)?,
                body: self.body(v, "body", &k)?,
                orelse: self.body(v, "orelse", &k)?,
            },
            "While" => StmtKind::While {
                test: self.boxed(v, "test", &k)?,
                body: self.body(v, "body", &k)?,
                orelse: self.body(v, "orelse", &k)?,
            },
            "If" => StmtKind::If {
                test: self.boxed(v, "test", &k)?,
                body: self.body(v, "body", &k)?,
                orelse: self.body(v, "orelse", &k)?,
            },
            "With" => {
                let items = self.list_field(v, "items", &k)?;
                let mut out = Vec::new();
                for it in &items {
                    self.kind_of(it, "withitem", &["withitem"])?;
                    let ctx = self.field(it, "context_expr", "withitem")?;
                    out.push(WithItem {
                        context_expr: self.expr(&ctx)?,
                        optional_vars: self.opt_expr(it, "optional_vars")?,
                    });
                }
                if out.is_empty() {
                    return Err(self.value_error("empty items on With".into()));
                }
                StmtKind::With { items: out, body: self.body(v, "body", &k)? }
            }
            "Raise" => {
                StmtKind::Raise { exc: self.opt_expr(v, "exc")?, cause: self.opt_expr(v, "cause")? }
            }
            "Try" => {
                let hs = self.list_field(v, "handlers", &k)?;
                let mut handlers = Vec::new();
                for h in &hs {
                    self.kind_of(h, "excepthandler", &["ExceptHandler"])?;
                    handlers.push(ExceptHandler {
                        typ: self.opt_expr(h, "type")?,
                        name: self.opt_ident(h, "name")?,
                        body: self.body(h, "body", "ExceptHandler")?,
                        span: self.span(h, "excepthandler")?,
                    });
                }
                StmtKind::Try {
                    body: self.body(v, "body", &k)?,
                    handlers,
                    orelse: self.body(v, "orelse", &k)?,
                    finalbody: self.body(v, "finalbody", &k)?,
                }
            }
            "Assert" => {
                StmtKind::Assert { test: self.boxed(v, "test", &k)?, msg: self.opt_expr(v, "msg")? }
            }
            "Import" => StmtKind::Import { names: self.aliases(v, &k)? },
            "ImportFrom" => {
                let level = match self.opt(v, "level")? {
                    Some(Value::Int(i)) if i >= 0 => i as u32,
                    Some(_) => return Err(self.value_error("Negative ImportFrom level".into())),
                    None => 0,
                };
                StmtKind::ImportFrom {
                    module: self.opt_ident(v, "module")?,
                    names: self.aliases(v, &k)?,
                    level,
                }
            }
            "Global" | "Nonlocal" => {
                let items = self.list_field(v, "names", &k)?;
                let names = items.iter().map(|x| self.ident(x)).collect::<R<Vec<_>, M>>()?;
                if k == "Global" {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            "Expr" => StmtKind::Expr { value: self.boxed(v, "value", &k)? },
            "Pass" => StmtKind::Pass,
            "Break" => StmtKind::Break,
            _ => StmtKind::Continue,
        };
        Ok(Stmt::new(kind, span))
    }

    fn expr(&mut self, v: &Value<M>) -> R<Expr, M> {
        const KINDS: &[&str] = &[
            "BoolOp",
            "NamedExpr",
            "BinOp",
            "UnaryOp",
            "Lambda",
            "IfExp",
            "Dict",
            "Set",
            "ListComp",
            "SetComp",
            "DictComp",
            "GeneratorExp",
            "Await",
            "Yield",
            "YieldFrom",
            "Compare",
            "Call",
            "FormattedValue",
            "JoinedStr",
            "Constant",
            "Attribute",
            "Subscript",
            "Starred",
            "Name",
            "List",
            "Tuple",
            "Slice",
        ];
        let k = self.kind_of(v, "expr", KINDS)?;
        let span = self.span(v, "expr")?;
        let kind = match k.as_str() {
            "BoolOp" => {
                let op = self.field(v, "op", &k)?;
                let op = match self.vm.type_name(&op).as_str() {
                    "And" => BoolOperator::And,
                    "Or" => BoolOperator::Or,
                    _ => return Err(self.bad("boolop", &op)),
                };
                let values = self.exprs(v, "values", &k)?;
                if values.len() < 2 {
                    return Err(self.value_error("BoolOp with less than 2 values".into()));
                }
                ExprKind::BoolOp { op, values }
            }
            "NamedExpr" => ExprKind::NamedExpr {
                target: self.boxed(v, "target", &k)?,
                value: self.boxed(v, "value", &k)?,
            },
            "BinOp" => {
                let op = self.field(v, "op", &k)?;
                ExprKind::BinOp {
                    left: self.boxed(v, "left", &k)?,
                    op: self.operator(&op)?,
                    right: self.boxed(v, "right", &k)?,
                }
            }
            "UnaryOp" => {
                let op = self.field(v, "op", &k)?;
                let op = match self.vm.type_name(&op).as_str() {
                    "Invert" => UnaryOperator::Invert,
                    "Not" => UnaryOperator::Not,
                    "UAdd" => UnaryOperator::UAdd,
                    "USub" => UnaryOperator::USub,
                    _ => return Err(self.bad("unaryop", &op)),
                };
                ExprKind::UnaryOp { op, operand: self.boxed(v, "operand", &k)? }
            }
            "Lambda" => ExprKind::Lambda {
                args: Box::new(self.arguments_field(v, &k)?),
                body: self.boxed(v, "body", &k)?,
            },
            "IfExp" => ExprKind::IfExp {
                test: self.boxed(v, "test", &k)?,
                body: self.boxed(v, "body", &k)?,
                orelse: self.boxed(v, "orelse", &k)?,
            },
            "Dict" => {
                let ks = self.list_field(v, "keys", &k)?;
                let keys = ks
                    .iter()
                    .map(|x| if x.is_none() { Ok(None) } else { self.expr(x).map(Some) })
                    .collect::<R<Vec<_>, M>>()?;
                let values = self.exprs(v, "values", &k)?;
                if keys.len() != values.len() {
                    return Err(self.value_error(
                        "Dict doesn't have the same number of keys as values".into(),
                    ));
                }
                ExprKind::Dict { keys, values }
            }
            "Set" => ExprKind::Set { elts: self.exprs(v, "elts", &k)? },
            "ListComp" | "SetComp" | "GeneratorExp" => {
                let elt = self.boxed(v, "elt", &k)?;
                let generators = self.comprehensions(v, &k)?;
                match k.as_str() {
                    "ListComp" => ExprKind::ListComp { elt, generators },
                    "SetComp" => ExprKind::SetComp { elt, generators },
                    _ => ExprKind::GeneratorExp { elt, generators },
                }
            }
            "DictComp" => ExprKind::DictComp {
                key: self.boxed(v, "key", &k)?,
                value: self.boxed(v, "value", &k)?,
                generators: self.comprehensions(v, &k)?,
            },
            "Await" => ExprKind::Await { value: self.boxed(v, "value", &k)? },
            "Yield" => ExprKind::Yield { value: self.opt_expr(v, "value")? },
            "YieldFrom" => ExprKind::YieldFrom { value: self.boxed(v, "value", &k)? },
            "Compare" => {
                let os = self.list_field(v, "ops", &k)?;
                let ops = os.iter().map(|o| self.cmpop(o)).collect::<R<Vec<_>, M>>()?;
                let comparators = self.exprs(v, "comparators", &k)?;
                if ops.is_empty() {
                    return Err(self.value_error("Compare with no comparators".into()));
                }
                if ops.len() != comparators.len() {
                    return Err(self.value_error(
                        "Compare has a different number of comparators and operands".into(),
                    ));
                }
                ExprKind::Compare { left: self.boxed(v, "left", &k)?, ops, comparators }
            }
            "Call" => {
                let kws = self.list_field(v, "keywords", &k)?;
                ExprKind::Call {
                    func: self.boxed(v, "func", &k)?,
                    args: self.exprs(v, "args", &k)?,
                    keywords: kws.iter().map(|x| self.keyword(x)).collect::<R<_, M>>()?,
                }
            }
            "FormattedValue" => ExprKind::FormattedValue {
                value: self.boxed(v, "value", &k)?,
                conversion: self.int_field(v, "conversion", &k)? as i32,
                format_spec: self.opt_expr(v, "format_spec")?,
            },
            "JoinedStr" => ExprKind::JoinedStr { values: self.exprs(v, "values", &k)? },
            "Constant" => {
                let value = self.field(v, "value", &k)?;
                ExprKind::Constant { value: self.constant(&value)? }
            }
            "Attribute" => {
                let attr = self.field(v, "attr", &k)?;
                ExprKind::Attribute {
                    value: self.boxed(v, "value", &k)?,
                    attr: self.ident(&attr)?,
                    ctx: self.ctx(v, &k)?,
                }
            }
            "Subscript" => ExprKind::Subscript {
                value: self.boxed(v, "value", &k)?,
                slice: self.boxed(v, "slice", &k)?,
                ctx: self.ctx(v, &k)?,
            },
            "Starred" => {
                ExprKind::Starred { value: self.boxed(v, "value", &k)?, ctx: self.ctx(v, &k)? }
            }
            "Name" => {
                let id = self.field(v, "id", &k)?;
                ExprKind::Name { id: self.ident(&id)?, ctx: self.ctx(v, &k)? }
            }
            "List" => ExprKind::List { elts: self.exprs(v, "elts", &k)?, ctx: self.ctx(v, &k)? },
            "Tuple" => ExprKind::Tuple { elts: self.exprs(v, "elts", &k)?, ctx: self.ctx(v, &k)? },
            _ => ExprKind::Slice {
                lower: self.opt_expr(v, "lower")?,
                upper: self.opt_expr(v, "upper")?,
                step: self.opt_expr(v, "step")?,
            },
        };
        Ok(Expr::new(kind, span))
    }

    fn ctx(&mut self, node: &Value<M>, owner: &str) -> R<ExprContext, M> {
        let c = self.field(node, "ctx", owner)?;
        match self.vm.type_name(&c).as_str() {
            "Load" => Ok(ExprContext::Load),
            "Store" => Ok(ExprContext::Store),
            "Del" => Ok(ExprContext::Del),
            _ => Err(self.bad("expr_context", &c)),
        }
    }

    fn operator(&mut self, op: &Value<M>) -> R<Operator, M> {
        Ok(match self.vm.type_name(op).as_str() {
            "Add" => Operator::Add,
            "Sub" => Operator::Sub,
            "Mult" => Operator::Mult,
            "MatMult" => Operator::MatMult,
            "Div" => Operator::Div,
            "Mod" => Operator::Mod,
            "Pow" => Operator::Pow,
            "LShift" => Operator::LShift,
            "RShift" => Operator::RShift,
            "BitOr" => Operator::BitOr,
            "BitXor" => Operator::BitXor,
            "BitAnd" => Operator::BitAnd,
            "FloorDiv" => Operator::FloorDiv,
            _ => return Err(self.bad("operator", op)),
        })
    }

    fn cmpop(&mut self, op: &Value<M>) -> R<CmpOperator, M> {
        Ok(match self.vm.type_name(op).as_str() {
            "Eq" => CmpOperator::Eq,
            "NotEq" => CmpOperator::NotEq,
            "Lt" => CmpOperator::Lt,
            "LtE" => CmpOperator::LtE,
            "Gt" => CmpOperator::Gt,
            "GtE" => CmpOperator::GtE,
            "Is" => CmpOperator::Is,
            "IsNot" => CmpOperator::IsNot,
            "In" => CmpOperator::In,
            "NotIn" => CmpOperator::NotIn,
            _ => return Err(self.bad("cmpop", op)),
        })
    }

    fn constant(&mut self, v: &Value<M>) -> R<Constant, M> {
        Ok(match v {
            Value::None => Constant::None,
            Value::Bool(b) => Constant::Bool(*b),
            Value::Int(i) => Constant::Int(BigInt::from(*i)),
            Value::Float(f) => Constant::Float(*f),
            _ => match v.payload() {
                Some(Payload::BigInt(b)) => Constant::Int(b.clone()),
                Some(Payload::Str(s)) => Constant::Str(s.as_str().to_string()),
                Some(Payload::Bytes(b)) => Constant::Bytes(b.to_vec()),
                Some(Payload::Ellipsis) => Constant::Ellipsis,
                _ => {
                    let tn = self.vm.type_name(v);
                    return Err(self.type_error(format!("got an invalid type in Constant: {tn}")));
                }
            },
        })
    }

    fn comprehensions(&mut self, node: &Value<M>, owner: &str) -> R<Vec<Comprehension>, M> {
        let items = self.list_field(node, "generators", owner)?;
        if items.is_empty() {
            return Err(self.value_error("comprehension with no generators".to_string()));
        }
        let mut out = Vec::new();
        for g in &items {
            self.kind_of(g, "comprehension", &["comprehension"])?;
            let target = self.field(g, "target", "comprehension")?;
            let iter = self.field(g, "iter", "comprehension")?;
            out.push(Comprehension {
                target: self.expr(&target)?,
                iter: self.expr(&iter)?,
                ifs: self.exprs(g, "ifs", "comprehension")?,
                is_async: self.int_field(g, "is_async", "comprehension")? != 0,
            });
        }
        Ok(out)
    }

    fn keyword(&mut self, v: &Value<M>) -> R<Keyword, M> {
        self.kind_of(v, "keyword", &["keyword"])?;
        let value = self.field(v, "value", "keyword")?;
        Ok(Keyword {
            arg: self.opt_ident(v, "arg")?,
            value: self.expr(&value)?,
            span: self.span(v, "keyword")?,
        })
    }

    fn aliases(&mut self, node: &Value<M>, owner: &str) -> R<Vec<Alias>, M> {
        let items = self.list_field(node, "names", owner)?;
        let mut out = Vec::new();
        for a in &items {
            self.kind_of(a, "alias", &["alias"])?;
            let name = self.field(a, "name", "alias")?;
            out.push(Alias {
                name: self.ident(&name)?,
                asname: self.opt_ident(a, "asname")?,
                span: self.span(a, "alias")?,
            });
        }
        Ok(out)
    }

    fn arg(&mut self, v: &Value<M>) -> R<Arg, M> {
        self.kind_of(v, "arg", &["arg"])?;
        let name = self.field(v, "arg", "arg")?;
        Ok(Arg {
            arg: self.ident(&name)?,
            annotation: self.opt_expr(v, "annotation")?,
            span: self.span(v, "arg")?,
        })
    }

    fn args(&mut self, node: &Value<M>, field: &str) -> R<Vec<Arg>, M> {
        let items = self.list_field(node, field, "arguments")?;
        items.iter().map(|x| self.arg(x)).collect()
    }

    fn arguments_field(&mut self, node: &Value<M>, owner: &str) -> R<Arguments, M> {
        let a = self.field(node, "args", owner)?;
        self.kind_of(&a, "arguments", &["arguments"])?;
        let vararg = match self.opt(&a, "vararg")? {
            Some(x) => Some(self.arg(&x)?),
            None => None,
        };
        let kwarg = match self.opt(&a, "kwarg")? {
            Some(x) => Some(self.arg(&x)?),
            None => None,
        };
        let kd = self.list_field(&a, "kw_defaults", "arguments")?;
        let kw_defaults = kd
            .iter()
            .map(|x| if x.is_none() { Ok(None) } else { self.expr(x).map(Some) })
            .collect::<R<Vec<_>, M>>()?;
        let out = Arguments {
            posonlyargs: self.args(&a, "posonlyargs")?,
            args: self.args(&a, "args")?,
            vararg,
            kwonlyargs: self.args(&a, "kwonlyargs")?,
            kw_defaults,
            kwarg,
            defaults: self.exprs(&a, "defaults", "arguments")?,
        };
        if out.defaults.len() > out.posonlyargs.len() + out.args.len() {
            return Err(self.value_error("more positional defaults than args on arguments".into()));
        }
        if out.kw_defaults.len() != out.kwonlyargs.len() {
            return Err(self.value_error(
                "length of kwonlyargs is not the same as kw_defaults on arguments".into(),
            ));
        }
        Ok(out)
    }
}
