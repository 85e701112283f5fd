//! One child process run to its end with its resource usage: wall time, user and system CPU time, peak RSS; killed with its whole process group at a timeout.
//!
//! Public API: [`run_child`] with a [`ChildSpec`], answering a [`ChildOutcome`]. `gilbench
//! compare` runs every model's worker and every `--python` interpreter through it, so all rows
//! are measured the same way, from outside the program.
//!
//! Implementation notes (this module has the harness's `unsafe` calls besides `limits.rs`: three
//! `libc` calls, each with its `// SAFETY:` comment):
//!
//! * The child is spawned by `std::process::Command` in a new process group of its own
//!   (`process_group(0)`), so a timeout can kill the program together with anything it started
//!   (`kill(-pgid, SIGKILL)`); the parent's group, and so the user's terminal, is never signalled.
//! * Who reaps. The child is reaped by exactly one `wait4(pid, ..., 0, &rusage)` call, on a helper
//!   thread that owns that duty: the kernel hands over the child's rusage (CPU times of the child
//!   and of its waited-for descendants, and its peak RSS) only to the call that reaps it. The
//!   `std::process::Child` handle is never waited on, so std never reaps the pid behind our back;
//!   dropping it neither kills nor waits. Until `wait4` returns the pid stays a zombie at worst,
//!   so it cannot be reused and the timeout's `kill` cannot hit an unrelated process.
//! * The race between the timeout and a normal exit is harmless: if the child exits just as the
//!   timeout fires, the group kill finds a zombie (or nothing) and the outcome still says
//!   "timed out", which is what the caller asked for at that instant.
//! * Wall time runs from just before `spawn` to the moment `wait4` returns on the helper thread,
//!   so it includes process start-up, the same for every row.

use std::ffi::OsString;
use std::fs::File;
use std::io;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What to run and where its standard streams go.
#[derive(Debug, Clone)]
pub struct ChildSpec {
    pub program: PathBuf,
    pub args: Vec<OsString>,
    /// Environment variables to set (on top of the inherited environment).
    pub env: Vec<(String, String)>,
    /// Standard input: this file, or `/dev/null`.
    pub stdin: Option<PathBuf>,
    /// Files receiving standard output and standard error (created or truncated).
    pub stdout: PathBuf,
    pub stderr: PathBuf,
    pub timeout: Duration,
}

/// How the child ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChildEnd {
    Exited(i32),
    /// Killed by this signal (not ours).
    Signaled(i32),
    /// Still running at the timeout: killed with its process group.
    TimedOut,
}

/// A finished child's end and resource usage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChildOutcome {
    pub end: ChildEnd,
    pub wall: Duration,
    pub user: Duration,
    pub sys: Duration,
    /// Peak resident set size (the kernel's `ru_maxrss`, KiB, converted to bytes).
    pub max_rss_bytes: u64,
}

impl ChildOutcome {
    /// User + system CPU time.
    pub fn cpu(&self) -> Duration {
        self.user + self.sys
    }
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// Run `spec` to its end (or its timeout) and report how it went.
pub fn run_child(spec: &ChildSpec) -> io::Result<ChildOutcome> {
    use std::os::unix::process::CommandExt;
    let stdin = match &spec.stdin {
        Some(path) => Stdio::from(File::open(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot open {}: {e}", path.display()))
        })?),
        None => Stdio::null(),
    };
    let stdout = File::create(&spec.stdout)?;
    let stderr = File::create(&spec.stderr)?;
    let mut cmd = Command::new(&spec.program);
    cmd.args(&spec.args).stdin(stdin).stdout(stdout).stderr(stderr).process_group(0);
    for (k, v) in &spec.env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let child = cmd
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", spec.program.display())))?;
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = crossbeam::channel::bounded(1);
    std::thread::Builder::new().name("gilbench-reaper".into()).spawn(move || {
        let mut status: libc::c_int = 0;
        // SAFETY: `rusage` is plain old data; zeroed is a valid value for wait4 to overwrite.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let result = loop {
            // SAFETY: `status` and `usage` are valid, exclusive pointers for the whole call; `pid`
            // is our own unreaped child (see the module notes: only this thread reaps it).
            let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            if r == pid {
                break Ok((status, usage, Instant::now()));
            }
            let err = io::Error::last_os_error();
            if err.kind() != io::ErrorKind::Interrupted {
                break Err(err);
            }
        };
        let _ = tx.send(result);
    })?;
    drop(child);
    let (timed_out, reaped) = match rx.recv_timeout(spec.timeout) {
        Ok(r) => (false, r),
        Err(_) => {
            // SAFETY: a plain syscall; `-pid` names the process group the child leads (it was
            // spawned with process_group(0)), which cannot have been reused while unreaped.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            (
                true,
                rx.recv()
                    .map_err(|_| io::Error::other("the reaper thread ended without an answer"))?,
            )
        }
    };
    let (status, usage, ended) = reaped?;
    let end = if timed_out {
        ChildEnd::TimedOut
    } else if libc::WIFEXITED(status) {
        ChildEnd::Exited(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        ChildEnd::Signaled(libc::WTERMSIG(status))
    } else {
        ChildEnd::Exited(-1)
    };
    Ok(ChildOutcome {
        end,
        wall: ended.duration_since(start),
        user: timeval(usage.ru_utime),
        sys: timeval(usage.ru_stime),
        max_rss_bytes: (usage.ru_maxrss.max(0) as u64) * 1024,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(dir: &std::path::Path, script: &str, timeout_ms: u64) -> ChildSpec {
        ChildSpec {
            program: "/bin/sh".into(),
            args: vec!["-c".into(), script.into()],
            env: vec![("GILBENCH_CHILD_TEST".into(), "yes".into())],
            stdin: None,
            stdout: dir.join("out"),
            stderr: dir.join("err"),
            timeout: Duration::from_millis(timeout_ms),
        }
    }

    #[test]
    fn exits_signals_timeouts_and_usage() {
        let dir = std::env::temp_dir().join(format!("gilbench-child-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ok = run_child(&spec(&dir, "echo $GILBENCH_CHILD_TEST; echo e >&2; exit 3", 10_000))
            .unwrap();
        assert_eq!(ok.end, ChildEnd::Exited(3));
        assert_eq!(std::fs::read_to_string(dir.join("out")).unwrap(), "yes\n");
        assert_eq!(std::fs::read_to_string(dir.join("err")).unwrap(), "e\n");
        assert!(ok.max_rss_bytes > 0);
        let busy =
            run_child(&spec(&dir, "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done", 60_000))
                .unwrap();
        assert!(busy.cpu() > Duration::from_millis(10), "{busy:?}");
        let killed = run_child(&spec(&dir, "kill -TERM $$", 10_000)).unwrap();
        assert_eq!(killed.end, ChildEnd::Signaled(libc::SIGTERM));
        // The whole group goes at the timeout: the background sleep too (else `wait4` of the
        // shell would still return, but the sleeper would linger holding the output file).
        let t = Instant::now();
        let hung = run_child(&spec(&dir, "sleep 30 & sleep 30", 200)).unwrap();
        assert_eq!(hung.end, ChildEnd::TimedOut);
        assert!(t.elapsed() < Duration::from_secs(10));
        let missing = ChildSpec { program: dir.join("no-such-program"), ..spec(&dir, "", 1000) };
        assert!(run_child(&missing).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
