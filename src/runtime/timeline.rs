//! The thread timeline (`--timeline`): what each thread was doing over time, recorded as per-thread buffers of state changes and merged into lanes of spans at the end.
//!
//! Public API: the plain data types [`LaneState`], [`Span`], [`ThreadLane`] and [`Timeline`]
//! (serde; `report` reads them and nothing else of `runtime`, so they depend on nothing here);
//! [`start`] / [`finish`] around one run; [`is_recording`]; and the hooks the runtime calls on
//! its slow paths: [`enter`] (a state until the returned guard is dropped), [`begin_lane`] /
//! [`end_lane`] (a thread attaches to / leaves its interpreter for good) and [`set_interpreter`].
//!
//! Implementation notes:
//!
//! * Off, every hook costs one relaxed load of [`RECORDING`], and hooks sit only where a thread
//!   is about to wait, block, park or copy (never on an uncontended lock or a counter bump).
//! * On, a state change reads the clock and appends `(ns, state)` to the calling thread's
//!   buffer (a `thread_local!` `RefCell<Vec<_>>`): no lock, no shared write but one counter.
//!   A lane's end (and a thread's exit, and parking for stop-the-world, which may last until
//!   the process ends) moves the buffer into the global list of segments; [`finish`] flushes the
//!   caller's own buffer, takes the segments and turns each thread's transitions into spans.
//! * A thread's state is a stack kept implicitly by the guards: [`enter`] remembers the state it
//!   replaces and the guard restores it when dropped, so `Blocked` around a lock wait around a
//!   GIL re-take reads `Blocked`, `PyLockWait`, `Blocked`, `GilWait`, `Running`. A change to the
//!   state the thread is already in records nothing.
//! * The event cap counts recorded changes across all threads (one atomic counter). Past it a
//!   thread records one final "nothing from here" marker (not counted, at most one per thread)
//!   so its last span is closed where recording stopped, and counts the rest in
//!   `events_dropped`.
//! * Sessions are numbered: a buffer left by an earlier session (a thread that never ended) is
//!   discarded at its next change, never merged into a later timeline.
#![forbid(unsafe_code)]

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::LazyLock;
use std::time::Instant;

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

/// What a thread is doing.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LaneState {
    /// Attached to its interpreter, running Python (or the runtime on its behalf).
    Running,
    /// Waiting to take the GIL (or handing it over on a forced switch).
    GilWait,
    /// Waiting for a container's lock (free-threaded build).
    ObjectLockWait,
    /// Waiting for a `threading.Lock` / `RLock` (or what is built on them).
    PyLockWait,
    /// Detached in a blocking call: sleep, join, queue wait, I/O.
    Blocked,
    /// Parked while another thread has stopped the world.
    StopTheWorld,
    /// Copying a value between interpreters.
    Copying,
}

impl LaneState {
    /// Every state, in legend order.
    pub const ALL: [LaneState; 7] = [
        LaneState::Running,
        LaneState::GilWait,
        LaneState::ObjectLockWait,
        LaneState::PyLockWait,
        LaneState::Blocked,
        LaneState::StopTheWorld,
        LaneState::Copying,
    ];

    /// The words a chart's legend uses.
    pub fn label(self) -> &'static str {
        match self {
            LaneState::Running => "running Python",
            LaneState::GilWait => "waiting for the GIL",
            LaneState::ObjectLockWait => "waiting on an object lock",
            LaneState::PyLockWait => "waiting on a Python lock",
            LaneState::Blocked => "blocked (I/O, sleep)",
            LaneState::StopTheWorld => "parked (stop-the-world)",
            LaneState::Copying => "copying between interpreters",
        }
    }
}

/// One stretch of one state, in nanoseconds since recording started (`start_ns < end_ns`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Span {
    pub state: LaneState,
    pub start_ns: u64,
    pub end_ns: u64,
}

/// One OS thread's spans, in time order and never overlapping.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ThreadLane {
    /// `main`, `thread 1`, ...; `interp 2 · thread 3` for a thread of a subinterpreter.
    pub label: String,
    /// The interpreter the thread ran in (0: the main interpreter).
    pub interpreter: u32,
    pub spans: Vec<Span>,
}

/// One run's timeline: every thread that changed state, the main thread first, then in the
/// order of their first change.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Timeline {
    /// The execution model's name (`gil`, `free-threaded`, `subinterpreters`).
    pub model: String,
    /// From [`start`] to [`finish`].
    pub duration_ns: u64,
    pub lanes: Vec<ThreadLane>,
    /// The most state changes recorded.
    pub event_cap: usize,
    /// Changes past the cap (counted, not recorded).
    pub events_dropped: u64,
}

/// Whether hooks record (one relaxed load on their paths when off).
static RECORDING: AtomicBool = AtomicBool::new(false);
/// The clock's origin for every timestamp of the process.
static EPOCH: LazyLock<Instant> = LazyLock::new(Instant::now);
/// The current session's number (0: none yet).
static GENERATION: AtomicU64 = AtomicU64::new(0);
/// State changes recorded in this session, all threads together.
static EVENTS: AtomicUsize = AtomicUsize::new(0);
static CAP: AtomicUsize = AtomicUsize::new(0);
static DROPPED: AtomicU64 = AtomicU64::new(0);
/// Thread keys: never reused, so lanes of different threads never merge.
static NEXT_THREAD: AtomicU64 = AtomicU64::new(1);

/// A transition: from `ns` on, the thread is in `state` (`None`: nothing to draw from here).
type Event = (u64, Option<LaneState>);

/// Part of one thread's transitions, moved out of its buffer.
struct Segment {
    thread: u64,
    interpreter: u32,
    events: Vec<Event>,
}

struct Session {
    generation: u64,
    start_ns: u64,
    /// The thread that called [`start`] (labelled `main`).
    main_thread: u64,
    segments: Vec<Segment>,
}

static SESSION: Mutex<Session> =
    Mutex::new(Session { generation: 0, start_ns: 0, main_thread: 0, segments: Vec::new() });

/// One thread's buffer and state (see the module notes).
struct Local {
    thread: u64,
    generation: u64,
    interpreter: u32,
    current: Option<LaneState>,
    /// Past the cap: this thread records nothing more this session.
    truncated: bool,
    events: Vec<Event>,
}

impl Local {
    fn new() -> Local {
        Local {
            thread: NEXT_THREAD.fetch_add(1, Ordering::Relaxed),
            generation: 0,
            interpreter: 0,
            current: None,
            truncated: false,
            events: Vec::new(),
        }
    }

    /// Forget what belongs to an earlier session.
    fn sync(&mut self, generation: u64) {
        if self.generation != generation {
            self.generation = generation;
            self.current = None;
            self.truncated = false;
            self.events.clear();
        }
    }

    fn set(&mut self, state: Option<LaneState>) {
        if self.current == state {
            return;
        }
        self.current = state;
        if self.truncated {
            DROPPED.fetch_add(1, Ordering::Relaxed);
            return;
        }
        if EVENTS.fetch_add(1, Ordering::Relaxed) >= CAP.load(Ordering::Relaxed) {
            // The cap is reached: close this lane here, count the rest.
            self.truncated = true;
            DROPPED.fetch_add(1, Ordering::Relaxed);
            self.events.push((now_ns(), None));
            return;
        }
        self.events.push((now_ns(), state));
    }

    /// Move the buffer into the session's segments (if it belongs to the current session).
    fn flush(&mut self) {
        if self.events.is_empty() {
            return;
        }
        let events = std::mem::take(&mut self.events);
        let mut session = SESSION.lock();
        if session.generation == self.generation {
            session.segments.push(Segment {
                thread: self.thread,
                interpreter: self.interpreter,
                events,
            });
        }
    }
}

/// Flushes the buffer when the thread ends.
struct Holder(RefCell<Local>);

impl Drop for Holder {
    fn drop(&mut self) {
        self.0.get_mut().flush();
    }
}

thread_local! {
    static LOCAL: Holder = Holder(RefCell::new(Local::new()));
}

fn now_ns() -> u64 {
    EPOCH.elapsed().as_nanos().min(u64::MAX as u128) as u64
}

/// Run `f` on this thread's buffer, synced to the current session (nothing if the thread is
/// ending or the buffer is in use further up the stack).
fn with_local<R>(f: impl FnOnce(&mut Local) -> R) -> Option<R> {
    let generation = GENERATION.load(Ordering::Acquire);
    LOCAL
        .try_with(|h| {
            let mut l = h.0.try_borrow_mut().ok()?;
            l.sync(generation);
            Some(f(&mut l))
        })
        .ok()
        .flatten()
}

/// Is a timeline being recorded? One relaxed load: the hooks' whole cost when it is not.
#[inline(always)]
pub fn is_recording() -> bool {
    RECORDING.load(Ordering::Relaxed)
}

/// Start recording (a new session: whatever an earlier one left is discarded). The calling
/// thread is the `main` lane. At most `event_cap` state changes are recorded.
pub fn start(event_cap: usize) {
    let now = now_ns();
    let me = with_local(|l| l.thread).unwrap_or(0);
    {
        let mut session = SESSION.lock();
        let generation = session.generation + 1;
        *session = Session { generation, start_ns: now, main_thread: me, segments: Vec::new() };
        EVENTS.store(0, Ordering::Relaxed);
        DROPPED.store(0, Ordering::Relaxed);
        CAP.store(event_cap, Ordering::Relaxed);
        GENERATION.store(generation, Ordering::Release);
    }
    RECORDING.store(true, Ordering::Release);
}

/// Stop recording and build the timeline of `model`: the caller's buffer is flushed, buffers of
/// threads that ended (or left their interpreter) are merged, states still open are closed now.
/// Threads still running elsewhere contribute what they flushed so far.
pub fn finish(model: &str) -> Timeline {
    RECORDING.store(false, Ordering::Release);
    let end = now_ns();
    with_local(|l| l.flush());
    let (start_ns, main_thread, segments) = {
        let mut session = SESSION.lock();
        (session.start_ns, session.main_thread, std::mem::take(&mut session.segments))
    };
    Timeline {
        model: model.to_string(),
        duration_ns: end.saturating_sub(start_ns),
        lanes: build_lanes(segments, start_ns, end, main_thread),
        event_cap: CAP.load(Ordering::Relaxed),
        events_dropped: DROPPED.load(Ordering::Relaxed),
    }
}

/// Group segments by thread and turn transitions into spans relative to `start_ns`.
fn build_lanes(
    segments: Vec<Segment>,
    start_ns: u64,
    end_ns: u64,
    main_thread: u64,
) -> Vec<ThreadLane> {
    // (thread, interpreter, events) in order of first event.
    let mut threads: Vec<(u64, u32, Vec<Event>)> = Vec::new();
    for seg in segments {
        match threads.iter_mut().find(|t| t.0 == seg.thread) {
            Some(t) => {
                if seg.interpreter != 0 {
                    t.1 = seg.interpreter;
                }
                t.2.extend(seg.events);
            }
            None => threads.push((seg.thread, seg.interpreter, seg.events)),
        }
    }
    for t in threads.iter_mut() {
        t.2.sort_by_key(|e| e.0);
    }
    threads.retain(|t| !t.2.is_empty());
    threads.sort_by_key(|t| (t.0 != main_thread, t.2[0].0));
    let mut next = 1;
    let mut lanes = Vec::new();
    for (thread, interpreter, events) in threads {
        let name = if thread == main_thread {
            "main".to_string()
        } else {
            next += 1;
            format!("thread {}", next - 1)
        };
        let label = if interpreter != 0 { format!("interp {interpreter} · {name}") } else { name };
        lanes.push(ThreadLane { label, interpreter, spans: spans_of(&events, start_ns, end_ns) });
    }
    lanes
}

/// Spans from one thread's time-ordered transitions; an open state ends at `end_ns`.
fn spans_of(events: &[Event], start_ns: u64, end_ns: u64) -> Vec<Span> {
    let rel = |t: u64| t.clamp(start_ns, end_ns.max(start_ns)) - start_ns;
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(LaneState, u64)> = None;
    let close = |open: Option<(LaneState, u64)>, at: u64, spans: &mut Vec<Span>| {
        if let Some((state, from)) = open {
            if at > from {
                match spans.last_mut() {
                    Some(last) if last.state == state && last.end_ns == from => last.end_ns = at,
                    _ => spans.push(Span { state, start_ns: from, end_ns: at }),
                }
            }
        }
    };
    for &(t, state) in events {
        let t = rel(t);
        close(open, t, &mut spans);
        open = state.map(|s| (s, t));
    }
    close(open, rel(end_ns), &mut spans);
    spans
}

/// Restores the state [`enter`] replaced when dropped.
#[must_use = "the state lasts until the guard is dropped"]
pub struct TimelineGuard {
    /// The session the change was recorded in (0: the guard does nothing).
    generation: u64,
    prev: Option<LaneState>,
}

impl TimelineGuard {
    /// A guard that records nothing.
    pub const INERT: TimelineGuard = TimelineGuard { generation: 0, prev: None };
}

impl Drop for TimelineGuard {
    #[inline]
    fn drop(&mut self) {
        if self.generation != 0 {
            leave(self.generation, self.prev);
        }
    }
}

/// The calling thread is in `state` until the guard is dropped (then back in the state it was
/// in). A no-op guard when not recording.
#[inline]
pub fn enter(state: LaneState) -> TimelineGuard {
    if !is_recording() {
        return TimelineGuard::INERT;
    }
    enter_slow(state)
}

#[cold]
#[inline(never)]
fn enter_slow(state: LaneState) -> TimelineGuard {
    with_local(|l| {
        let prev = l.current;
        if prev == Some(state) {
            return TimelineGuard::INERT;
        }
        l.set(Some(state));
        if state == LaneState::StopTheWorld {
            // A parked thread may never wake (daemon threads at exit): publish what it has.
            l.flush();
        }
        TimelineGuard { generation: l.generation, prev }
    })
    .unwrap_or(TimelineGuard::INERT)
}

#[cold]
#[inline(never)]
fn leave(generation: u64, prev: Option<LaneState>) {
    if !is_recording() || GENERATION.load(Ordering::Acquire) != generation {
        return;
    }
    with_local(|l| l.set(prev));
}

/// The calling thread has attached to its interpreter: it runs Python from now on.
pub fn begin_lane() {
    if is_recording() {
        with_local(|l| l.set(Some(LaneState::Running)));
    }
}

/// The calling thread leaves its interpreter for good (its context is dropped): nothing more
/// to draw for it until it attaches again; its buffer is published.
pub fn end_lane() {
    if is_recording() {
        with_local(|l| {
            l.set(None);
            l.flush();
        });
    }
}

/// The interpreter the calling thread runs in (0: the main one), for its lane's label.
pub fn set_interpreter(id: u32) {
    // Not tied to a session: a thread keeps its interpreter across runs.
    let _ = LOCAL.try_with(|h| {
        if let Ok(mut l) = h.0.try_borrow_mut() {
            l.interpreter = id;
        }
    });
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
