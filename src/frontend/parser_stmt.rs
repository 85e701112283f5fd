//! Statement parsing: simple statements, compound statements and indented blocks.

use super::ast::{
    Alias, ExceptHandler, Expr, ExprContext, ExprKind, Operator, Stmt, StmtKind, WithItem,
};
use super::error::SyntaxErrorKind;
use super::parser::{PResult, Parser};
use super::parser_check::{
    check_annotation_target, check_augassign_target, is_bitwise_or_level, set_assign_target,
    set_context, starts_with_bitwise_or, TargetMode,
};
use super::token::{Pos, TokenKind};

fn augmented_operator(op: &str) -> Option<Operator> {
    Some(match op {
        "+=" => Operator::Add,
        "-=" => Operator::Sub,
        "*=" => Operator::Mult,
        "@=" => Operator::MatMult,
        "/=" => Operator::Div,
        "%=" => Operator::Mod,
        "&=" => Operator::BitAnd,
        "|=" => Operator::BitOr,
        "^=" => Operator::BitXor,
        "<<=" => Operator::LShift,
        ">>=" => Operator::RShift,
        "**=" => Operator::Pow,
        "//=" => Operator::FloorDiv,
        _ => return None,
    })
}

/// End position of the last statement of a block.
fn block_end(body: &[Stmt]) -> Option<Pos> {
    body.last().map(|s| Pos { line: s.span.end_lineno, col: s.span.end_col_offset })
}

impl<'a> Parser<'a> {
    /// One logical statement; simple statements separated by `;` come back together.
    pub(crate) fn parse_statement(&mut self) -> PResult<Vec<Stmt>> {
        let t = self.tok().clone();
        match t.kind {
            TokenKind::Indent => Err(self.invalid_syntax()),
            TokenKind::Name => match t.text.as_str() {
                "def" => Ok(vec![self.parse_function_def(Vec::new())?]),
                "class" => Ok(vec![self.parse_class_def(Vec::new())?]),
                "if" => Ok(vec![self.parse_if()?]),
                "while" => Ok(vec![self.parse_while()?]),
                "for" => Ok(vec![self.parse_for()?]),
                "try" => Ok(vec![self.parse_try()?]),
                "with" => Ok(vec![self.parse_with()?]),
                _ => self.parse_simple_statements(),
            },
            TokenKind::Op if t.text == "@" => Ok(vec![self.parse_decorated()?]),
            _ => self.parse_simple_statements(),
        }
    }

    /// The body after a compound statement's `:`: an indented block or simple statements on the same line.
    fn parse_block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if !self.at_kind(TokenKind::Newline) {
            if self.at_kind(TokenKind::EndMarker) {
                return Err(self.invalid_syntax());
            }
            return self.parse_simple_statements();
        }
        self.advance();
        if !self.at_kind(TokenKind::Indent) {
            let (start, end) = (self.tok().start, self.tok().end);
            return Err(self.error_kind_range(
                SyntaxErrorKind::IndentationError,
                format!("expected an indented block after {what} on line {line}"),
                start,
                end,
            ));
        }
        self.advance();
        self.enter()?;
        let mut body = Vec::new();
        while !self.at_kind(TokenKind::Dedent) && !self.at_kind(TokenKind::EndMarker) {
            if self.at_kind(TokenKind::Newline) {
                self.advance();
                continue;
            }
            let saved_chain = self.chain;
            body.extend(self.parse_statement()?);
            self.chain = saved_chain;
        }
        self.eat_dedent();
        self.leave();
        Ok(body)
    }

    fn eat_dedent(&mut self) {
        if self.at_kind(TokenKind::Dedent) {
            self.advance();
        }
    }

    /// `simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    fn parse_simple_statements(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = Vec::new();
        loop {
            stmts.push(self.parse_simple_statement()?);
            if self.eat_op(";") {
                if self.at_kind(TokenKind::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if self.at_kind(TokenKind::Newline) {
            self.advance();
            return Ok(stmts);
        }
        if self.at_kind(TokenKind::EndMarker) {
            return Ok(stmts);
        }
        if let Some(Stmt { kind: StmtKind::Expr { value }, span }) = stmts.last() {
            if let ExprKind::Name { id, .. } = &value.kind {
                if (id == "print" || id == "exec") && self.at_expression_start() {
                    let save = self.pos;
                    let next = self.parse_expression();
                    self.pos = save;
                    if let Ok(next) = next {
                        let start = Pos { line: span.lineno, col: span.col_offset };
                        let end = Pos { line: next.span.end_lineno, col: next.span.end_col_offset };
                        return Err(self.error_range(
                            format!(
                                "Missing parentheses in call to '{id}'. Did you mean {id}(...)?"
                            ),
                            start,
                            end,
                        ));
                    }
                }
            }
        }
        Err(self.invalid_syntax())
    }

    fn parse_simple_statement(&mut self) -> PResult<Stmt> {
        let t = self.tok().clone();
        let start = t.start;
        if t.kind == TokenKind::Name {
            let simple = match t.text.as_str() {
                "pass" => Some(StmtKind::Pass),
                "break" => Some(StmtKind::Break),
                "continue" => Some(StmtKind::Continue),
                _ => None,
            };
            if let Some(kind) = simple {
                self.advance();
                return Ok(Stmt::new(kind, self.span(t.start, t.end)));
            }
            match t.text.as_str() {
                "return" => {
                    self.advance();
                    let value = if self.at_expression_start() {
                        Some(Box::new(self.parse_star_expressions()?))
                    } else {
                        None
                    };
                    return Ok(Stmt::new(StmtKind::Return { value }, self.span_from(start)));
                }
                "raise" => {
                    self.advance();
                    let mut exc = None;
                    let mut cause = None;
                    if self.at_expression_start() {
                        exc = Some(Box::new(self.parse_expression()?));
                        if self.eat_kw("from") {
                            cause = Some(Box::new(self.parse_expression()?));
                        }
                    }
                    return Ok(Stmt::new(StmtKind::Raise { exc, cause }, self.span_from(start)));
                }
                "global" | "nonlocal" => {
                    self.advance();
                    let mut names = vec![self.expect_identifier()?.text];
                    while self.eat_op(",") {
                        names.push(self.expect_identifier()?.text);
                    }
                    let kind = if t.text == "global" {
                        StmtKind::Global { names }
                    } else {
                        StmtKind::Nonlocal { names }
                    };
                    return Ok(Stmt::new(kind, self.span_from(start)));
                }
                "del" => return self.parse_del(),
                "assert" => {
                    self.advance();
                    let test = Box::new(self.parse_expression()?);
                    let msg = if self.eat_op(",") {
                        Some(Box::new(self.parse_expression()?))
                    } else {
                        None
                    };
                    return Ok(Stmt::new(StmtKind::Assert { test, msg }, self.span_from(start)));
                }
                "import" => return self.parse_import(),
                "from" => return self.parse_from_import(),
                _ => {}
            }
        }
        self.parse_expression_statement()
    }

    fn parse_yield_or_star_expressions(&mut self) -> PResult<Expr> {
        if self.at_kw("yield") {
            self.parse_yield()
        } else {
            self.parse_star_expressions()
        }
    }

    /// Expression statements and all forms of assignment.
    fn parse_expression_statement(&mut self) -> PResult<Stmt> {
        let start = self.tok().start;
        let starts_with_paren = self.at_op("(");
        let mut first = self.parse_yield_or_star_expressions()?;
        if self.at_op("=") {
            let mut exprs = vec![first];
            let mut parenthesized = vec![starts_with_paren];
            while self.eat_op("=") {
                parenthesized.push(self.at_op("("));
                exprs.push(self.parse_yield_or_star_expressions()?);
            }
            let value = exprs.pop().map(Box::new).ok_or_else(|| self.invalid_syntax())?;
            let maybe_comparison = exprs.len() == 1 && starts_with_bitwise_or(&value);
            let first_is_name =
                matches!(exprs.first().map(|e| &e.kind), Some(ExprKind::Name { .. }));
            let second_not_bitwise_or =
                exprs.get(1).map(|e| !is_bitwise_or_level(e)).unwrap_or(false);
            let first_span = exprs.first().map(|e| e.span);
            for (i, target) in exprs.iter_mut().enumerate() {
                let result = set_assign_target(
                    self,
                    target,
                    i == 0,
                    parenthesized.get(i).copied().unwrap_or(false),
                    maybe_comparison,
                );
                if let Err(err) = result {
                    if let (true, true, Some(span)) =
                        (first_is_name, second_not_bitwise_or, first_span)
                    {
                        return Err(self.error_span(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            span,
                        ));
                    }
                    return Err(err);
                }
            }
            return Ok(Stmt::new(
                StmtKind::Assign { targets: exprs, value },
                self.span_from(start),
            ));
        }
        if self.at_op(":") {
            let is_single_target = matches!(
                first.kind,
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            );
            if !is_single_target {
                // CPython: "illegal target for annotation" only if an annotation follows.
                let colon = self.pos;
                self.advance();
                let annotation = self.parse_expression();
                self.pos = colon;
                if annotation.is_err() {
                    return Err(self.invalid_syntax());
                }
            }
            check_annotation_target(self, &mut first)?;
            self.advance();
            let simple = !starts_with_paren && matches!(first.kind, ExprKind::Name { .. });
            let annotation = Box::new(self.parse_expression()?);
            let value = if self.eat_op("=") {
                Some(Box::new(self.parse_yield_or_star_expressions()?))
            } else {
                None
            };
            return Ok(Stmt::new(
                StmtKind::AnnAssign { target: Box::new(first), annotation, value, simple },
                self.span_from(start),
            ));
        }
        if self.at_kind(TokenKind::Op) {
            if let Some(op) = augmented_operator(&self.tok().text) {
                check_augassign_target(self, &mut first)?;
                self.advance();
                let value = Box::new(self.parse_yield_or_star_expressions()?);
                return Ok(Stmt::new(
                    StmtKind::AugAssign { target: Box::new(first), op, value },
                    self.span_from(start),
                ));
            }
        }
        Ok(Stmt::new(StmtKind::Expr { value: Box::new(first) }, self.span_from(start)))
    }

    fn parse_del(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let mut targets = Vec::new();
        loop {
            if !self.at_expression_start() {
                if targets.is_empty() {
                    return Err(self.invalid_syntax());
                }
                break;
            }
            let mut target = self.parse_bitwise_or()?;
            set_context(self, &mut target, ExprContext::Del, TargetMode::Plain)?;
            targets.push(target);
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(Stmt::new(StmtKind::Delete { targets }, self.span_from(start)))
    }

    /// `dotted_name: NAME ('.' NAME)*`
    fn parse_dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_identifier()?.text;
        while self.at_op(".") {
            self.advance();
            name.push('.');
            name.push_str(&self.expect_identifier()?.text);
        }
        Ok(name)
    }

    fn parse_import(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let mut names = Vec::new();
        loop {
            let alias_start = self.tok().start;
            let name = self.parse_dotted_name()?;
            let asname =
                if self.eat_kw("as") { Some(self.expect_identifier()?.text) } else { None };
            names.push(Alias { name, asname, span: self.span_from(alias_start) });
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(Stmt::new(StmtKind::Import { names }, self.span_from(start)))
    }

    fn parse_from_import(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let mut level = 0;
        loop {
            if self.eat_op(".") {
                level += 1;
            } else if self.eat_op("...") {
                level += 3;
            } else {
                break;
            }
        }
        let module =
            if self.at_kw("import") && level > 0 { None } else { Some(self.parse_dotted_name()?) };
        if !self.eat_kw("import") {
            return Err(self.invalid_syntax());
        }
        let mut names = Vec::new();
        if self.at_op("*") {
            let star = self.advance();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                span: self.span(star.start, star.end),
            });
        } else {
            let parenthesized = self.eat_op("(");
            loop {
                let alias_start = self.tok().start;
                let name = self.expect_identifier()?.text;
                let asname =
                    if self.eat_kw("as") { Some(self.expect_identifier()?.text) } else { None };
                names.push(Alias { name, asname, span: self.span_from(alias_start) });
                if !self.eat_op(",") {
                    break;
                }
                if parenthesized && self.at_op(")") {
                    break;
                }
                if !parenthesized && !self.at_identifier() {
                    let end = self.prev_end();
                    return Err(self.error_range(
                        "trailing comma not allowed without surrounding parentheses",
                        end,
                        end,
                    ));
                }
            }
            if parenthesized {
                self.expect_closing(")")?;
            }
        }
        Ok(Stmt::new(StmtKind::ImportFrom { module, names, level }, self.span_from(start)))
    }

    fn parse_decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.parse_named_expression()?);
            if !self.at_kind(TokenKind::Newline) {
                return Err(self.invalid_syntax());
            }
            self.advance();
        }
        if self.at_kw("def") {
            self.parse_function_def(decorators)
        } else if self.at_kw("class") {
            self.parse_class_def(decorators)
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn parse_function_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.advance().start;
        let name = self.expect_identifier()?.text;
        if !self.at_op("(") {
            let t = self.tok();
            return Err(self.error_range("expected '('", t.start, t.end));
        }
        self.advance();
        let args = Box::new(self.parse_parameters(")", true)?);
        self.expect_closing(")")?;
        let returns =
            if self.eat_op("->") { Some(Box::new(self.parse_expression()?)) } else { None };
        self.expect_forced_colon()?;
        let body = self.parse_block("function definition", start.line)?;
        let end = block_end(&body).unwrap_or(self.prev_end());
        Ok(Stmt::new(
            StmtKind::FunctionDef { name, args, body, decorator_list, returns },
            self.span(start, end),
        ))
    }

    fn parse_class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.advance().start;
        let name = self.expect_identifier()?.text;
        let (bases, keywords) =
            if self.at_op("(") { self.parse_arguments(false)? } else { (Vec::new(), Vec::new()) };
        self.expect_op(":")?;
        let body = self.parse_block("class definition", start.line)?;
        let end = block_end(&body).unwrap_or(self.prev_end());
        Ok(Stmt::new(
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list },
            self.span(start, end),
        ))
    }

    /// `'else' ':' block`, if present.
    fn parse_else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at_kw("else") {
            return Ok(Vec::new());
        }
        let line = self.advance().start.line;
        self.expect_forced_colon()?;
        self.parse_block("'else' statement", line)
    }

    /// `if` with its `elif` chain, built without recursion.
    fn parse_if(&mut self) -> PResult<Stmt> {
        let mut clauses: Vec<(Pos, Expr, Vec<Stmt>)> = Vec::new();
        let mut keyword = "if";
        let saved_chain = self.chain;
        loop {
            let start = self.advance().start;
            let test = self.parse_named_expression()?;
            self.expect_op(":")?;
            let body = self.parse_block(&format!("'{keyword}' statement"), start.line)?;
            clauses.push((start, test, body));
            if self.at_kw("elif") {
                keyword = "elif";
                // Each `elif` nests one If deeper in the tree.
                self.chain = saved_chain + clauses.len() as u32;
                self.bump_chain()?;
                continue;
            }
            break;
        }
        self.chain = saved_chain + clauses.len() as u32;
        let mut orelse = self.parse_else_block()?;
        self.chain = saved_chain;
        let mut end = block_end(&orelse);
        let mut result = None;
        while let Some((start, test, body)) = clauses.pop() {
            let stmt_end = end.or(block_end(&body)).unwrap_or(start);
            let stmt = Stmt::new(
                StmtKind::If { test: Box::new(test), body, orelse },
                self.span(start, stmt_end),
            );
            end = Some(stmt_end);
            orelse = Vec::new();
            if clauses.is_empty() {
                result = Some(stmt);
                break;
            }
            orelse.push(stmt);
        }
        result.ok_or_else(|| self.invalid_syntax())
    }

    fn parse_while(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let test = Box::new(self.parse_named_expression()?);
        self.expect_op(":")?;
        let body = self.parse_block("'while' statement", start.line)?;
        let orelse = self.parse_else_block()?;
        let end = block_end(&orelse).or(block_end(&body)).unwrap_or(start);
        Ok(Stmt::new(StmtKind::While { test, body, orelse }, self.span(start, end)))
    }

    fn parse_for(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let mut target = self.parse_target_list(&["in"])?;
        set_context(self, &mut target, ExprContext::Store, TargetMode::Plain)?;
        if !self.eat_kw("in") {
            return Err(self.invalid_syntax());
        }
        let iter = Box::new(self.parse_star_expressions()?);
        self.expect_op(":")?;
        let body = self.parse_block("'for' statement", start.line)?;
        let orelse = self.parse_else_block()?;
        let end = block_end(&orelse).or(block_end(&body)).unwrap_or(start);
        Ok(Stmt::new(
            StmtKind::For { target: Box::new(target), iter, body, orelse },
            self.span(start, end),
        ))
    }

    fn parse_try(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        self.expect_forced_colon()?;
        let body = self.parse_block("'try' statement", start.line)?;
        let mut handlers = Vec::new();
        while self.at_kw("except") {
            let handler_start = self.advance().start;
            if self.at_op("*") {
                return Err(self.invalid_syntax());
            }
            let mut typ = None;
            let mut name = None;
            if !self.at_op(":") {
                let t = self.parse_expression()?;
                if self.at_op(",") {
                    let save = self.pos;
                    self.advance();
                    let mut end = Pos { line: t.span.end_lineno, col: t.span.end_col_offset };
                    while let Ok(next) = self.parse_expression() {
                        end = Pos { line: next.span.end_lineno, col: next.span.end_col_offset };
                        if !self.eat_op(",") {
                            break;
                        }
                    }
                    self.pos = save;
                    let t_start = Pos { line: t.span.lineno, col: t.span.col_offset };
                    return Err(self.error_range(
                        "multiple exception types must be parenthesized",
                        t_start,
                        end,
                    ));
                }
                typ = Some(Box::new(t));
                if self.eat_kw("as") {
                    name = Some(self.expect_identifier()?.text);
                }
            }
            self.expect_op(":")?;
            let handler_body = self.parse_block("'except' statement", handler_start.line)?;
            let end = block_end(&handler_body).unwrap_or(handler_start);
            handlers.push(ExceptHandler {
                typ,
                name,
                body: handler_body,
                span: self.span(handler_start, end),
            });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.parse_else_block()? };
        let mut finalbody = Vec::new();
        if self.at_kw("finally") {
            let line = self.advance().start.line;
            self.expect_forced_colon()?;
            finalbody = self.parse_block("'finally' statement", line)?;
        }
        if handlers.is_empty() && finalbody.is_empty() {
            let t = self.tok();
            return Err(self.error_range("expected 'except' or 'finally' block", t.start, t.end));
        }
        let end = block_end(&finalbody)
            .or(block_end(&orelse))
            .or(handlers
                .last()
                .map(|h| Pos { line: h.span.end_lineno, col: h.span.end_col_offset }))
            .unwrap_or(start);
        Ok(Stmt::new(StmtKind::Try { body, handlers, orelse, finalbody }, self.span(start, end)))
    }

    fn parse_with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.parse_expression()?;
        let optional_vars = if self.eat_kw("as") {
            let mut target = self.parse_bitwise_or()?;
            set_context(self, &mut target, ExprContext::Store, TargetMode::Plain)?;
            Some(Box::new(target))
        } else {
            None
        };
        Ok(WithItem { context_expr, optional_vars })
    }

    /// `'(' with_item (',' with_item)* [','] ')' ':'`, tried before the unparenthesized form.
    fn try_parenthesized_with_items(&mut self) -> Option<Vec<WithItem>> {
        let save = self.pos;
        let saved_chain = self.chain;
        let saved_depth = self.depth;
        let attempt = (|| -> PResult<Vec<WithItem>> {
            self.expect_op("(")?;
            let mut items = Vec::new();
            loop {
                if self.at_op(")") && !items.is_empty() {
                    break;
                }
                items.push(self.parse_with_item()?);
                if !self.eat_op(",") {
                    break;
                }
            }
            self.expect_op(")")?;
            if !self.at_op(":") {
                return Err(self.invalid_syntax());
            }
            Ok(items)
        })();
        match attempt {
            Ok(items) => Some(items),
            Err(_) => {
                self.pos = save;
                self.chain = saved_chain;
                self.depth = saved_depth;
                None
            }
        }
    }

    fn parse_with(&mut self) -> PResult<Stmt> {
        let start = self.advance().start;
        let items = match if self.at_op("(") { self.try_parenthesized_with_items() } else { None } {
            Some(items) => items,
            None => {
                let mut items = vec![self.parse_with_item()?];
                while self.eat_op(",") {
                    items.push(self.parse_with_item()?);
                }
                items
            }
        };
        self.expect_op(":")?;
        let body = self.parse_block("'with' statement", start.line)?;
        let end = block_end(&body).unwrap_or(start);
        Ok(Stmt::new(StmtKind::With { items, body }, self.span(start, end)))
    }
}
