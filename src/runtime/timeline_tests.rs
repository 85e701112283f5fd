//! Tests of the timeline recorder: nesting, the event cap, flushing at thread end, span building.
#![forbid(unsafe_code)]

use super::*;
use std::time::Duration;

/// Recording is process-wide: these tests take turns. Other tests of the crate may record
/// events meanwhile (their threads then appear as extra lanes), so assertions name lanes.
static SERIAL: Mutex<()> = Mutex::new(());

fn lane<'a>(t: &'a Timeline, label: &str) -> &'a ThreadLane {
    t.lanes.iter().find(|l| l.label == label).unwrap_or_else(|| panic!("no lane {label} in {t:?}"))
}

fn states(l: &ThreadLane) -> Vec<LaneState> {
    l.spans.iter().map(|s| s.state).collect()
}

fn assert_well_formed(t: &Timeline) {
    for l in &t.lanes {
        for s in &l.spans {
            assert!(s.start_ns < s.end_ns, "empty or reversed span in {}: {s:?}", l.label);
            assert!(s.end_ns <= t.duration_ns, "span past the end in {}: {s:?}", l.label);
        }
        for w in l.spans.windows(2) {
            assert!(w[0].end_ns <= w[1].start_ns, "overlapping spans in {}: {w:?}", l.label);
        }
    }
}

fn pause() {
    std::thread::sleep(Duration::from_millis(2));
}

#[test]
fn nested_states_restore_the_outer_one() {
    let _serial = SERIAL.lock();
    start(1000);
    begin_lane();
    pause();
    {
        let _blocked = enter(LaneState::Blocked);
        pause();
        {
            let _lock = enter(LaneState::PyLockWait);
            pause();
        }
        pause();
        {
            let _gil = enter(LaneState::GilWait);
            pause();
            // The same state again records nothing.
            let _again = enter(LaneState::GilWait);
            pause();
        }
        pause();
    }
    pause();
    end_lane();
    let t = finish("gil");
    assert_well_formed(&t);
    let main = lane(&t, "main");
    assert_eq!(main.interpreter, 0);
    use LaneState::*;
    assert_eq!(
        states(main),
        vec![Running, Blocked, PyLockWait, Blocked, GilWait, Blocked, Running]
    );
    assert_eq!(t.lanes[0].label, "main");
    assert_eq!(t.events_dropped, 0);
    assert_eq!(t.model, "gil");
}

#[test]
fn not_recording_records_nothing() {
    let _serial = SERIAL.lock();
    assert!(!is_recording());
    {
        let _g = enter(LaneState::Blocked);
        begin_lane();
    }
    start(10);
    let t = finish("free-threaded");
    assert!(t.lanes.iter().all(|l| l.label != "main"), "{t:?}");
}

#[test]
fn the_cap_drops_later_events_and_keeps_spans_well_formed() {
    let _serial = SERIAL.lock();
    start(5);
    begin_lane();
    for _ in 0..20 {
        let _g = enter(LaneState::ObjectLockWait);
        std::hint::black_box(0);
    }
    // Still open at the cap: closed where recording stopped for this thread.
    let _open = enter(LaneState::Copying);
    let t = finish("free-threaded");
    drop(_open);
    assert!(t.events_dropped > 0, "{t:?}");
    assert_eq!(t.event_cap, 5);
    assert_well_formed(&t);
    let main = lane(&t, "main");
    assert!(main.spans.len() <= 5, "{main:?}");
}

#[test]
fn a_thread_that_ends_is_flushed_with_its_interpreter() {
    let _serial = SERIAL.lock();
    start(1000);
    std::thread::spawn(|| {
        set_interpreter(7);
        begin_lane();
        let _b = enter(LaneState::Blocked);
        std::thread::sleep(Duration::from_millis(5));
        // No end_lane: the thread-local's destructor publishes the buffer.
    })
    .join()
    .unwrap();
    let t = finish("subinterpreters");
    assert_well_formed(&t);
    let l = t
        .lanes
        .iter()
        .find(|l| {
            l.interpreter == 7
                && l.spans
                    .iter()
                    .any(|s| s.state == LaneState::Blocked && s.end_ns - s.start_ns >= 4_000_000)
        })
        .unwrap_or_else(|| panic!("the ended thread's lane is missing: {t:?}"));
    assert!(l.label.starts_with("interp 7 · thread "), "{}", l.label);
    // Its last state stays open until the end of recording.
    assert_eq!(l.spans.last().unwrap().end_ns, t.duration_ns);
}

#[test]
fn a_new_session_forgets_the_previous_one() {
    let _serial = SERIAL.lock();
    start(1000);
    begin_lane();
    let _ = finish("gil");
    start(1000);
    let _b = enter(LaneState::Blocked);
    pause();
    drop(_b);
    let t = finish("gil");
    // The Running state of the earlier session is not restored in this one.
    assert_eq!(states(lane(&t, "main")), vec![LaneState::Blocked]);
}

#[test]
fn spans_merge_repeats_and_skip_empty_stretches() {
    use LaneState::*;
    let ev = vec![
        (100, Some(Running)),
        (100, Some(GilWait)),
        (150, Some(Running)),
        (200, Some(Running)),
        (300, None),
        (400, Some(Blocked)),
    ];
    let spans = spans_of(&ev, 100, 500);
    assert_eq!(
        spans,
        vec![
            Span { state: GilWait, start_ns: 0, end_ns: 50 },
            Span { state: Running, start_ns: 50, end_ns: 200 },
            Span { state: Blocked, start_ns: 300, end_ns: 400 },
        ]
    );
}

#[test]
fn serde_names_are_snake_case() {
    let s = serde_json::to_string(&LaneState::ObjectLockWait).unwrap();
    assert_eq!(s, "\"object_lock_wait\"");
    let back: LaneState = serde_json::from_str("\"stop_the_world\"").unwrap();
    assert_eq!(back, LaneState::StopTheWorld);
    for s in LaneState::ALL {
        assert!(!s.label().is_empty());
    }
}
