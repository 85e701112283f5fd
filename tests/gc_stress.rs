//! The cyclic GC under load, through the CLI: millions of cyclic objects run in bounded memory in every build, and free-threaded threads keep making cycles while another thread stops the world for collections over and over.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::RunOutput;

const LIMIT: Duration = Duration::from_secs(180);

fn run(dir: &Path, mode: &str, source: &str, args: &[&str]) -> RunOutput {
    common::run_source(dir, mode, source, args, LIMIT)
}

fn ok(o: &RunOutput, what: &str) -> String {
    let ctx = format!(
        "{what}: {}\n--- stdout\n{}--- stderr\n{}",
        o.describe_status(),
        o.stdout,
        o.stderr
    );
    assert_eq!(o.code, Some(0), "{ctx}");
    assert_eq!(o.stderr, "", "{ctx}");
    o.stdout.clone()
}

/// Make N cyclic structures (two instances pointing at each other, each with a list holding
/// itself), drop them, and print the peak RSS growth in MiB and how many objects the
/// collections found. With gc.disable() nothing would free them.
const CHURN: &str = r#"
import gc, resource, sys
N = int(sys.argv[1])
class Node:
    def __init__(self, i):
        self.i = i
        self.peer = None
        self.box = [self]
def churn(n):
    for i in range(n):
        a = Node(i); b = Node(i)
        a.peer = b; b.peer = a
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
churn(N)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024
collected = sum(s["collected"] for s in gc.get_stats())
print(grown, collected >= 4 * N * 9 // 10)
"#;

#[test]
fn a_million_cyclic_objects_run_in_bounded_memory_in_every_build() {
    let dir = common::scratch("gc-churn");
    // 250 000 iterations x 4 objects (two instances, two lists): 1 000 000 cyclic objects,
    // several hundred MiB if nothing collected them.
    for mode in common::MODES {
        let out = ok(&run(&dir, mode, CHURN, &["250000"]), mode);
        let mut parts = out.split_whitespace();
        let grown: i64 =
            parts.next().and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("{mode}: {out}"));
        assert_eq!(parts.next(), Some("True"), "{mode}: the collections found the garbage: {out}");
        assert!(grown < 64, "{mode}: peak RSS grew by {grown} MiB for 1M cyclic objects");
    }
}

/// Four threads make cycles while a fifth calls gc.collect() in a loop: every collection
/// stops the world in the free-threaded build. Each worker checks its own live structures
/// after every round, so a collection that freed something reachable shows up as a wrong sum
/// (or a crash), never silently.
const THREADS: &str = r#"
import gc, sys, threading
N = int(sys.argv[1])
W = 4
class Node:
    def __init__(self, v):
        self.v = v
        self.next = self
done = threading.Event()
bad = []
def worker(w):
    keep = []
    for r in range(N):
        a = Node(r); b = Node(r + 1)
        a.next = b; b.next = a
        ring = [a, b]; ring.append(ring)
        keep.append(ring)
        if len(keep) > 50:
            keep.pop(0)
        s = sum(x[0].v + x[1].next.next.v for x in keep)
        if s != sum(2 * x[0].v + 1 for x in keep):
            bad.append((w, r))
def collector():
    n = 0
    while not done.is_set():
        gc.collect(n % 3)
        n += 1
    print("collections", n > 5)
c = threading.Thread(target=collector)
c.start()
ts = [threading.Thread(target=worker, args=(w,)) for w in range(W)]
for t in ts: t.start()
for t in ts: t.join()
done.set()
c.join()
print("bad", len(bad), bad[:3])
"#;

#[test]
fn threads_make_cycles_while_collections_stop_the_world() {
    let dir = common::scratch("gc-threads");
    for mode in common::MODES {
        let out = ok(&run(&dir, mode, THREADS, &["20000"]), mode);
        assert_eq!(out, "collections True\nbad 0 []\n", "{mode}");
    }
    // Workers end while the collector keeps stopping the world: a thread that freed objects
    // after detaching (merging its refcount queue at exit) corrupted the heap in about one run
    // in four, so the free-threaded build runs it a few more times.
    for round in 0..6 {
        let out = ok(
            &run(&dir, "free-threaded", THREADS, &["3000"]),
            &format!("free-threaded, round {round}"),
        );
        assert_eq!(out, "collections True\nbad 0 []\n", "free-threaded, round {round}");
    }
}

/// Collect-on-every-allocation (the stress setting) with threads in the free-threaded build.
#[test]
fn stress_setting_with_threads() {
    let dir = common::scratch("gc-stress-threads");
    std::fs::write(&*dir.join("prog.py"), THREADS).unwrap();
    let mut cmd = Command::new(common::gilbench_bin());
    cmd.args(["run", "--mode", "free-threaded", "prog.py", "2000"])
        .current_dir(&*dir)
        .env("GILBENCH_GC_STRESS", "1");
    let out = ok(&common::run_with_timeout(cmd, LIMIT, None), "stress");
    assert_eq!(out, "collections True\nbad 0 []\n");
}
