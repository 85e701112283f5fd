//! Tests of `ConfigSession`: the in-process API, sessions of several models side by side, and the counters that explain the time.
#![forbid(unsafe_code)]

use super::*;

fn workload(name: &str, body: &str) -> crate::harness::temp_script::TempScript {
    crate::harness::temp_script::TempScript::new("gilbench-session", name, body)
}

const SUM: &str = "META = {'category': 'cpu', 'size': 1000, 'doc': 'sum'}\n\
def setup(size):\n    return list(range(size))\n\
def work(state, worker, workers, size):\n    return sum(state[worker::workers])\n\
def check(results, size, workers):\n    return sum(results) == size * (size - 1) // 2\n";

#[test]
fn a_session_runs_rounds_on_demand_and_stops() {
    let file = workload("sum", SUM);
    for mode in ModelKind::ALL {
        let mut s = ConfigSession::start(&file, mode, 2, 1000).unwrap();
        assert_eq!((s.mode(), s.threads(), s.size()), (mode, 2, 1000));
        let one = s.rounds(1).unwrap();
        assert_eq!(one.times.len(), 1);
        assert_eq!(one.check, Ok(()));
        let total = s.run(4).unwrap();
        assert!(total > Duration::ZERO);
        s.warm_up(2).unwrap();
        let c = s.counters().unwrap();
        assert!(
            c.contains_key("gil_acquisitions")
                && c.contains_key("lock_wait_s")
                && c.contains_key("xi_copy_s"),
            "{c:?}"
        );
        s.finish().unwrap();
    }
}

#[test]
fn sessions_of_every_model_live_side_by_side() {
    let file = workload("sum_side", SUM);
    let mut sessions: Vec<ConfigSession> = ModelKind::ALL
        .iter()
        .flat_map(|&m| {
            [
                ConfigSession::start(&file, m, 1, 500).unwrap(),
                ConfigSession::start(&file, m, 2, 500).unwrap(),
            ]
        })
        .collect();
    for round in 0..3 {
        for s in sessions.iter_mut() {
            s.run(2)
                .unwrap_or_else(|e| panic!("{:?} x {} round {round}: {e}", s.mode(), s.threads()));
        }
    }
    // Dropping without `finish` stops the threads too.
    sessions.truncate(2);
    for s in sessions {
        s.finish().unwrap();
    }
}

/// `check` can say what is wrong: by returning a message or by raising AssertionError with one;
/// a false value gets the generic wording; a truthy non-string passes.
#[test]
fn check_messages_reach_the_report() {
    let check_body =
        |body: &str| SUM.replace("    return sum(results) == size * (size - 1) // 2\n", body);
    let cases = [
        (
            "msg_str",
            "    return f'total {sum(results)}, expected {size}'\n",
            "check failed: total 499500, expected 1000",
        ),
        (
            "msg_assert",
            "    assert sum(results) == -1, f'expected -1, got {sum(results)}'\n    return True\n",
            "check failed: expected -1, got 499500",
        ),
        (
            "msg_false",
            "    return 0\n",
            "check failed: check(results, size=1000, workers=2) returned a false value",
        ),
    ];
    for mode in ModelKind::ALL {
        for (name, body, want) in cases {
            let file = workload(name, &check_body(body));
            let mut s = ConfigSession::start(&file, mode, 2, 1000).unwrap();
            assert_eq!(s.rounds(1).unwrap().check, Err(want.to_string()), "{mode:?} {name}");
            s.finish().unwrap();
        }
        let file = workload("msg_truthy", &check_body("    return 1\n"));
        let mut s = ConfigSession::start(&file, mode, 2, 1000).unwrap();
        assert_eq!(s.rounds(1).unwrap().check, Ok(()), "{mode:?}: a truthy non-string passes");
        s.finish().unwrap();
    }
}

#[test]
fn failures_are_errors_not_panics() {
    let wrong = workload("wrong", &SUM.replace("size * (size - 1) // 2", "-1"));
    let mut s = ConfigSession::start(&wrong, ModelKind::FreeThreaded, 2, 100).unwrap();
    let r = s.rounds(2).unwrap();
    assert_eq!(r.times.len(), 2, "a failed check keeps its timings");
    assert!(r.check.unwrap_err().starts_with("check failed"));
    assert!(s.run(1).unwrap_err().starts_with("check failed"));
    s.warm_up(1).unwrap();

    let raises = workload(
        "raises_sub",
        &SUM.replace("return sum(state[worker::workers])", "return 1 // (worker - worker)"),
    );
    let mut s = ConfigSession::start(&raises, ModelKind::Subinterpreters, 2, 100).unwrap();
    let e = s.run(1).unwrap_err();
    assert!(e.starts_with("worker 0: ZeroDivisionError"), "{e}");
    assert!(s.run(1).is_err(), "the session still answers after a failed round");

    let bad_setup =
        workload("bad_setup", &SUM.replace("return list(range(size))", "return undefined_name"));
    for mode in ModelKind::ALL {
        let e = ConfigSession::start(&bad_setup, mode, 2, 100).err().unwrap();
        assert!(e.starts_with("setup: NameError"), "{mode:?}: {e}");
    }
    let e =
        ConfigSession::start(Path::new("/nonexistent/w.py"), ModelKind::Gil, 1, 1).err().unwrap();
    assert!(e.starts_with("cannot read"), "{e}");
    assert!(ConfigSession::start(&wrong, ModelKind::Gil, 0, 1).is_err());
}

#[test]
fn peak_rss_is_read_on_linux() {
    if cfg!(target_os = "linux") {
        let rss = peak_rss_bytes().unwrap();
        assert!(rss > 1 << 20, "{rss}");
    }
}

/// Run rounds until `counter` is positive (contention is likely, never certain, per round).
#[cfg(not(feature = "no-counters"))]
fn eventually_positive(
    file: &Path,
    mode: ModelKind,
    threads: usize,
    size: u64,
    counter: &str,
) -> BTreeMap<String, f64> {
    let mut s = ConfigSession::start(file, mode, threads, size).unwrap();
    for _ in 0..40 {
        s.run(1).unwrap();
        let c = s.counters().unwrap();
        if c[counter] > 0.0 {
            s.reset_counters().unwrap();
            let after = s.counters().unwrap();
            assert_eq!(after[counter], 0.0, "reset_counters zeroes every thread");
            return c;
        }
    }
    panic!("{counter} stayed 0 in {mode:?} x {threads}: {:?}", s.counters());
}

#[cfg(not(feature = "no-counters"))]
#[test]
fn contended_object_locks_are_timed_in_the_free_threaded_build() {
    let file = workload(
        "shared_append",
        "META = {'size': 20000}\n\
def setup(size):\n    return []\n\
def work(state, worker, workers, size):\n    for i in range(size):\n        state.append(i)\n        state.pop()\n    return 0\n\
def check(results, size, workers):\n    return True\n",
    );
    // Long rounds: on a loaded machine two short ones may never overlap.
    let c = eventually_positive(&file, ModelKind::FreeThreaded, 2, 200_000, "lock_wait_s");
    assert!(c["object_locks_contended"] > 0.0 && c["object_locks"] >= 800_000.0, "{c:?}");
}

#[cfg(not(feature = "no-counters"))]
#[test]
fn blocking_python_lock_acquires_are_timed() {
    let file = workload(
        "pylock",
        "import threading\nMETA = {'size': 20000}\n\
def setup(size):\n    return (threading.Lock(), [0])\n\
def work(state, worker, workers, size):\n    lock, box = state\n    for i in range(size):\n        with lock:\n            box[0] += 1\n    return 0\n\
def check(results, size, workers):\n    return True\n",
    );
    let c = eventually_positive(&file, ModelKind::FreeThreaded, 2, 100_000, "pylock_wait_s");
    assert!(c["pylock_contended"] > 0.0, "{c:?}");
}

#[cfg(not(feature = "no-counters"))]
#[test]
fn gil_hand_overs_are_counted() {
    let file = workload(
        "spin",
        "META = {'size': 300000}\n\
def setup(size):\n    return None\n\
def work(state, worker, workers, size):\n    acc = 0\n    for i in range(size):\n        acc += i\n    return acc\n\
def check(results, size, workers):\n    return True\n",
    );
    let c = eventually_positive(&file, ModelKind::Gil, 2, 300000, "gil_switches");
    assert!(c["gil_acquisitions"] >= c["gil_switches"], "{c:?}");
}

#[cfg(not(feature = "no-counters"))]
#[test]
fn copies_between_interpreters_are_timed_and_counted_on_both_sides() {
    let file = workload(
        "copies",
        "META = {'size': 2000}\n\
def setup(size):\n    return None\n\
def work(state, worker, workers, size):\n    return [str(i) for i in range(size)]\n\
def check(results, size, workers):\n    return all(len(r) == size for r in results)\n",
    );
    let mut s = ConfigSession::start(&file, ModelKind::Subinterpreters, 2, 2000).unwrap();
    s.run(3).unwrap();
    let c = s.counters().unwrap();
    assert!(c["xi_copy_s"] > 0.0, "{c:?}");
    assert_eq!(c["xi_exports"], 6.0, "{c:?}");
    assert_eq!(c["xi_imports"], 6.0, "the main interpreter's imports count too: {c:?}");
    assert!(c["xi_items_imported"] >= 6.0 * 2000.0, "{c:?}");
    // Shared models copy nothing.
    let mut s = ConfigSession::start(&file, ModelKind::Gil, 2, 2000).unwrap();
    s.run(1).unwrap();
    assert_eq!(s.counters().unwrap()["xi_copy_s"], 0.0);
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workloads").join(name)
}

/// `fresh_state.py` appends to its state and fails `check` on a reused one: every round,
/// warm-up included, must get a state of its own, in every model.
#[test]
fn every_round_starts_from_a_fresh_state() {
    let file = fixture("fresh_state.py");
    for mode in ModelKind::ALL {
        for threads in [1, 2] {
            let mut s = ConfigSession::start(&file, mode, threads, 3000).unwrap();
            s.warm_up(2).unwrap();
            let r = s.rounds(3).unwrap();
            assert_eq!(r.check, Ok(()), "{mode:?} x {threads}");
            assert_eq!(r.setups.len(), 3, "{mode:?} x {threads}: one setup per measured round");
            assert!(r.setups.iter().all(|&t| t > 0.0), "{mode:?} x {threads}: {:?}", r.setups);
            // criterion's entry point too.
            s.run(2).unwrap_or_else(|e| panic!("{mode:?} x {threads}: {e}"));
            s.finish().unwrap();
        }
    }
}

/// `META["setup"] = "once"`: one `setup` per interpreter, whose state every round reuses
/// (`setup_once.py` fails its check if `setup` runs a second time).
#[test]
fn setup_once_reuses_the_state() {
    let file = fixture("setup_once.py");
    for mode in ModelKind::ALL {
        let mut s = ConfigSession::start(&file, mode, 2, 1000).unwrap();
        s.warm_up(1).unwrap();
        let r = s.rounds(3).unwrap();
        assert_eq!(r.check, Ok(()), "{mode:?}");
        assert!(r.setups.is_empty(), "{mode:?}: no setup between rounds: {:?}", r.setups);
        assert!(s.setup_s() > 0.0);
    }
    // The same file with the default policy fails, which is what makes the test above mean something.
    let per_sample = workload(
        "setup_default",
        &std::fs::read_to_string(&file).unwrap().replace("\"setup\": \"once\", ", ""),
    );
    let mut s = ConfigSession::start(&per_sample, ModelKind::Gil, 1, 1000).unwrap();
    assert!(s.rounds(2).unwrap().check.is_err());
}

#[test]
fn a_bad_setup_policy_or_a_later_failing_setup_is_an_error() {
    let bad =
        workload("bad_policy", &SUM.replace("'doc': 'sum'", "'doc': 'sum', 'setup': 'twice'"));
    for mode in ModelKind::ALL {
        let e = ConfigSession::start(&bad, mode, 1, 10).err().unwrap();
        assert!(
            e.contains(
                "META[\"setup\"] must be \"sample\" (the default) or \"once\", not \"twice\""
            ),
            "{mode:?}: {e}"
        );
    }
    let second_fails = workload(
        "second_setup_fails",
        "META = {'size': 10}\n_n = [0]\n\
def setup(size):\n    _n[0] += 1\n    if _n[0] > 1:\n        raise ValueError('setup %d' % _n[0])\n    return []\n\
def work(state, worker, workers, size):\n    return 0\n\
def check(results, size, workers):\n    return True\n",
    );
    for mode in ModelKind::ALL {
        let mut s = ConfigSession::start(&second_fails, mode, 2, 10).unwrap();
        s.rounds(1).unwrap();
        let e = s.rounds(1).unwrap_err();
        assert!(e.starts_with("setup: ValueError: setup 2"), "{mode:?}: {e}");
        s.finish().unwrap();
    }
}

/// The old state is dropped before the new `setup` runs: the heap peak over many rounds stays
/// that of one state (per interpreter), not two.
#[test]
fn the_old_state_is_freed_before_the_next_setup() {
    let file = workload(
        "big_state",
        "META = {'size': 3_000_000}\n\
def setup(size):\n    return [0] * size\n\
def work(state, worker, workers, size):\n    return len(state)\n\
def check(results, size, workers):\n    return results == [size] * workers\n",
    );
    for mode in ModelKind::ALL {
        let mut s = ConfigSession::start(&file, mode, 2, 3_000_000).unwrap();
        let one_state = s.counters().unwrap()["heap_peak_bytes"];
        assert!(one_state > 3_000_000.0 * 8.0, "{mode:?}: {one_state}");
        let r = s.rounds(4).unwrap();
        assert_eq!((r.check, r.setups.len()), (Ok(()), 4));
        let peak = s.counters().unwrap()["heap_peak_bytes"];
        assert!(
            peak < 1.5 * one_state,
            "{mode:?}: heap peak {peak} after 4 fresh states, {one_state} with one"
        );
    }
}

/// `setup` runs between rounds but its allocations never reach the counters of the timed
/// sections: a workload whose setup allocates 100k objects and whose work allocates nothing.
#[cfg(not(feature = "no-counters"))]
#[test]
fn setup_is_not_counted() {
    let file = workload(
        "setup_allocates",
        "META = {'size': 100000}\n\
def setup(size):\n    return [str(i) for i in range(size)]\n\
def work(state, worker, workers, size):\n    return 0\n\
def check(results, size, workers):\n    return True\n",
    );
    for mode in ModelKind::ALL {
        let mut s = ConfigSession::start(&file, mode, 2, 100_000).unwrap();
        s.warm_up(1).unwrap();
        s.reset_counters().unwrap();
        let r = s.rounds(3).unwrap();
        assert_eq!(r.setups.len(), 3);
        let c = s.counters().unwrap();
        assert!(
            c["allocations"] < 20_000.0,
            "{mode:?}: 3 setups of 100k strings leaked into the counters: {c:?}"
        );
        assert!(
            c["deallocations"] < 20_000.0,
            "{mode:?}: freeing the old states leaked into the counters: {c:?}"
        );
    }
}
