//! Compile every Python file under tests/ (that CPython accepts) and check structural invariants of the bytecode.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use gilbench::compiler::codegen_flow::{falls_through, stack_effect};
use gilbench::compiler::{compile_source, CodeObject, Opcode};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().map(|x| x == "py").unwrap_or(false) {
            out.push(p);
        }
    }
}

/// The files among `paths` that python3 compiles (all of them if python3 is unavailable).
fn accepted_by_python(paths: &[PathBuf]) -> Vec<PathBuf> {
    let script = "import sys\nfor p in sys.argv[1:]:\n    try:\n        compile(open(p, encoding='utf-8').read(), p, 'exec')\n        print(p)\n    except Exception:\n        pass\n";
    match Command::new("python3").arg("-c").arg(script).args(paths).output() {
        Ok(out) if out.status.success() => {
            let ok: Vec<String> =
                String::from_utf8_lossy(&out.stdout).lines().map(|s| s.to_string()).collect();
            paths
                .iter()
                .filter(|p| ok.iter().any(|o| Path::new(o) == p.as_path()))
                .cloned()
                .collect()
        }
        _ => paths.to_vec(),
    }
}

/// Check one code object; returns a description of the first violated invariant.
fn verify(code: &CodeObject) -> Result<(), String> {
    let n = code.instructions.len();
    if n == 0 {
        return Err("empty code".into());
    }
    let ncells = code.cellvars.len() + code.freevars.len();
    for (i, ins) in code.instructions.iter().enumerate() {
        let a = ins.arg() as usize;
        let ok = match ins.opcode() {
            Opcode::LoadConst => a < code.consts.len(),
            Opcode::LoadName
            | Opcode::StoreName
            | Opcode::DeleteName
            | Opcode::LoadGlobal
            | Opcode::StoreGlobal
            | Opcode::DeleteGlobal
            | Opcode::LoadAttr
            | Opcode::StoreAttr
            | Opcode::DeleteAttr
            | Opcode::LoadMethod
            | Opcode::ImportName
            | Opcode::ImportFrom => a < code.names.len(),
            Opcode::LoadFast | Opcode::StoreFast | Opcode::DeleteFast => a < code.varnames.len(),
            Opcode::LoadDeref
            | Opcode::StoreDeref
            | Opcode::DeleteDeref
            | Opcode::LoadClosure
            | Opcode::LoadClassderef => a < ncells,
            Opcode::CallFunctionKw => {
                matches!(
                    code.instructions.get(i.wrapping_sub(1)).map(|p| p.opcode()),
                    Some(Opcode::LoadConst)
                )
            }
            _ => true,
        };
        if !ok {
            return Err(format!("instruction {i} ({:?}) has an out-of-range argument", ins));
        }
        if ins.is_jump() && a >= n {
            return Err(format!("instruction {i} ({:?}) jumps out of range", ins));
        }
        // Only JUMP_BACKWARD may go backward (the VM checks its eval breaker there).
        if ins.is_jump() && a <= i && ins.opcode() != Opcode::JumpBackward {
            return Err(format!("instruction {i} ({:?}) jumps backward", ins));
        }
        if ins.opcode() == Opcode::JumpBackward && a > i {
            return Err(format!("instruction {i} ({:?}) is a forward JUMP_BACKWARD", ins));
        }
    }
    // Stack depth along every path.
    let mut depth: Vec<Option<i64>> = vec![None; n];
    let mut work = vec![(0usize, 0i64)];
    while let Some((i, d)) = work.pop() {
        if i >= n {
            return Err(format!("control falls off the end after {}", i - 1));
        }
        match depth[i] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(format!(
                    "instruction {i}: depth {d} differs from {old} on another path"
                ))
            }
            None => depth[i] = Some(d),
        }
        let ins = code.instructions[i];
        let op = ins.opcode();
        let check = |nd: i64| -> Result<i64, String> {
            if nd < 0 {
                return Err(format!("instruction {i} ({:?}): stack underflow", ins));
            }
            if nd > code.stacksize as i64 {
                return Err(format!(
                    "instruction {i} ({:?}): depth {nd} exceeds stacksize {}",
                    ins, code.stacksize
                ));
            }
            Ok(nd)
        };
        let fall = check(d + stack_effect(op, ins.arg(), false) as i64)?;
        if ins.is_jump() {
            let jd = check(d + stack_effect(op, ins.arg(), true) as i64)?;
            work.push((ins.arg() as usize, jd));
        }
        if falls_through(op) {
            work.push((i + 1, fall));
        }
    }
    // Line table sorted and in range.
    for w in code.linetable.windows(2) {
        if w[0].start >= w[1].start {
            return Err("line table not sorted".into());
        }
    }
    if code.linetable.iter().any(|e| e.start as usize >= n) {
        return Err("line table entry out of range".into());
    }
    Ok(())
}

#[test]
fn compile_every_python_file_under_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = Vec::new();
    collect(&root, &mut files);
    // Extra directories to check (colon-separated), e.g. a corpus checked out elsewhere.
    if let Ok(extra) = std::env::var("GILBENCH_SMOKE_EXTRA") {
        for dir in extra.split(':').filter(|d| !d.is_empty()) {
            collect(Path::new(dir), &mut files);
        }
    }
    files.sort();
    let files = accepted_by_python(&files);
    let mut failures = Vec::new();
    for path in &files {
        let source = match fs::read_to_string(path) {
            Ok(s) => s,
            Err(_) => continue,
        };
        let name = path.display().to_string();
        match compile_source(&source, &name) {
            Ok(code) => {
                for c in Arc::clone(&code).walk() {
                    if let Err(e) = verify(&c) {
                        failures.push(format!("{name}: code object {}: {e}", c.qualname));
                    }
                }
            }
            Err(e) if e.msg == "complex numbers are not supported by gilbench" => {}
            Err(e) => failures.push(format!("{name}: {}", e.render())),
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 180;
    let src = format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth));
    let _ = compile_source(&src, "deep.py");
    let src = format!("x = {}1\n", "-".repeat(depth));
    let _ = compile_source(&src, "deep2.py");
    for (open, close) in [
        ("[", "]"),
        ("f(", ")"),
        ("(lambda: ", ")"),
        ("[x for x in ", "]"),
        ("{1: ", "}"),
        ("-(", ")"),
        ("a[", "]"),
    ] {
        for depth in [50, 100, 150, 199] {
            let src = format!("y = {}1{}\n", open.repeat(depth), close.repeat(depth));
            match compile_source(&src, "deep.py") {
                Ok(code) => {
                    for c in Arc::clone(&code).walk() {
                        verify(&c).unwrap_or_else(|e| panic!("{open}*{depth}: {e}"));
                    }
                }
                Err(e) => assert!(!e.msg.is_empty()),
            }
        }
    }
    let mut defs = String::new();
    for i in 0..90 {
        defs.push_str(&" ".repeat(i));
        defs.push_str("def f():\n");
    }
    defs.push_str(&" ".repeat(90));
    defs.push_str("return x\n");
    let _ = compile_source(&defs, "defs.py");
    let src = format!("x = {}\n", vec!["a"; 2000].join(" + "));
    // The parser may reject this as too complex; it must not crash either way.
    let _ = compile_source(&src, "wide.py");
    let mut nested = String::new();
    for i in 0..19 {
        nested.push_str(&"    ".repeat(i));
        nested.push_str("if x:\n");
    }
    nested.push_str(&"    ".repeat(19));
    nested.push_str("pass\n");
    assert!(compile_source(&nested, "nested.py").is_ok());
}
