//! One thread's buffered stdout: text reaches the process's stdout in whole lines (unless flushed), so lines printed by different threads never mix.
//!
//! Every `Vm` (thread) buffers its own output. The buffer is handed to the shared process stdout
//! (under its lock, in one piece) when it is flushed: explicitly (`sys.stdout.flush()`, a
//! `print(..., flush=True)`), before the thread blocks or detaches (`allow_threads`), when the GIL
//! changes hands, when a synchronisation primitive wakes other threads, and when the thread ends.
//! A buffer that fills up on its own emits only its complete lines and keeps the unfinished last
//! one, so a line is never split between two writes that another thread could come between.

use std::io::Write;

/// Bytes buffered before complete lines are written out without a flush.
const CAPACITY: usize = 1 << 16;

/// A thread's pending stdout text (see the module notes).
#[derive(Default)]
pub struct ThreadStdout {
    buf: Vec<u8>,
}

impl ThreadStdout {
    pub fn new() -> Self {
        ThreadStdout { buf: Vec::with_capacity(CAPACITY) }
    }

    /// Nothing is waiting to be written.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Buffer `s`; a full buffer writes out its complete lines.
    #[inline]
    pub fn write_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
        if self.buf.len() >= CAPACITY {
            self.emit_complete_lines();
        }
    }

    /// Write everything buffered, partial last line included, and flush the process stdout.
    pub fn flush(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        emit(&self.buf, true);
        self.buf.clear();
    }

    fn emit_complete_lines(&mut self) {
        match self.buf.iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                emit(&self.buf[..=i], false);
                self.buf.drain(..=i);
            }
            // One enormous line: give up on keeping it whole rather than grow without bound.
            None if self.buf.len() >= 16 * CAPACITY => self.flush(),
            None => {}
        }
    }
}

/// Hand `bytes` to the process stdout in one locked write. Errors (a closed pipe) are ignored,
/// as before: the program keeps running and its output is dropped.
fn emit(bytes: &[u8], flush: bool) {
    let out = std::io::stdout();
    let mut lock = out.lock();
    let _ = lock.write_all(bytes);
    if flush {
        let _ = lock.flush();
    }
}
