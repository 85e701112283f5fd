//! The house rules, checked on the source: layers import only downward, unsafe code stays in its named modules, and the eval loop never names an execution model.
//!
//! These read `src/` as text (no compiler plugin): every `crate::NAME` path on a line that is not a
//! comment is an edge from the file's top-level module to `NAME`. ARCHITECTURE.md names these
//! tests beside the invariants they enforce.

use std::path::{Path, PathBuf};

/// The layers from the bottom up. A module may name its own layer and any layer below it;
/// modules in one layer may name each other (object and memory: the header embeds the GC link
/// and the collector walks payloads; vm and types: a type's methods call back into the
/// interpreter to run Python code, as CPython's Objects/ call the eval loop).
const LAYERS: &[&[&str]] = &[
    &["num"],
    &["text"],
    &["frontend"],
    &["compiler"],
    &["runtime"],
    &["object", "memory"],
    &["vm", "types"],
    &["stdlib"],
    &["harness"],
    &["report"],
    &["cli", "main", "lib"],
];

/// Known edges against the order: (file, the path it names, why). Each is a place where the
/// lower layer still needs a service from above; the list may shrink, never grow silently.
const EXCEPTIONS: &[(&str, &str, &str)] = &[
    (
        "src/object/payload.rs",
        "crate::vm::Vm",
        "`NativeFn`, the signature of a builtin, takes the interpreter",
    ),
    (
        "src/vm/mod.rs",
        "crate::stdlib::install_builtins",
        "a new interpreter installs the builtins module",
    ),
    (
        "src/vm/mod.rs",
        "crate::stdlib::import",
        "running `__main__` finishes its module through the importer",
    ),
    (
        "src/vm/eval.rs",
        "crate::stdlib::frame_builtins",
        "`globals()`, `locals()`, `exec`, `eval` need the caller's frame",
    ),
    (
        "src/vm/attr.rs",
        "crate::stdlib::code_attr",
        "code objects' attributes are served by stdlib's table",
    ),
    (
        "src/vm/attr.rs",
        "crate::stdlib::builtins",
        "class creation calls `__init_subclass__` through builtins",
    ),
    (
        "src/vm/exc.rs",
        "crate::stdlib::compile",
        "a SyntaxError object is built by the compile module",
    ),
    (
        "src/vm/thread.rs",
        "crate::stdlib::modules",
        "a new thread asks `_interpreters` for its interpreter id",
    ),
    (
        "src/vm/xi.rs",
        "crate::stdlib::modules",
        "cross-interpreter copies skip frozen modules' definitions",
    ),
];

/// What `report` may name of the layers below `harness`: plain data only (it never runs Python
/// and never reaches into the VM; it reads `harness::results::BenchRow`s).
const REPORT_MAY_NAME: &[&str] =
    &["crate::harness", "crate::report", "crate::runtime::timeline", "crate::runtime::ModelKind"];

/// Files that contain `unsafe` code; every other file forbids it.
const UNSAFE_FILES: &[&str] = &[
    "src/compiler/opcode.rs",
    "src/harness/child.rs",
    "src/harness/limits.rs",
    "src/memory/alloc.rs",
    "src/memory/deferred.rs",
    "src/memory/gc.rs",
    "src/memory/tracemalloc.rs",
    "src/object/header.rs",
    "src/runtime/brc.rs",
    "src/runtime/locks.rs",
    "src/vm/gc.rs",
    "src/vm/thread.rs",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `src/...` path of every Rust file under `src/`.
fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The top-level module of `src/a/b.rs` (`a`) or of `src/cli.rs` (`cli`).
fn top_module(rel: &str) -> &str {
    let inner = rel.strip_prefix("src/").unwrap();
    match inner.split_once('/') {
        Some((dir, _)) => dir,
        None => inner.trim_end_matches(".rs"),
    }
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Code lines (comments dropped) with their 1-based numbers.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")).map(|(i, l)| {
        // A trailing comment is not code either.
        let code = match l.find("// ") {
            Some(at) if !l[..at].contains('"') => &l[..at],
            _ => l,
        };
        (i + 1, code)
    })
}

/// Every `crate::a::b` path on a line, as written (up to two segments after `crate`).
fn crate_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(tail.len());
        let path = tail[..end].trim_end_matches(':');
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            let segs: Vec<&str> = path.split("::").take(3).collect();
            out.push(segs.join("::"));
        }
        rest = &tail[end.max(7)..];
    }
    out
}

#[test]
fn layers_import_only_downward() {
    let mut problems = Vec::new();
    let mut used_exceptions = vec![false; EXCEPTIONS.len()];
    for (rel, text) in sources() {
        let from = top_module(&rel);
        let Some(from_layer) = layer_of(from) else {
            problems.push(format!(
                "{rel}: module `{from}` is in no layer: add it to LAYERS in tests/layering.rs"
            ));
            continue;
        };
        // Unit-test files may drive the whole interpreter.
        if rel.ends_with("_tests.rs") {
            continue;
        }
        for (n, line) in code_lines(&text) {
            for path in crate_paths(line) {
                let to = path.split("::").nth(1).unwrap_or("");
                if to.is_empty() || to == from {
                    continue;
                }
                let Some(to_layer) = layer_of(to) else { continue };
                if from == "report" && !REPORT_MAY_NAME.iter().any(|p| path.starts_with(p)) {
                    problems.push(format!(
                        "{rel}:{n}: report names `{path}`: it may name only {REPORT_MAY_NAME:?}"
                    ));
                    continue;
                }
                if to_layer <= from_layer {
                    continue;
                }
                match EXCEPTIONS.iter().position(|(f, p, _)| *f == rel && path.starts_with(p)) {
                    Some(i) => used_exceptions[i] = true,
                    None => problems.push(format!("{rel}:{n}: `{from}` names `{path}`, a layer above it (see LAYERS in tests/layering.rs)")),
                }
            }
        }
    }
    for (i, used) in used_exceptions.iter().enumerate() {
        if !used {
            let (f, p, _) = EXCEPTIONS[i];
            problems
                .push(format!("exception ({f}, {p}) no longer happens: remove it from EXCEPTIONS"));
        }
    }
    assert!(problems.is_empty(), "layering rules broken:\n{}", problems.join("\n"));
}

#[test]
fn unsafe_is_confined() {
    let files = sources();
    let forbids = |text: &str| text.lines().any(|l| l.trim() == "#![forbid(unsafe_code)]");
    let mut problems = Vec::new();
    for (rel, text) in &files {
        let has_unsafe = code_lines(text).any(|(_, l)| {
            l.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == "unsafe")
                && !l.contains("unsafe_code")
        });
        let listed = UNSAFE_FILES.contains(&rel.as_str());
        if has_unsafe && !listed {
            problems.push(format!("{rel}: has unsafe code but is not in UNSAFE_FILES (confine it, or list it with implementation notes)"));
        }
        if listed && !has_unsafe {
            problems.push(format!(
                "{rel}: listed in UNSAFE_FILES but has no unsafe code: remove it from the list"
            ));
        }
        if !has_unsafe {
            // Forbidden here, or by the folder's mod.rs (which covers every file below it).
            let mut covered = forbids(text);
            let mut dir = Path::new(rel.as_str()).parent();
            while let Some(d) = dir {
                if let Some((_, t)) = files.iter().find(|(r, _)| Path::new(r) == d.join("mod.rs")) {
                    covered |= forbids(t);
                }
                dir = d.parent();
            }
            // A mod.rs whose folder holds an unsafe file cannot forbid (forbid would cover that
            // child too, and cannot be lifted below); it is checked for unsafe code itself above.
            let folder = Path::new(rel.as_str()).parent().unwrap_or(Path::new(""));
            let parent_of_unsafe = rel.ends_with("/mod.rs")
                && UNSAFE_FILES.iter().any(|u| Path::new(u).starts_with(folder));
            if !covered && !parent_of_unsafe && rel != "src/lib.rs" {
                problems.push(format!("{rel}: no unsafe code, so it must say #![forbid(unsafe_code)] (or its folder's mod.rs must)"));
            }
        }
        if listed {
            // Every unsafe block is explained (clippy::undocumented_unsafe_blocks checks the
            // blocks; this checks that the module opens with its implementation notes).
            let notes = text.lines().take_while(|l| l.starts_with("//!")).count();
            if notes < 3 {
                problems.push(format!("{rel}: a module with unsafe code opens with implementation notes (a `//!` block), found {notes} line(s)"));
            }
        }
    }
    let lib = &files.iter().find(|(r, _)| r == "src/lib.rs").unwrap().1;
    assert!(
        lib.contains("#![deny(clippy::undocumented_unsafe_blocks)]"),
        "src/lib.rs denies undocumented unsafe blocks"
    );
    assert!(problems.is_empty(), "unsafe rules broken:\n{}", problems.join("\n"));
}

#[test]
fn eval_loop_never_names_a_model() {
    let text = std::fs::read_to_string(root().join("src/vm/eval.rs")).unwrap();
    let mut problems = Vec::new();
    for (n, line) in code_lines(&text) {
        for banned in [
            "M::NAME",
            "\"gil\"",
            "\"free-threaded\"",
            "\"subinterpreters\"",
            "ModelKind::",
            "FreeThreaded",
            "Subinterpreters",
            "Gil>",
        ] {
            if line.contains(banned) {
                problems.push(format!("src/vm/eval.rs:{n}: names `{banned}`: ask an ExecutionModel method or constant instead"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_paths_and_skips_comments() {
    assert_eq!(
        crate_paths("use crate::vm::Vm; let x = crate::object::frame::Frame::new();"),
        ["crate::vm::Vm", "crate::object::frame"]
    );
    assert_eq!(crate_paths("gilbench_crate::x"), Vec::<String>::new());
    let lines: Vec<(usize, &str)> =
        code_lines("// crate::vm\nlet a = 1; // crate::vm\nuse crate::num;").collect();
    assert_eq!(lines, [(2, "let a = 1; "), (3, "use crate::num;")]);
    assert_eq!(top_module("src/vm/eval.rs"), "vm");
    assert_eq!(top_module("src/cli.rs"), "cli");
}

#[test]
fn clap_only_in_cli() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(rel, text)| {
            rel != "src/cli.rs" && code_lines(text).any(|(_, l)| l.contains("clap::"))
        })
        .map(|(rel, _)| rel)
        .collect();
    assert!(offenders.is_empty(), "the command line is parsed only in src/cli.rs: {offenders:?}");
}
