//! Parameter lists of `def` and `lambda`: positional-only `/`, defaults, `*args`, keyword-only, `**kwargs`.

use super::ast::{Arg, Arguments};
use super::parser::{PResult, Parser};
use super::token::Pos;

impl<'a> Parser<'a> {
    fn parse_one_parameter(&mut self, allow_annotation: bool) -> PResult<Arg> {
        let name = self.expect_identifier()?;
        let annotation = if allow_annotation && self.eat_op(":") {
            Some(Box::new(if self.at_op("*") {
                self.parse_star_expression()?
            } else {
                self.parse_expression()?
            }))
        } else {
            None
        };
        Ok(Arg { arg: name.text, annotation, span: self.span_from(name.start) })
    }

    fn arg_start(arg: &Arg) -> Pos {
        Pos { line: arg.span.lineno, col: arg.span.col_offset }
    }

    fn arg_end(arg: &Arg) -> Pos {
        Pos { line: arg.span.end_lineno, col: arg.span.end_col_offset }
    }

    /// Parse parameters up to (not including) `closing` (`")"` for def, `":"` for lambda).
    pub(crate) fn parse_parameters(
        &mut self,
        closing: &str,
        allow_annotations: bool,
    ) -> PResult<Arguments> {
        let mut args = Arguments::default();
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut bare_star: Option<(Pos, Pos)> = None;
        while !self.at_op(closing) {
            if self.at_op("/") {
                let slash = self.advance();
                if seen_slash {
                    return Err(self.error_range("/ may appear only once", slash.start, slash.end));
                }
                if seen_star {
                    return Err(self.error_range("/ must be ahead of *", slash.start, slash.end));
                }
                if args.args.is_empty() {
                    return Err(self.error_range(
                        "at least one argument must precede /",
                        slash.start,
                        slash.end,
                    ));
                }
                seen_slash = true;
                args.posonlyargs = std::mem::take(&mut args.args);
            } else if self.at_op("**") {
                self.advance();
                let kwarg = self.parse_one_parameter(allow_annotations)?;
                if self.at_op("=") {
                    return Err(self.error_range(
                        "var-keyword argument cannot have default value",
                        self.tok().start,
                        self.tok().end,
                    ));
                }
                args.kwarg = Some(kwarg);
                self.eat_op(",");
                if !self.at_op(closing) {
                    let t = self.tok();
                    return Err(self.error_range(
                        "arguments cannot follow var-keyword argument",
                        t.start,
                        t.end,
                    ));
                }
                break;
            } else if self.at_op("*") {
                let star = self.advance();
                if seen_star {
                    return Err(self.error_range(
                        "* argument may appear only once",
                        star.start,
                        star.end,
                    ));
                }
                seen_star = true;
                if self.at_op(",") || self.at_op(closing) {
                    bare_star = Some((star.start, star.end));
                } else {
                    let vararg = self.parse_one_parameter(allow_annotations)?;
                    if self.at_op("=") {
                        return Err(self.error_range(
                            "var-positional argument cannot have default value",
                            self.tok().start,
                            self.tok().end,
                        ));
                    }
                    args.vararg = Some(vararg);
                }
            } else {
                let arg = self.parse_one_parameter(allow_annotations)?;
                let default = if self.eat_op("=") { Some(self.parse_expression()?) } else { None };
                if seen_star {
                    bare_star = None;
                    args.kwonlyargs.push(arg);
                    args.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => args.defaults.push(d),
                        None if !args.defaults.is_empty() => {
                            return Err(self.error_range(
                                "non-default argument follows default argument",
                                Self::arg_start(&arg),
                                Self::arg_end(&arg),
                            ));
                        }
                        None => {}
                    }
                    args.args.push(arg);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if let Some((start, end)) = bare_star {
            return Err(self.error_range("named arguments must follow bare *", start, end));
        }
        if !self.at_op(closing) {
            return Err(self.invalid_syntax());
        }
        Ok(args)
    }
}
