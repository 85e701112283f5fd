//! `--memory-limit`: parsing a size, capping a worker process's address space, and telling an out-of-memory end from a crash.
//!
//! How a limit is applied. Each worker process caps its own address space (`RLIMIT_AS`, what
//! `ulimit -v` sets) before it runs the workload: the gilbench worker with
//! [`limit_address_space`] (the one `unsafe` call of the harness: `setrlimit` through `libc`),
//! the CPython driver with `resource.setrlimit` (`tools/cpython_workload.py --memory-limit`).
//! gilbench reserves large native stacks up front (Python calls recurse on them), address space
//! that is never touched unless the program recurses deeply; [`worker_stack_reserve`] of them is
//! added to a gilbench worker's cap, and the launcher gives the worker an environment
//! ([`WORKER_ENV`]) in which its allocators reserve little address space they do not use, so
//! `SIZE` is about the same room for the heap in both.
//!
//! How an exhausted limit shows. A Python-level `MemoryError` where the interpreter can see the
//! failure coming (a huge `[0] * n`, `bytes(n)`, `"x" * n`: it asks for the memory with a
//! fallible reservation) ends the worker with the exception on its row, as on CPython. Any
//! other failed allocation in gilbench aborts the process (Rust's allocation-error handler
//! prints `memory allocation of N bytes failed` and raises `SIGABRT`); the launcher recognises
//! that message in the worker's stderr ([`out_of_memory_in`]) and reports "out of memory
//! (MemoryError)" instead of a crash.

use std::io;

/// The environment of a gilbench worker under a limit, so that address space it reserves but
/// does not use stays small: mimalloc reserves 1 GiB for its first arena by default (here
/// 64 MiB steps), and glibc's malloc 64 MiB per thread that calls it (here one arena; the Rust
/// heap is mimalloc, glibc's malloc only serves incidental C allocations). Measured: an idle
/// worker then maps about 23 MiB beside its stacks and heap, CPython 3.11 about 16 MiB.
pub const WORKER_ENV: [(&str, &str); 2] =
    [("MIMALLOC_ARENA_RESERVE", "64MiB"), ("MALLOC_ARENA_MAX", "1")];

/// Parse a size: bytes, or a number with a K, M, G or T suffix (powers of 1024; `KiB`, `MB`,
/// `g` and the like are read the same way). `4G`, `512M`, `1.5G`, `65536`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let bad = || {
        format!("invalid size {text:?} (expected bytes or a number with K, M, G or T, such as 4G or 512M)")
    };
    let split = t.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_')).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.replace('_', "").parse().map_err(|_| bad())?;
    let unit = unit.trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return Err(bad()),
    };
    let bytes = number * (1u64 << shift) as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes >= u64::MAX as f64 {
        return Err(format!("invalid size {text:?}: must be at least 1 byte"));
    }
    Ok(bytes.round() as u64)
}

/// The native stacks a gilbench worker process reserves for a configuration of `threads`
/// workers: its interpreter thread (`interpreter_stack`), the session's main thread and one
/// Python thread stack per worker, plus one more Python thread stack of headroom.
pub fn worker_stack_reserve(interpreter_stack: usize, threads: usize) -> u64 {
    let python = crate::vm::thread::PYTHON_THREAD_STACK as u64;
    interpreter_stack as u64 + super::session::MAIN_STACK as u64 + python * (threads as u64 + 1)
}

/// Cap this process's address space (`RLIMIT_AS`, soft and hard) at `bytes`. Allocations past
/// it fail: `mmap` answers ENOMEM, so the allocator returns null.
#[cfg(unix)]
pub fn limit_address_space(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: bytes as libc::rlim_t };
    // SAFETY: `setrlimit` only reads the `rlimit` passed by reference, which lives for the call;
    // it has no other memory effects on this process.
    let status = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(unix))]
pub fn limit_address_space(_bytes: u64) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "--memory-limit needs setrlimit (Unix)"))
}

/// The line of a worker's stderr that says it ran out of memory, if any: Rust's allocation
/// failure message (`memory allocation of N bytes failed`), a Python `MemoryError`, or an
/// `ENOMEM` from the system (`Cannot allocate memory`, e.g. a thread that could not get its stack).
pub fn out_of_memory_in(stderr_tail: &str) -> Option<&str> {
    stderr_tail.lines().rev().map(str::trim).find(|l| {
        (l.starts_with("memory allocation of ") && l.ends_with(" failed"))
            || l.starts_with("MemoryError")
            || l.contains("Cannot allocate memory")
            || l.contains("out of memory")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("512MiB"), Ok(512 << 20));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert_eq!(parse_size("1.5G"), Ok(3 << 29));
        assert_eq!(parse_size("1_000_000"), Ok(1_000_000));
        assert_eq!(parse_size(" 2 GB "), Ok(2 << 30));
        for bad in ["", "G", "4X", "-1G", "0", "1e3", "4G4", "lots"] {
            assert!(parse_size(bad).is_err(), "{bad:?} parsed as {:?}", parse_size(bad));
        }
        assert!(parse_size("4Q").unwrap_err().contains("such as 4G"));
    }

    #[test]
    fn out_of_memory_is_recognised_in_stderr() {
        assert_eq!(
            out_of_memory_in("noise\nmemory allocation of 8388608 bytes failed\n"),
            Some("memory allocation of 8388608 bytes failed")
        );
        assert_eq!(
            out_of_memory_in("Traceback (most recent call last):\n  File \"w.py\", line 3, in work\nMemoryError\n"),
            Some("MemoryError")
        );
        assert!(out_of_memory_in(
            "failed to spawn thread: Os { code: 12, kind: OutOfMemory, message: \"Cannot allocate memory\" }"
        )
        .is_some());
        assert_eq!(
            out_of_memory_in("thread 'main' panicked at src/x.rs:1:1\nassertion failed"),
            None
        );
        assert_eq!(out_of_memory_in(""), None);
    }

    #[test]
    fn the_stack_reserve_grows_with_the_threads() {
        let one = worker_stack_reserve(512 << 20, 1);
        assert_eq!(
            worker_stack_reserve(512 << 20, 3) - one,
            2 * crate::vm::thread::PYTHON_THREAD_STACK as u64
        );
        assert!(one > (512 + 256) << 20);
    }
}
