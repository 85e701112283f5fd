//! Embeds the git commit of the checkout into the binary (`GILBENCH_GIT_COMMIT`, read by `harness::provenance`).
//!
//! The value is `git rev-parse --short HEAD`, with `-dirty` when a file compiled into the binary
//! (`src/`, `tools/`, `assets/`, `Cargo.toml`, `Cargo.lock`, `build.rs`) differs from that
//! commit, or `unknown` outside a git checkout (a source tarball) or without git. Setting
//! `GILBENCH_GIT_COMMIT` in the build's environment overrides it (for builds from tarballs).
//! The script reruns when HEAD moves (the worktree's `HEAD`, the branch's ref file and
//! `packed-refs`) and when one of those inputs changes. The index is not watched: staging files
//! changes neither the commit nor what differs from it, and watching it would rebuild the crate
//! after every `git add`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What the dirty check covers: everything compiled or embedded into the binary.
const INPUTS: [&str; 6] = ["src", "tools", "assets", "Cargo.toml", "Cargo.lock", "build.rs"];

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn watch(path: &Path) {
    // A path that does not exist would make cargo rerun the script on every build.
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=GILBENCH_GIT_COMMIT");
    for input in INPUTS {
        watch(Path::new(input));
    }
    if let Some(given) = std::env::var("GILBENCH_GIT_COMMIT").ok().filter(|v| !v.trim().is_empty())
    {
        println!("cargo:rustc-env=GILBENCH_GIT_COMMIT={}", given.trim());
        return;
    }
    let commit = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(hash) if !hash.is_empty() => {
            // In a worktree `.git` is a file: HEAD lives in the worktree's git dir, refs in the common dir.
            if let (Some(git_dir), Some(common)) =
                (git(&["rev-parse", "--absolute-git-dir"]), git(&["rev-parse", "--git-common-dir"]))
            {
                let git_dir = PathBuf::from(git_dir);
                let common = if Path::new(&common).is_absolute() {
                    PathBuf::from(common)
                } else {
                    std::env::current_dir()
                        .map(|d| d.join(&common))
                        .unwrap_or_else(|_| PathBuf::from(&common))
                };
                watch(&git_dir.join("HEAD"));
                if let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD")) {
                    if let Some(reference) = head.trim().strip_prefix("ref: ") {
                        watch(&common.join(reference));
                    }
                }
                watch(&common.join("packed-refs"));
            }
            let mut args = vec!["status", "--porcelain", "--untracked-files=no", "--"];
            args.extend(INPUTS);
            match git(&args) {
                Some(changes) if !changes.is_empty() => format!("{hash}-dirty"),
                _ => hash,
            }
        }
        _ => "unknown".to_string(),
    };
    println!("cargo:rustc-env=GILBENCH_GIT_COMMIT={commit}");
}
