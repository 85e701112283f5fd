//! Threads under stress, through the CLI: shared lists and dicts in the free-threaded build lose nothing and never crash, iteration during mutation is an exception at worst, and output from many threads arrives in whole lines.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::RunOutput;

const LIMIT: Duration = Duration::from_secs(120);

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(tag: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("gilbench-threads-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// `gilbench run --mode MODE prog.py ARGS...` on `source`.
fn run(dir: &Path, mode: &str, source: &str, args: &[&str]) -> RunOutput {
    common::run_source(dir, mode, source, args, LIMIT)
}

/// The run ended normally (no panic, no signal, no timeout) with `stdout` and an empty stderr.
fn assert_clean(o: &RunOutput, stdout: &str, what: &str) {
    let ctx = format!(
        "{what}: {}\n--- stdout\n{}--- stderr\n{}",
        o.describe_status(),
        o.stdout,
        o.stderr
    );
    assert_eq!(o.code, Some(0), "{ctx}");
    assert_eq!(o.stderr, "", "{ctx}");
    assert_eq!(o.stdout, stdout, "{ctx}");
}

const APPENDS: &str = r#"
import sys, threading
N = int(sys.argv[1])
T = 8
shared = []
def work():
    app = shared.append
    for i in range(N):
        app(i)
ts = [threading.Thread(target=work) for _ in range(T)]
for t in ts: t.start()
for t in ts: t.join()
print(len(shared), sum(shared) == T * (N * (N - 1) // 2))
"#;

const DICTS: &str = r#"
import sys, threading
N = int(sys.argv[1])
W = 4
d = {}
stop = threading.Event()
bad_reads = []

def writer(w):
    for i in range(N):
        d[(w, i)] = i
        if i % 3 == 0:
            d.pop((w, i - 3), None)
        d["shared"] = i

def reader():
    while not stop.is_set():
        for w in range(W):
            v = d.get((w, 5))
            if v is not None and v != 5:
                bad_reads.append(v)
        d.get("shared")
        len(d)

def iterator():
    while not stop.is_set():
        try:
            for k in d:
                pass
            list(d.items())
            list(d.values())
        except RuntimeError as e:
            assert "changed size during iteration" in str(e), e

ws = [threading.Thread(target=writer, args=(w,)) for w in range(W)]
rs = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=iterator)]
for t in rs + ws: t.start()
for t in ws: t.join()
stop.set()
for t in rs: t.join()
expected = {}
for w in range(W):
    for i in range(N):
        expected[(w, i)] = i
    for i in range(0, N, 3):
        expected.pop((w, i - 3), None)
expected["shared"] = N - 1
print(len(d) == len(expected), d == expected, bad_reads)
"#;

/// Mutators reshape a list, a dict, a set and an instance while readers iterate, slice, sort,
/// compare and print them. Races may raise (IndexError, "changed size during iteration", a
/// sort that sees the list modified); they must never crash the process.
const CHAOS: &str = r#"
import sys, threading
N = int(sys.argv[1])
lst = list(range(50))
d = {i: i for i in range(50)}
s = set(range(50))
class Obj:
    pass
o = Obj()
stop = threading.Event()

def guard(f):
    try:
        f()
    except (RuntimeError, IndexError, KeyError, ValueError, AttributeError):
        pass

def mutator(seed):
    x = seed
    for i in range(N):
        x = (x * 1103515245 + 12345) % 2147483648
        op = x % 24
        k = x % 97
        if op == 0: lst.append(k)
        elif op == 1: guard(lambda: lst.pop())
        elif op == 2: lst.insert(k % 10, k)
        elif op == 3: guard(lambda: lst.remove(k))
        elif op == 4: lst.extend([k, k + 1, k + 2])
        elif op == 5: guard(lambda: lst.sort())
        elif op == 6: lst.reverse()
        elif op == 7: del lst[k % 5: k % 5 + 3]
        elif op == 8: lst[1:4] = [k, k]
        elif op == 9: d[k] = [k]
        elif op == 10: d.pop(k, None)
        elif op == 11: d.setdefault(k, k)
        elif op == 12: guard(lambda: d.popitem())
        elif op == 13: d.update({k: 1, k + 1: 2})
        elif op == 14: s.add(k)
        elif op == 15: s.discard(k)
        elif op == 16: setattr(o, "a%d" % (k % 7), k)
        elif op == 17: guard(lambda: delattr(o, "a%d" % (k % 7)))
        elif op == 18: guard(lambda: lst.__setitem__(k % 20, k))
        elif op == 19: guard(lambda: lst.__delitem__(k % 20))
        elif op == 20: guard(lambda: lst.__setitem__(slice(None, None, 2), lst[::2]))
        elif op == 21: guard(lambda: s.pop())
        elif op == 22: d.clear() if len(d) > 200 else None
        elif op == 23: lst.clear() if len(lst) > 300 else None

def reader():
    while not stop.is_set():
        guard(lambda: [x for x in lst])
        guard(lambda: [kv for kv in d.items()])
        guard(lambda: [x for x in s])
        guard(lambda: sorted(lst))
        guard(lambda: list(d.keys()) + list(d.values()))
        guard(lambda: lst.index(5))
        guard(lambda: 3 in s and 4 in d and 5 in lst)
        guard(lambda: repr(lst) + repr(d) + repr(s))
        guard(lambda: lst[2:9:2])
        guard(lambda: dict(d))
        guard(lambda: set(s) | s)
        guard(lambda: vars(o).copy())
        guard(lambda: lst == list(lst))
        guard(lambda: list(reversed(lst)))

ms = [threading.Thread(target=mutator, args=(i,)) for i in range(4)]
rs = [threading.Thread(target=reader) for i in range(2)]
for t in ms + rs: t.start()
for t in ms: t.join()
stop.set()
for t in rs: t.join()
print("ok")
"#;

/// Objects with a `__del__` that takes a lock travel between threads through a queue (so other
/// threads release them and the owner's refcount merges free them), exceptions and containers
/// cross threads, modules are imported concurrently. Regression: finalizers run by a merge just
/// before `with lock:`'s `__exit__`, inside a `__del__` holding that lock, deadlocked.
const HANDOFF: &str = r#"
import threading, sys, queue
N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
q = queue.Queue(maxsize=64)
dels = [0]
dl = threading.Lock()

class WithDel:
    def __init__(self, v):
        self.v = v
    def __del__(self):
        with dl:
            dels[0] += 1

def producer(k):
    for i in range(N):
        item = [WithDel(i), {"k": k, "i": i, "s": "x" * (i % 7)}, (i, str(i)), ValueError(i)]
        q.put(item)
    q.put(None)

def consumer(out):
    total = 0
    while True:
        item = q.get()
        if item is None:
            break
        total += item[0].v + item[1]["i"] + item[2][0]
        try:
            raise item[3]
        except ValueError as e:
            total += e.args[0]
        del item
    out.append(total)

shared = {"obj": WithDel(-1)}
def churn():
    for i in range(N):
        shared["obj"] = WithDel(i)
        x = shared.get("obj")
        del x

def importer():
    import math, time
    return math.sqrt(4)

outs = []
ps = [threading.Thread(target=producer, args=(k,)) for k in range(3)]
cs = [threading.Thread(target=consumer, args=(outs,)) for k in range(3)]
ch = [threading.Thread(target=churn) for _ in range(2)]
im = [threading.Thread(target=importer) for _ in range(3)]
for t in ps + cs + ch + im: t.start()
for t in ps + cs + ch + im: t.join()
expected = 3 * 4 * (N * (N - 1) // 2)
print(sum(outs) == expected)
del shared["obj"]
print(dels[0] >= 3 * N)
"#;

/// Several threads print many lines each (more than one thread's buffer holds) without any
/// synchronisation: every line must come out whole, none lost.
const PRINTERS: &str = r#"
import sys, threading
LINES = int(sys.argv[1])
def printer(k):
    for i in range(LINES):
        print("thread", k, "line", i, "x" * (i % 50), sep=":")
ts = [threading.Thread(target=printer, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
"#;

fn check_printers(out: &RunOutput, lines: usize, what: &str) {
    assert_eq!(out.code, Some(0), "{what}: {}\n{}", out.describe_status(), out.stderr);
    assert_eq!(out.stderr, "", "{what}");
    let mut seen = vec![vec![false; lines]; 4];
    for line in out.stdout.lines() {
        let parts: Vec<&str> = line.split(':').collect();
        assert!(
            parts.len() == 5 && parts[0] == "thread" && parts[2] == "line",
            "{what}: mangled line {line:?}"
        );
        let (k, i): (usize, usize) = (parts[1].parse().unwrap(), parts[3].parse().unwrap());
        assert_eq!(parts[4], "x".repeat(i % 50), "{what}: mangled line {line:?}");
        assert!(!seen[k][i], "{what}: line printed twice: {line:?}");
        seen[k][i] = true;
    }
    assert!(seen.iter().all(|t| t.iter().all(|&b| b)), "{what}: lines lost");
}

#[test]
fn ft_shared_list_appends_are_never_lost() {
    let dir = scratch("appends");
    let o = run(&dir.0, "ft", APPENDS, &["100000"]);
    assert_clean(&o, "800000 True\n", "8 threads x 100000 appends (free-threaded)");
}

#[test]
fn shared_list_appends_in_gil_and_subinterpreter_builds() {
    let dir = scratch("appends-other");
    for mode in ["gil", "sub"] {
        let o = run(&dir.0, mode, APPENDS, &["20000"]);
        assert_clean(&o, "160000 True\n", mode);
    }
}

#[test]
fn ft_dict_writers_and_readers_end_with_the_right_contents() {
    let dir = scratch("dicts");
    let o = run(&dir.0, "ft", DICTS, &["20000"]);
    assert_clean(&o, "True True []\n", "concurrent dict writers/readers (free-threaded)");
}

/// Readers look up keys that are always present (and must always find their values), index a
/// list's stable prefix and read a module's attributes, while writers grow and shrink the same
/// dict, list and module namespace so that their tables are reallocated again and again.
const RESIZE_UNDER_READERS: &str = r#"
import sys, threading, types
ROUNDS = int(sys.argv[1])
STABLE = 64
d = {("k", i): i for i in range(STABLE)}
lst = list(range(STABLE))
mod = types.ModuleType("scratch")
exec("def f(x):\n    return x + 1\n", mod.__dict__)
stop = threading.Event()
bad = []

def dict_writer():
    for r in range(ROUNDS):
        for i in range(2000):
            d[("tmp", r, i)] = i
        for i in range(2000):
            del d[("tmp", r, i)]

def list_writer():
    for r in range(ROUNDS):
        lst.extend(range(STABLE, STABLE + 3000))
        del lst[STABLE:]

def module_writer():
    for r in range(ROUNDS):
        for i in range(300):
            setattr(mod, "g%d_%d" % (r, i), i)
        for i in range(300):
            delattr(mod, "g%d_%d" % (r, i))

def reader():
    while not stop.is_set():
        for i in range(STABLE):
            if d[("k", i)] != i or lst[i] != i:
                bad.append(i)
        if mod.f(1) != 2:
            bad.append("f")
        try:
            n = 0
            for k in d:
                n += 1
        except RuntimeError as e:
            assert "changed size during iteration" in str(e), e

rs = [threading.Thread(target=reader) for _ in range(3)]
ws = [threading.Thread(target=w) for w in (dict_writer, list_writer, module_writer)]
for t in rs + ws: t.start()
for t in ws: t.join()
stop.set()
for t in rs: t.join()
print(len(d), len(lst), len([k for k in vars(mod) if k.startswith("g")]), bad)
"#;

#[test]
fn ft_readers_find_stable_entries_while_writers_resize() {
    let dir = scratch("resize");
    let o = run(&dir.0, "ft", RESIZE_UNDER_READERS, &["150"]);
    assert_clean(&o, "64 64 0 []\n", "readers during resizes (free-threaded)");
}

/// Lock-free list reads (`lst[i]`, `for x in lst`) while writers grow the list past its
/// capacity (moving its storage), shrink it, clear it by slice and swap floats, None and
/// objects in and out of a region readers also index: readers must see their stable prefix
/// intact, only values that were ever stored elsewhere, and never crash on a freed storage.
const LIST_READS_UNDER_RESIZE: &str = r#"
import sys, threading
ROUNDS = int(sys.argv[1])
N = 2048
shared = list(range(N))
shared.append(0.5)
stop = [False]
bad = []

def writer(w):
    for r in range(ROUNDS):
        for k in range(3000):
            shared.append(k * 0.25)
        del shared[N + 1:]
        shared.extend([None, "s", (1, 2)] * 300)
        shared[N + 1:] = []
        shared[N] = None if r % 2 else 0.5

def reader(w):
    seen = 0
    while not stop[0]:
        for i in range(w, N, 13):
            if shared[i] != i:
                bad.append((i, shared[i]))
        x = shared[N]
        if x is not None and x != 0.5:
            bad.append(x)
        for i, v in enumerate(shared):
            if i >= N:
                break
            if v != i:
                bad.append(("iter", i, v))
        seen += 1

ws = [threading.Thread(target=writer, args=(w,)) for w in range(2)]
rs = [threading.Thread(target=reader, args=(r,)) for r in range(2)]
for t in rs + ws: t.start()
for t in ws: t.join()
stop[0] = True
for t in rs: t.join()
print(len(shared), bad[:5])
"#;

#[test]
fn ft_list_reads_without_the_lock_survive_writers_moving_the_storage() {
    let dir = scratch("listreads");
    for round in 0..2 {
        let o = run(&dir.0, "ft", LIST_READS_UNDER_RESIZE, &["120"]);
        assert_clean(&o, "2049 []\n", &format!("list reads during resizes, round {round}"));
    }
}

/// Threads store the same new keys into a fresh dict and set at the same time, round after
/// round: each key must end up stored once (a lookup and its insert are one critical section).
const SAME_KEYS: &str = r#"
import sys, threading
ROUNDS = int(sys.argv[1])
K = 256
W = 4
shared = [None, None]
dups = []

def fresh():
    shared[0] = {}
    shared[1] = set()

go = threading.Barrier(W, action=fresh)

def writer(w):
    for r in range(ROUNDS):
        go.wait()  # every round: a fresh dict and set, all threads storing the same new keys
        d, s = shared
        for i in range(K):
            d[i] = w
            s.add(i)
        go.wait()
        if w == 0 and (len(d) != K or len(list(d)) != K or len(s) != K or len(list(s)) != K):
            dups.append(r)

ts = [threading.Thread(target=writer, args=(w,)) for w in range(W)]
for t in ts: t.start()
for t in ts: t.join()
print(dups)
"#;

#[test]
fn ft_same_new_key_from_many_threads_is_stored_once() {
    let dir = scratch("samekeys");
    let o = run(&dir.0, "ft", SAME_KEYS, &["300"]);
    assert_clean(&o, "[]\n", "concurrent stores of the same new keys (free-threaded)");
}

#[test]
fn ft_mutation_during_iteration_never_crashes() {
    let dir = scratch("chaos");
    for round in 0..3 {
        let o = run(&dir.0, "ft", CHAOS, &["3000"]);
        assert_clean(
            &o,
            "ok\n",
            &format!("mutation during iteration (free-threaded), round {round}"),
        );
    }
}

#[test]
fn ft_objects_with_finalizers_cross_threads_without_deadlock() {
    let dir = scratch("handoff");
    for mode in ["ft", "gil", "sub"] {
        let o = run(&dir.0, mode, HANDOFF, &["2000"]);
        assert_clean(
            &o,
            "True\nTrue\n",
            &format!("objects with __del__ handed between threads ({mode})"),
        );
    }
}

/// Containers made by one thread and freed by another (the freeing thread hands the block back
/// to the maker's GC shard), by threads that have already ended (their shards unowned), with
/// collections and `gc.get_objects()` running meanwhile; cycles among them are left to the
/// collector.
const CROSS_FREES: &str = r#"
import gc, sys, threading, queue
N = int(sys.argv[1])
q = queue.Queue(256)
class Node:
    def __init__(self, i):
        self.i = i
        self.items = [i, {"k": i}, (i, [i])]
        self.me = self if i % 3 == 0 else None
def make(first):
    for i in range(first, first + N):
        q.put(Node(i))
    q.put(None)
freed = []
def free(count):
    total = 0
    done = 0
    while done < count:
        x = q.get()
        if x is None:
            done += 1
            continue
        total += x.i + x.items[1]["k"] - x.items[2][1][0]
        if x.i % 997 == 0:
            gc.collect()
            len(gc.get_objects())
    freed.append(total)
makers = [threading.Thread(target=make, args=(k * N,)) for k in range(4)]
freers = [threading.Thread(target=free, args=(2,)) for _ in range(2)]
for t in makers + freers: t.start()
for t in makers + freers: t.join()
late = []
def keep():
    late.extend([{"n": i}, [i]] for i in range(N))
t = threading.Thread(target=keep); t.start(); t.join()
del late[:]
gc.collect()
print(sum(freed) == sum(range(4 * N)), gc.collect() >= 0)
"#;

#[test]
fn ft_containers_freed_by_other_threads_and_after_their_maker_ended() {
    let dir = scratch("crossfree");
    for mode in ["ft", "gil"] {
        for round in 0..2 {
            let o = run(&dir.0, mode, CROSS_FREES, &["4000"]);
            assert_clean(
                &o,
                "True True\n",
                &format!("containers freed across threads ({mode}), round {round}"),
            );
        }
    }
}

#[test]
fn output_of_many_threads_arrives_in_whole_lines() {
    let dir = scratch("printers");
    for mode in ["gil", "ft", "sub"] {
        let o = run(&dir.0, mode, PRINTERS, &["3000"]);
        check_printers(&o, 3000, mode);
    }
}

/// The long variant: larger programs, repeated, every model. `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn long_stress_all_models() {
    let dir = scratch("long");
    for round in 0..5 {
        for mode in ["ft", "gil", "sub"] {
            let o = run(&dir.0, mode, APPENDS, &["400000"]);
            assert_clean(&o, "3200000 True\n", &format!("appends {mode} round {round}"));
            let o = run(&dir.0, mode, DICTS, &["100000"]);
            assert_clean(&o, "True True []\n", &format!("dicts {mode} round {round}"));
            let o = run(&dir.0, mode, CHAOS, &["30000"]);
            assert_clean(&o, "ok\n", &format!("chaos {mode} round {round}"));
            let o = run(&dir.0, mode, HANDOFF, &["20000"]);
            assert_clean(&o, "True\nTrue\n", &format!("handoff {mode} round {round}"));
            let o = run(&dir.0, mode, PRINTERS, &["20000"]);
            check_printers(&o, 20000, &format!("printers {mode} round {round}"));
        }
    }
}
