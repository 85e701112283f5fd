//! Expression parsing: precedence levels from lambda/conditional down to primaries and atoms.

use super::ast::{
    BoolOperator, CmpOperator, Comprehension, Constant, Expr, ExprContext, ExprKind, Keyword,
    Operator, UnaryOperator,
};
use super::parser::{PResult, Parser};
use super::parser_check::{expr_name, set_context, TargetMode};
use super::token::{is_keyword, Pos, TokenKind};

/// Binary operators of the levels below comparisons, with their binding power.
fn binary_operator(op: &str) -> Option<(Operator, u8)> {
    Some(match op {
        "|" => (Operator::BitOr, 1),
        "^" => (Operator::BitXor, 2),
        "&" => (Operator::BitAnd, 3),
        "<<" => (Operator::LShift, 4),
        ">>" => (Operator::RShift, 4),
        "+" => (Operator::Add, 5),
        "-" => (Operator::Sub, 5),
        "*" => (Operator::Mult, 6),
        "/" => (Operator::Div, 6),
        "//" => (Operator::FloorDiv, 6),
        "%" => (Operator::Mod, 6),
        "@" => (Operator::MatMult, 6),
        _ => return None,
    })
}

fn start_of(e: &Expr) -> Pos {
    Pos { line: e.span.lineno, col: e.span.col_offset }
}

fn end_of(e: &Expr) -> Pos {
    Pos { line: e.span.end_lineno, col: e.span.end_col_offset }
}

impl<'a> Parser<'a> {
    /// True if the current token can begin an expression.
    pub(crate) fn at_expression_start(&self) -> bool {
        let t = self.tok();
        match t.kind {
            TokenKind::Name => {
                !is_keyword(&t.text)
                    || matches!(
                        t.text.as_str(),
                        "None" | "True" | "False" | "not" | "lambda" | "await"
                    )
            }
            TokenKind::Number | TokenKind::String => true,
            TokenKind::Op => {
                matches!(t.text.as_str(), "(" | "[" | "{" | "-" | "+" | "~" | "..." | "*")
            }
            _ => false,
        }
    }

    /// `star_expressions`: one or more (possibly starred) expressions; a tuple if there are commas.
    pub(crate) fn parse_star_expressions(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let first = self.parse_star_expression()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !self.at_expression_start() {
                break;
            }
            elts.push(self.parse_star_expression()?);
        }
        Ok(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.span_from(start)))
    }

    /// `star_expression: '*' bitwise_or | expression`
    pub(crate) fn parse_star_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            return self.parse_starred();
        }
        self.parse_expression()
    }

    fn parse_starred(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        self.enter()?;
        let value = self.parse_bitwise_or()?;
        self.leave();
        Ok(Expr::new(
            ExprKind::Starred { value: Box::new(value), ctx: ExprContext::Load },
            self.span_from(start),
        ))
    }

    /// `star_named_expression: '*' bitwise_or | named_expression`
    pub(crate) fn parse_star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            return self.parse_starred();
        }
        self.parse_named_expression()
    }

    /// `named_expression: NAME ':=' expression | expression`
    pub(crate) fn parse_named_expression(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        if self.at_identifier() && self.peek_tok(1).is_op(":=") {
            let name = self.advance();
            self.advance();
            let target = Expr::new(
                ExprKind::Name { id: name.text.clone(), ctx: ExprContext::Store },
                self.span(name.start, name.end),
            );
            self.enter()?;
            let value = self.parse_expression()?;
            self.leave();
            return Ok(Expr::new(
                ExprKind::NamedExpr { target: Box::new(target), value: Box::new(value) },
                self.span_from(start),
            ));
        }
        let e = self.parse_expression()?;
        if self.at_op(":=") {
            return Err(self.error_span(
                format!("cannot use assignment expressions with {}", expr_name(&e)),
                e.span,
            ));
        }
        Ok(e)
    }

    /// `expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef`
    pub(crate) fn parse_expression(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.parse_lambda();
        }
        let start = self.tok().start;
        let body = self.parse_disjunction()?;
        if !self.at_kw("if") {
            return Ok(body);
        }
        self.advance();
        let test = self.parse_disjunction()?;
        if !self.eat_kw("else") {
            if self.at_op(":") {
                return Err(self.invalid_syntax());
            }
            return Err(self.error_range(
                "expected 'else' after 'if' expression",
                start,
                self.prev_end(),
            ));
        }
        self.enter()?;
        let orelse = self.parse_expression()?;
        self.leave();
        Ok(Expr::new(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            self.span_from(start),
        ))
    }

    fn parse_lambda(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        self.enter()?;
        let args = self.parse_parameters(":", false)?;
        if !self.eat_op(":") {
            return Err(self.invalid_syntax());
        }
        let body = self.parse_expression()?;
        self.leave();
        Ok(Expr::new(
            ExprKind::Lambda { args: Box::new(args), body: Box::new(body) },
            self.span_from(start),
        ))
    }

    fn parse_disjunction(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let first = self.parse_conjunction()?;
        if !self.at_kw("or") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("or") {
            values.push(self.parse_conjunction()?);
        }
        Ok(Expr::new(ExprKind::BoolOp { op: BoolOperator::Or, values }, self.span_from(start)))
    }

    fn parse_conjunction(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let first = self.parse_inversion()?;
        if !self.at_kw("and") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("and") {
            values.push(self.parse_inversion()?);
        }
        Ok(Expr::new(ExprKind::BoolOp { op: BoolOperator::And, values }, self.span_from(start)))
    }

    fn parse_inversion(&mut self) -> PResult<Expr> {
        if self.at_kw("not") {
            let start = self.advance().start;
            self.enter()?;
            let operand = self.parse_inversion()?;
            self.leave();
            return Ok(Expr::new(
                ExprKind::UnaryOp { op: UnaryOperator::Not, operand: Box::new(operand) },
                self.span_from(start),
            ));
        }
        self.parse_comparison()
    }

    fn comparison_operator(&self) -> Option<(CmpOperator, usize)> {
        let t = self.tok();
        if t.kind == TokenKind::Op {
            let op = match t.text.as_str() {
                "==" => CmpOperator::Eq,
                "!=" => CmpOperator::NotEq,
                "<" => CmpOperator::Lt,
                "<=" => CmpOperator::LtE,
                ">" => CmpOperator::Gt,
                ">=" => CmpOperator::GtE,
                _ => return None,
            };
            return Some((op, 1));
        }
        if t.is_name("in") {
            return Some((CmpOperator::In, 1));
        }
        if t.is_name("not") && self.peek_tok(1).is_name("in") {
            return Some((CmpOperator::NotIn, 2));
        }
        if t.is_name("is") {
            if self.peek_tok(1).is_name("not") {
                return Some((CmpOperator::IsNot, 2));
            }
            return Some((CmpOperator::Is, 1));
        }
        None
    }

    fn parse_comparison(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let left = self.parse_bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, ntokens)) = self.comparison_operator() {
            for _ in 0..ntokens {
                self.advance();
            }
            ops.push(op);
            comparators.push(self.parse_bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(Expr::new(
            ExprKind::Compare { left: Box::new(left), ops, comparators },
            self.span_from(start),
        ))
    }

    /// `bitwise_or` and every binary level below it, by precedence climbing.
    pub(crate) fn parse_bitwise_or(&mut self) -> PResult<Expr> {
        self.parse_binary(1)
    }

    fn parse_binary(&mut self, min_power: u8) -> PResult<Expr> {
        let start = self.tok().start;
        let mut left = self.parse_factor()?;
        loop {
            let t = self.tok();
            if t.kind != TokenKind::Op {
                break;
            }
            let Some((op, power)) = binary_operator(&t.text) else { break };
            if power < min_power {
                break;
            }
            self.advance();
            self.bump_chain()?;
            let right = self.parse_binary(power + 1)?;
            left = Expr::new(
                ExprKind::BinOp { left: Box::new(left), op, right: Box::new(right) },
                self.span_from(start),
            );
        }
        Ok(left)
    }

    /// `factor: ('+' | '-' | '~') factor | power`
    fn parse_factor(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let op = if t.is_op("+") {
            UnaryOperator::UAdd
        } else if t.is_op("-") {
            UnaryOperator::USub
        } else if t.is_op("~") {
            UnaryOperator::Invert
        } else {
            return self.parse_power();
        };
        let start = self.advance().start;
        self.enter()?;
        let operand = self.parse_factor()?;
        self.leave();
        Ok(Expr::new(ExprKind::UnaryOp { op, operand: Box::new(operand) }, self.span_from(start)))
    }

    /// `power: await_primary '**' factor | await_primary`
    fn parse_power(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let base = if self.at_kw("await") {
            self.advance();
            self.enter()?;
            let value = self.parse_primary()?;
            self.leave();
            Expr::new(ExprKind::Await { value: Box::new(value) }, self.span_from(start))
        } else {
            self.parse_primary()?
        };
        if !self.eat_op("**") {
            return Ok(base);
        }
        self.enter()?;
        let exponent = self.parse_factor()?;
        self.leave();
        Ok(Expr::new(
            ExprKind::BinOp { left: Box::new(base), op: Operator::Pow, right: Box::new(exponent) },
            self.span_from(start),
        ))
    }

    /// `primary: atom ('.' NAME | '(' arguments ')' | '[' slices ']')*`
    pub(crate) fn parse_primary(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let mut e = self.parse_atom()?;
        loop {
            if self.at_op(".") {
                self.advance();
                let name = self.expect_identifier()?;
                self.bump_chain()?;
                e = Expr::new(
                    ExprKind::Attribute {
                        value: Box::new(e),
                        attr: name.text,
                        ctx: ExprContext::Load,
                    },
                    self.span_from(start),
                );
            } else if self.at_op("(") {
                self.bump_chain()?;
                let (args, keywords) = self.parse_call_arguments()?;
                e = Expr::new(
                    ExprKind::Call { func: Box::new(e), args, keywords },
                    self.span_from(start),
                );
            } else if self.at_op("[") {
                self.advance();
                self.bump_chain()?;
                self.enter()?;
                let slice = self.parse_slices()?;
                self.leave();
                if !self.at_op("]") {
                    self.missing_comma_error(&slice)?;
                }
                self.expect_closing("]")?;
                e = Expr::new(
                    ExprKind::Subscript {
                        value: Box::new(e),
                        slice: Box::new(slice),
                        ctx: ExprContext::Load,
                    },
                    self.span_from(start),
                );
            } else {
                return Ok(e);
            }
        }
    }

    /// Consume a closing bracket; if instead an expression follows, suggest a missing comma.
    pub(crate) fn expect_closing(&mut self, close: &str) -> PResult<()> {
        if self.eat_op(close) {
            return Ok(());
        }
        Err(self.invalid_syntax())
    }

    /// Error for two expressions in a row inside brackets: "Perhaps you forgot a comma?".
    pub(crate) fn missing_comma_error(&mut self, previous: &Expr) -> PResult<()> {
        if !self.at_expression_start() || self.at_op("*") {
            return Err(self.invalid_syntax());
        }
        if let ExprKind::Name { id, .. } = &previous.kind {
            if id == "print" || id == "exec" {
                return Err(self.invalid_syntax());
            }
        }
        let save = self.pos;
        let saved_chain = self.chain;
        let mut next = self.parse_expression();
        if next.is_err() {
            // Like CPython's ordered choice: a failed conditional falls back to its disjunction.
            self.pos = save;
            next = self.parse_disjunction();
        }
        self.pos = save;
        self.chain = saved_chain;
        let previous = match &previous.kind {
            ExprKind::Starred { value, .. } | ExprKind::NamedExpr { value, .. } => value.as_ref(),
            _ => previous,
        };
        match next {
            Ok(next) => Err(self.error_range(
                "invalid syntax. Perhaps you forgot a comma?",
                start_of(previous),
                end_of(&next),
            )),
            Err(_) => Err(self.invalid_syntax()),
        }
    }

    /// `slices: slice | (slice | starred_expression) (',' ...)* [',']`
    fn parse_slices(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        let first = self.parse_slice()?;
        if !self.at_op(",") {
            if let ExprKind::Starred { .. } = first.kind {
                return Ok(Expr::new(
                    ExprKind::Tuple { elts: vec![first], ctx: ExprContext::Load },
                    self.span_from(start),
                ));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            elts.push(self.parse_slice()?);
        }
        Ok(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.span_from(start)))
    }

    fn parse_slice(&mut self) -> PResult<Expr> {
        let start = self.tok().start;
        if self.at_op("*") {
            return self.parse_starred();
        }
        let lower = if self.at_op(":") { None } else { Some(self.parse_named_expression()?) };
        if !self.at_op(":") {
            return match lower {
                Some(e) => Ok(e),
                None => Err(self.invalid_syntax()),
            };
        }
        if let Some(l) = &lower {
            if matches!(l.kind, ExprKind::NamedExpr { .. }) {
                return Err(self.invalid_syntax());
            }
        }
        self.advance();
        let bound_follows = |p: &Self| !(p.at_op(":") || p.at_op(",") || p.at_op("]"));
        let upper =
            if bound_follows(self) { Some(Box::new(self.parse_expression()?)) } else { None };
        let mut step = None;
        if self.eat_op(":") && bound_follows(self) {
            step = Some(Box::new(self.parse_expression()?));
        }
        Ok(Expr::new(
            ExprKind::Slice { lower: lower.map(Box::new), upper, step },
            self.span_from(start),
        ))
    }

    /// `'(' [arguments] ')'` of a call (or class bases): positional, `*a`, `k=v`, `**k`, or one generator.
    pub(crate) fn parse_call_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.parse_arguments(true)
    }

    /// Call arguments or class bases; a bare generator argument is only allowed in calls.
    pub(crate) fn parse_arguments(
        &mut self,
        allow_generator: bool,
    ) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.expect_op("(")?;
        self.enter()?;
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_double_star = false;
        while !self.at_op(")") {
            let saved_chain = self.chain;
            let start = self.tok().start;
            if self.at_op("*") {
                let starred = self.parse_starred()?;
                if seen_double_star {
                    return Err(self.error_span(
                        "iterable argument unpacking follows keyword argument unpacking",
                        starred.span,
                    ));
                }
                args.push(starred);
            } else if self.at_op("**") {
                self.advance();
                let value = self.parse_expression()?;
                seen_double_star = true;
                keywords.push(Keyword { arg: None, value, span: self.span_from(start) });
            } else if self.at_identifier() && self.peek_tok(1).is_op("=") {
                let name = self.advance();
                self.advance();
                let value = self.parse_expression()?;
                keywords.push(Keyword { arg: Some(name.text), value, span: self.span_from(start) });
            } else {
                let e = self.parse_named_expression()?;
                if (self.at_kw("for") || self.at_kw("async"))
                    && !allow_generator
                    && args.is_empty()
                    && keywords.is_empty()
                {
                    return Err(self.invalid_syntax());
                }
                if self.at_kw("for") || self.at_kw("async") {
                    let generators = self.parse_comprehension_clauses()?;
                    let genexp_end = self.tok().end;
                    let sole = args.is_empty() && keywords.is_empty() && self.at_op(")");
                    if !sole {
                        return Err(self.error_range(
                            "Generator expression must be parenthesized",
                            start,
                            self.prev_end(),
                        ));
                    }
                    let span = self.span(open.start, genexp_end);
                    args.push(Expr::new(
                        ExprKind::GeneratorExp { elt: Box::new(e), generators },
                        span,
                    ));
                } else if self.at_op("=") {
                    let eq = self.tok().clone();
                    let _ = eq;
                    self.advance();
                    let value = self.parse_expression();
                    let end = match &value {
                        Ok(v) => end_of(v),
                        Err(_) => self.prev_end(),
                    };
                    return Err(self.error_range(
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                        start,
                        end,
                    ));
                } else {
                    if !keywords.is_empty() && (self.at_op(",") || self.at_op(")")) {
                        let msg = if seen_double_star {
                            "positional argument follows keyword argument unpacking"
                        } else {
                            "positional argument follows keyword argument"
                        };
                        let t = self.tok();
                        return Err(self.error_range(msg, t.start, t.end));
                    }
                    args.push(e);
                }
            }
            self.chain = saved_chain;
            if !self.eat_op(",") {
                if self.at_op(")") {
                    break;
                }
                let last =
                    args.last().cloned().or_else(|| keywords.last().map(|k| k.value.clone()));
                return match last {
                    Some(prev) => self.missing_comma_error(&prev).map(|_| (Vec::new(), Vec::new())),
                    None => Err(self.invalid_syntax()),
                };
            }
        }
        self.leave();
        self.expect_closing(")")?;
        Ok((args, keywords))
    }

    /// `('async'? 'for' star_targets 'in' disjunction ('if' disjunction)*)+`
    pub(crate) fn parse_comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            let is_async = self.eat_kw("async");
            if !self.eat_kw("for") {
                if is_async {
                    return Err(self.invalid_syntax());
                }
                break;
            }
            let mut target = self.parse_target_list(&["in"])?;
            if !self.at_kw("in") {
                self.missing_comma_error(&target)?;
            }
            set_context(self, &mut target, ExprContext::Store, TargetMode::Plain)?;
            self.advance();
            let iter = self.parse_disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.parse_disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs, is_async });
        }
        Ok(generators)
    }

    /// `star_targets`: comma-separated targets parsed at the `bitwise_or` level (so that a
    /// following `in` or `=` is not swallowed); a tuple if there are commas.
    pub(crate) fn parse_target_list(&mut self, terminators: &[&str]) -> PResult<Expr> {
        let start = self.tok().start;
        let first = if self.at_op("*") { self.parse_starred()? } else { self.parse_bitwise_or()? };
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if terminators.iter().any(|t| self.at_kw(t) || self.at_op(t)) {
                break;
            }
            elts.push(if self.at_op("*") {
                self.parse_starred()?
            } else {
                self.parse_bitwise_or()?
            });
        }
        Ok(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.span_from(start)))
    }

    /// Atoms: names, constants, strings, numbers and bracketed displays.
    fn parse_atom(&mut self) -> PResult<Expr> {
        let t = self.tok().clone();
        match t.kind {
            TokenKind::Name => {
                let constant = match t.text.as_str() {
                    "None" => Some(Constant::None),
                    "True" => Some(Constant::Bool(true)),
                    "False" => Some(Constant::Bool(false)),
                    _ => None,
                };
                if let Some(value) = constant {
                    self.advance();
                    return Ok(Expr::new(ExprKind::Constant { value }, self.span(t.start, t.end)));
                }
                if is_keyword(&t.text) {
                    return Err(self.invalid_syntax());
                }
                self.advance();
                Ok(Expr::new(
                    ExprKind::Name { id: t.text, ctx: ExprContext::Load },
                    self.span(t.start, t.end),
                ))
            }
            TokenKind::Number => {
                self.advance();
                let value = super::parser_string::number_constant(&t.text);
                Ok(Expr::new(ExprKind::Constant { value }, self.span(t.start, t.end)))
            }
            TokenKind::String => self.parse_strings(),
            TokenKind::Op => match t.text.as_str() {
                "(" => self.parse_paren(),
                "[" => self.parse_list(),
                "{" => self.parse_brace(),
                "..." => {
                    self.advance();
                    Ok(Expr::new(
                        ExprKind::Constant { value: Constant::Ellipsis },
                        self.span(t.start, t.end),
                    ))
                }
                _ => Err(self.invalid_syntax()),
            },
            _ => Err(self.invalid_syntax()),
        }
    }

    /// `yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]`
    pub(crate) fn parse_yield(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        if self.eat_kw("from") {
            let value = self.parse_expression()?;
            return Ok(Expr::new(
                ExprKind::YieldFrom { value: Box::new(value) },
                self.span_from(start),
            ));
        }
        let value = if self.at_expression_start() {
            Some(Box::new(self.parse_star_expressions()?))
        } else {
            None
        };
        Ok(Expr::new(ExprKind::Yield { value }, self.span_from(start)))
    }

    fn parse_paren(&mut self) -> PResult<Expr> {
        let open = self.advance();
        self.enter()?;
        let result = self.parse_paren_contents(open.start);
        self.leave();
        result
    }

    fn parse_paren_contents(&mut self, start: Pos) -> PResult<Expr> {
        if self.eat_op(")") {
            return Ok(Expr::new(
                ExprKind::Tuple { elts: Vec::new(), ctx: ExprContext::Load },
                self.span_from(start),
            ));
        }
        if self.at_kw("yield") {
            let y = self.parse_yield()?;
            self.expect_closing(")")?;
            return Ok(y);
        }
        let saved_chain = self.chain;
        let first = self.parse_star_named_expression()?;
        if self.at_kw("for") || self.at_kw("async") {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self
                    .error_span("iterable unpacking cannot be used in comprehension", first.span));
            }
            let generators = self.parse_comprehension_clauses()?;
            self.expect_closing(")")?;
            return Ok(Expr::new(
                ExprKind::GeneratorExp { elt: Box::new(first), generators },
                self.span_from(start),
            ));
        }
        if self.eat_op(")") {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_span("cannot use starred expression here", first.span));
            }
            return Ok(first);
        }
        if !self.at_op(",") {
            self.missing_comma_error(&first)?;
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            self.chain = saved_chain;
            let e = self.parse_star_named_expression()?;
            elts.push(e);
            if !self.at_op(",") && !self.at_op(")") {
                let prev = elts.last().cloned();
                if let Some(prev) = prev {
                    self.missing_comma_error(&prev)?;
                }
            }
        }
        self.chain = saved_chain;
        self.expect_closing(")")?;
        Ok(Expr::new(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.span_from(start)))
    }

    fn parse_list(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        self.enter()?;
        let saved_chain = self.chain;
        let mut elts = Vec::new();
        while !self.at_op("]") {
            self.chain = saved_chain;
            let e = self.parse_star_named_expression()?;
            if elts.is_empty() && (self.at_kw("for") || self.at_kw("async")) {
                if matches!(e.kind, ExprKind::Starred { .. }) {
                    return Err(self
                        .error_span("iterable unpacking cannot be used in comprehension", e.span));
                }
                let generators = self.parse_comprehension_clauses()?;
                self.expect_closing("]")?;
                self.leave();
                return Ok(Expr::new(
                    ExprKind::ListComp { elt: Box::new(e), generators },
                    self.span_from(start),
                ));
            }
            elts.push(e);
            if !self.eat_op(",") {
                if !self.at_op("]") {
                    if let Some(prev) = elts.last().cloned() {
                        self.missing_comma_error(&prev)?;
                    }
                }
                break;
            }
        }
        self.chain = saved_chain;
        self.expect_closing("]")?;
        self.leave();
        Ok(Expr::new(ExprKind::List { elts, ctx: ExprContext::Load }, self.span_from(start)))
    }

    /// `{...}`: dict, set, dict comprehension or set comprehension.
    fn parse_brace(&mut self) -> PResult<Expr> {
        let start = self.advance().start;
        self.enter()?;
        let result = self.parse_brace_contents(start);
        self.leave();
        result
    }

    /// Consume a dict's `:`; CPython complains specifically when no value follows.
    fn expect_dict_value_start(&mut self) -> PResult<()> {
        let colon = self.advance();
        if self.at_expression_start() && !self.at_op("*") {
            return Ok(());
        }
        if self.at_op("}") || self.at_op(",") {
            return Err(self.error_range(
                "expression expected after dictionary key and ':'",
                colon.start,
                colon.end,
            ));
        }
        Err(self.invalid_syntax())
    }

    fn parse_brace_contents(&mut self, start: Pos) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(Expr::new(
                ExprKind::Dict { keys: Vec::new(), values: Vec::new() },
                self.span_from(start),
            ));
        }
        let saved_chain = self.chain;
        let is_dict;
        let mut keys: Vec<Option<Expr>> = Vec::new();
        let mut values: Vec<Expr> = Vec::new();
        let mut elts: Vec<Expr> = Vec::new();
        if self.eat_op("**") {
            is_dict = true;
            keys.push(None);
            values.push(self.parse_bitwise_or()?);
        } else {
            let first = self.parse_star_named_expression()?;
            if self.at_op(":") {
                self.expect_dict_value_start()?;
                is_dict = true;
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    return Err(self.error_span(
                        "cannot use a starred expression in a dictionary value",
                        first.span,
                    ));
                }
                let value = self.parse_expression()?;
                if self.at_kw("for") || self.at_kw("async") {
                    let generators = self.parse_comprehension_clauses()?;
                    self.expect_closing("}")?;
                    return Ok(Expr::new(
                        ExprKind::DictComp {
                            key: Box::new(first),
                            value: Box::new(value),
                            generators,
                        },
                        self.span_from(start),
                    ));
                }
                keys.push(Some(first));
                values.push(value);
            } else {
                is_dict = false;
                if self.at_kw("for") || self.at_kw("async") {
                    if matches!(first.kind, ExprKind::Starred { .. }) {
                        return Err(self.error_span(
                            "iterable unpacking cannot be used in comprehension",
                            first.span,
                        ));
                    }
                    let generators = self.parse_comprehension_clauses()?;
                    self.expect_closing("}")?;
                    return Ok(Expr::new(
                        ExprKind::SetComp { elt: Box::new(first), generators },
                        self.span_from(start),
                    ));
                }
                elts.push(first);
            }
        }
        loop {
            self.chain = saved_chain;
            if !self.eat_op(",") {
                if self.at_op("}") {
                    break;
                }
                if is_dict {
                    return Err(self.invalid_syntax());
                }
                if let Some(prev) = elts.last().cloned() {
                    self.missing_comma_error(&prev)?;
                }
                return Err(self.invalid_syntax());
            }
            if self.at_op("}") {
                break;
            }
            if is_dict {
                if self.eat_op("**") {
                    keys.push(None);
                    values.push(self.parse_bitwise_or()?);
                } else {
                    let key = self.parse_expression()?;
                    if self.at_op(":") {
                        self.expect_dict_value_start()?;
                    } else {
                        let key_start = start_of(&key);
                        let mut e = self.error_range(
                            "':' expected after dictionary key",
                            key_start,
                            key_start,
                        );
                        e.end_offset = 0;
                        return Err(e);
                    }
                    let value = self.parse_expression()?;
                    keys.push(Some(key));
                    values.push(value);
                }
            } else {
                elts.push(self.parse_star_named_expression()?);
            }
        }
        self.chain = saved_chain;
        self.expect_closing("}")?;
        if is_dict {
            Ok(Expr::new(ExprKind::Dict { keys, values }, self.span_from(start)))
        } else {
            Ok(Expr::new(ExprKind::Set { elts }, self.span_from(start)))
        }
    }
}
