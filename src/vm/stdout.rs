//! One thread's buffered stdout: text reaches the process's stdout in whole lines (unless flushed), so lines printed by different threads never mix.
//!
//! Every `Vm` (thread) buffers its own output. The buffer is handed to the shared process stdout
//! (under its lock, in one piece) when it is flushed: explicitly (`sys.stdout.flush()`, a
//! `print(..., flush=True)`), before the thread blocks or detaches (`allow_threads`), when the GIL
//! changes hands, when a synchronisation primitive wakes other threads, and when the thread ends.
//! A buffer that fills up on its own emits only its complete lines and keeps the unfinished last
//! one, so a line is never split between two writes that another thread could come between.
//!
//! The interpreter keeps a [`Registry`] of its threads' buffers so that the main thread can flush
//! them all at exit: output of daemon threads still running then is not lost. Each buffer sits
//! behind its own mutex, which only its thread takes (uncontended) until that final flush.
#![forbid(unsafe_code)]

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};

use parking_lot::Mutex;

/// Set once a write to the process stdout failed because its reader went away (a closed
/// pipe: `gilbench run prog.py | head -1`). From then on every Python-level write to stdout
/// raises `BrokenPipeError` (`Vm::check_stdout`), as CPython's writes do, so the program ends
/// instead of computing on with nowhere to print; the text is dropped.
static BROKEN: AtomicBool = AtomicBool::new(false);

/// Whether the process stdout has been found closed (see [`BROKEN`]).
pub fn is_broken() -> bool {
    BROKEN.load(Ordering::Relaxed)
}

/// Bytes buffered before complete lines are written out without a flush.
const CAPACITY: usize = 1 << 16;

type Buffer = Arc<Mutex<Vec<u8>>>;

/// A thread's pending stdout text (see the module notes).
pub struct ThreadStdout {
    buf: Buffer,
}

/// The stdout buffers of one interpreter's threads (weak: a thread's buffer goes with it).
#[derive(Default)]
pub struct Registry {
    buffers: Mutex<Vec<Weak<Mutex<Vec<u8>>>>>,
}

impl Registry {
    /// Write out every live thread's pending text (interpreter exit).
    pub fn flush_all(&self) {
        let live: Vec<Buffer> = self.buffers.lock().iter().filter_map(Weak::upgrade).collect();
        for b in live {
            let mut b = b.lock();
            if !b.is_empty() {
                emit(&b, true);
                b.clear();
            }
        }
    }
}

impl Registry {
    /// Write out every live thread's complete lines and drop the rest: what a line-buffered
    /// stream (CPython's stdout on a terminal) has already shown when `os._exit` ends the process.
    pub fn emit_complete_lines_all(&self) {
        let live: Vec<Buffer> = self.buffers.lock().iter().filter_map(Weak::upgrade).collect();
        for b in live {
            let mut b = b.lock();
            if let Some(i) = b.iter().rposition(|&c| c == b'\n') {
                emit(&b[..=i], true);
            }
            b.clear();
        }
    }
}

impl ThreadStdout {
    /// A new buffer, registered with its interpreter's `registry`.
    pub fn new(registry: &Registry) -> Self {
        let buf = Arc::new(Mutex::new(Vec::with_capacity(CAPACITY)));
        let mut list = registry.buffers.lock();
        list.retain(|w| w.strong_count() > 0);
        list.push(Arc::downgrade(&buf));
        ThreadStdout { buf }
    }

    /// Nothing is waiting to be written.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.lock().is_empty()
    }

    /// Buffer `s`; a full buffer writes out its complete lines.
    #[inline]
    pub fn write_str(&mut self, s: &str) {
        let mut b = self.buf.lock();
        b.extend_from_slice(s.as_bytes());
        if b.len() >= CAPACITY {
            emit_complete_lines(&mut b);
        }
    }

    /// Drop what is buffered (the process stdout is gone).
    pub fn discard(&mut self) {
        self.buf.lock().clear();
    }

    /// Write everything buffered, partial last line included, and flush the process stdout.
    pub fn flush(&mut self) {
        let mut b = self.buf.lock();
        if !b.is_empty() {
            emit(&b, true);
            b.clear();
        }
    }
}

fn emit_complete_lines(b: &mut Vec<u8>) {
    match b.iter().rposition(|&c| c == b'\n') {
        Some(i) => {
            emit(&b[..=i], false);
            b.drain(..=i);
        }
        // One enormous line: give up on keeping it whole rather than grow without bound.
        None if b.len() >= 16 * CAPACITY => {
            emit(b, true);
            b.clear();
        }
        None => {}
    }
}

/// Hand `bytes` to the process stdout in one locked write. A closed pipe sets [`BROKEN`] (the
/// next Python write raises); other errors drop the text.
fn emit(bytes: &[u8], flush: bool) {
    if is_broken() {
        return;
    }
    let out = std::io::stdout();
    let mut lock = out.lock();
    let mut r = lock.write_all(bytes);
    if flush && r.is_ok() {
        r = lock.flush();
    }
    if let Err(e) = r {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            BROKEN.store(true, Ordering::Relaxed);
        }
    }
}
