//! Deterministic fuzz test of the front end: random bytes, token soup, mutated golden sources and deep nesting never panic.
//!
//! Every input goes through `tokenize`, `parse_module` (and `ast_unparse` of its expression
//! statements), `compile_source` and the `eval`-mode `compile_eval_source`; each must return
//! `Ok` or a `SyntaxError` with `lineno >= 1` and `offset >= 1`, never panic or overflow the stack.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use gilbench::compiler::compile_source;
use gilbench::frontend::{parse_module, tokenize, SyntaxError};

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'v, T>(&mut self, items: &'v [T]) -> &'v T {
        &items[self.below(items.len())]
    }
}

fn check_error(stage: &str, src: &str, e: &SyntaxError) -> Result<(), String> {
    let _ = e.render();
    if e.lineno < 1 || e.offset < 1 {
        return Err(format!(
            "{stage}: error {:?} has lineno {} offset {} for input {:?}",
            e.msg, e.lineno, e.offset, src
        ));
    }
    Ok(())
}

/// Run the three front-end entry points on `src`; describe any panic or malformed error.
fn exercise(src: &str) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
        if let Err(e) = tokenize(src, "fuzz.py") {
            check_error("tokenize", src, &e)?;
        }
        match parse_module(src, "fuzz.py") {
            Ok(module) => {
                let _ = gilbench::frontend::ast_dump::dump_module(&module, 2);
                for stmt in &module.body {
                    if let gilbench::frontend::ast::StmtKind::Expr { value } = &stmt.kind {
                        let _ = gilbench::frontend::ast_unparse::unparse_expr(value);
                    }
                }
            }
            Err(e) => check_error("parse_module", src, &e)?,
        }
        if let Err(e) = compile_source(src, "fuzz.py") {
            check_error("compile_source", src, &e)?;
        }
        if let Err(e) = gilbench::compiler::compile_eval_source(src, "fuzz.py") {
            check_error("compile_eval_source", src, &e)?;
        }
        Ok(())
    }));
    match outcome {
        Ok(result) => result,
        Err(_) => Err(format!("panic on input {:?}", src)),
    }
}

fn run_all(inputs: impl IntoIterator<Item = String>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for src in inputs {
        count += 1;
        if let Err(msg) = exercise(&src) {
            failures.push(msg);
            if failures.len() >= 10 {
                break;
            }
        }
    }
    assert!(count > 0);
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet: &[u8] = b"abcxyz019_ ()[]{}:;,.=+-*/%@&|^~<>!'\"#\\\n\t\r\x0cfrbuFRBUj";
    let inputs = (0..1500).map(|i| {
        let len = rng.below(48);
        let bytes: Vec<u8> = (0..len)
            .map(|_| if i % 3 == 0 { (rng.next() & 0xFF) as u8 } else { *rng.pick(alphabet) })
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    });
    run_all(inputs.collect::<Vec<_>>());
}

#[test]
fn token_soup_never_panics() {
    const VOCAB: &[&str] = &[
        "x",
        "y",
        "foo",
        "None",
        "True",
        "1",
        "0x1f",
        "1.5e3",
        "2j",
        "'s'",
        "b'b'",
        "f'{x}'",
        "f'{x!r:>{w}}'",
        "rf'{y}'",
        "'''t'''",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        ";",
        ".",
        "...",
        "=",
        "==",
        "+=",
        "**=",
        ":=",
        "->",
        "+",
        "-",
        "*",
        "**",
        "/",
        "//",
        "%",
        "@",
        "|",
        "&",
        "^",
        "~",
        "<<",
        ">>",
        "<",
        ">=",
        "!=",
        "if",
        "elif",
        "else",
        "for",
        "in",
        "while",
        "def",
        "class",
        "return",
        "yield",
        "from",
        "import",
        "as",
        "try",
        "except",
        "finally",
        "with",
        "lambda",
        "not",
        "and",
        "or",
        "is",
        "del",
        "pass",
        "break",
        "continue",
        "global",
        "nonlocal",
        "assert",
        "raise",
        "async",
        "await",
        "\n",
        "\n    ",
        "\n  ",
        "\\\n",
        "#c\n",
        "\t",
        "é",
        "€",
        "\u{200b}",
    ];
    let mut rng = Rng(0x1234_5678_9ABC_DEF0);
    let inputs: Vec<String> = (0..2500)
        .map(|_| {
            let n = 1 + rng.below(24);
            let mut s = String::new();
            for _ in 0..n {
                let word: &&str = rng.pick(VOCAB);
                s.push_str(word);
                if rng.below(3) > 0 {
                    s.push(' ');
                }
            }
            s
        })
        .collect();
    run_all(inputs);
}

fn golden_sources() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut out = Vec::new();
    for sub in ["ast", "tokens"] {
        if let Ok(entries) = std::fs::read_dir(root.join(sub)) {
            let mut paths: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().map(|x| x == "py").unwrap_or(false))
                .collect();
            paths.sort();
            out.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
    }
    out
}

fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        if chars.is_empty() {
            chars.push('x');
        }
        let at = rng.below(chars.len());
        match rng.below(7) {
            0 => {
                chars.remove(at);
            }
            1 => {
                let c = *rng.pick(&[
                    '(', ')', '[', ']', '{', '}', ':', ',', '\'', '"', '\n', ' ', '\t', '\\', '=',
                    '*', 'f', '#', 'é',
                ]);
                chars.insert(at, c);
            }
            2 => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                let piece: Vec<char> = chars[at..end].to_vec();
                for (k, c) in piece.into_iter().enumerate() {
                    chars.insert(end + k, c);
                }
            }
            3 => {
                let other = rng.below(chars.len());
                chars.swap(at, other);
            }
            _ => {
                let text: String = chars.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let i = rng.below(lines.len());
                let j = rng.below(lines.len());
                match rng.below(3) {
                    0 => {
                        lines.remove(i);
                    }
                    1 => {
                        let l = lines[i];
                        lines.insert(j, l);
                    }
                    _ => lines.swap(i, j),
                }
                chars = lines.join("\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_golden_sources_never_panic() {
    let sources = golden_sources();
    assert!(!sources.is_empty());
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    let mut inputs = sources.clone();
    for _ in 0..2000 {
        let base = rng.pick(&sources).clone();
        inputs.push(mutate(&base, &mut rng));
    }
    run_all(inputs);
}

fn expect_syntax_error(src: &str) {
    let result = catch_unwind(AssertUnwindSafe(|| parse_module(src, "deep.py")));
    match result {
        Ok(Err(e)) => {
            assert!(e.lineno >= 1 && e.offset >= 1, "bad error position for deep input: {:?}", e)
        }
        Ok(Ok(_)) => panic!("deep input unexpectedly parsed: {:?}", &src[..src.len().min(40)]),
        Err(_) => panic!("panic on deep input {:?}", &src[..src.len().min(40)]),
    }
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    expect_syntax_error(&"(".repeat(100_000));
    expect_syntax_error(&("-".repeat(100_000) + "1"));
    expect_syntax_error(&format!("{}{}", "[".repeat(5000), "]".repeat(5000)));
    expect_syntax_error(&("not ".repeat(100_000) + "x"));
    expect_syntax_error(&("2**".repeat(100_000) + "2"));
    expect_syntax_error(&("lambda:".repeat(100_000) + "1"));
    expect_syntax_error(&("a if b else ".repeat(100_000) + "c"));
    expect_syntax_error(&("x.".repeat(100_000) + "y"));
    expect_syntax_error(&("f".to_string() + &"()".repeat(100_000)));
    expect_syntax_error(&"1+".repeat(100_000));
    expect_syntax_error(&("x".to_string() + &"[0]".repeat(100_000)));
    expect_syntax_error(&("*".repeat(100_000) + "a, = b"));
    expect_syntax_error(&("await ".repeat(100_000) + "x"));
    let mut nested_ifs = String::new();
    for depth in 0..1000 {
        nested_ifs.push_str(&" ".repeat(depth));
        nested_ifs.push_str("if x:\n");
    }
    nested_ifs.push_str(&" ".repeat(1000));
    nested_ifs.push_str("pass\n");
    expect_syntax_error(&nested_ifs);
    let mut elifs = String::from("if a:\n    pass\n");
    for _ in 0..100_000 {
        elifs.push_str("elif a:\n    pass\n");
    }
    expect_syntax_error(&elifs);
    expect_syntax_error(&format!("f'{{{}}}'", "(".repeat(1000)));
}

#[test]
fn maximal_legal_nesting_parses_on_a_small_stack() {
    // CPython accepts 199 nested brackets; so must we, within the default 2 MiB test thread.
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
        let src = format!("x = {}1{}\n", open.repeat(199), close.repeat(199));
        let result = catch_unwind(AssertUnwindSafe(|| parse_module(&src, "deep.py")));
        assert!(matches!(result, Ok(Ok(_))), "199 nested {open} should parse");
    }
    // Brackets inside an f-string field inside brackets: either result is fine, but no overflow.
    let src = format!(
        "x = {}f'{{{}1{}}}'{}\n",
        "(".repeat(199),
        "(".repeat(199),
        ")".repeat(199),
        ")".repeat(199)
    );
    assert!(catch_unwind(AssertUnwindSafe(|| parse_module(&src, "deep.py"))).is_ok());
    let src = format!("x = {}1{}\n", "(-".repeat(199), ")".repeat(199));
    assert!(catch_unwind(AssertUnwindSafe(|| parse_module(&src, "deep.py"))).is_ok());
    let src = format!("x = {}1{}\n", "[lambda: {f(*".repeat(60), ")}]".repeat(60));
    assert!(catch_unwind(AssertUnwindSafe(|| parse_module(&src, "deep.py"))).is_ok());
    let src = format!("x = {}1\n", "-".repeat(250));
    assert!(parse_module(&src, "deep.py").is_ok());
    let src = format!("x = {}1{}\n", "f(".repeat(150), ")".repeat(150));
    assert!(parse_module(&src, "deep.py").is_ok());
}
