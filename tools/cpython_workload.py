"""Run a gilbench workload file on a real Python, following the workload protocol.

This is the driver `gilbench bench --python PATH` ships to the interpreter it compares against
(the binary embeds this file). It needs only the standard library and runs on CPython 3.8+.

Human use:
  python3 tools/cpython_workload.py FILE [--threads 1,2] [--size N | --size-scale F]
                                         [--repeat R] [--warmup W] [--mode threads|isolated|interpreters]
  prints one line per thread count; exits 1 when a check fails.

Harness use:
  python3 tools/cpython_workload.py --describe
      one JSON line: implementation, version, whether the GIL is enabled, whether
      `concurrent.interpreters` (3.14+) is available.
  python3 tools/cpython_workload.py FILE --report PATH --threads N --size S --warmup W --repeat R --mode M
                                    [--memory-limit BYTES]
      runs one configuration and writes gilbench's worker report (JSON) to PATH; with
      --memory-limit the process first caps its address space (RLIMIT_AS), so a workload that
      allocates without bound ends in MemoryError (reported on its row) instead of exhausting
      the machine.

Modes:
  threads       one setup; `workers` threads share the state (the GIL or free-threaded build).
  isolated      every worker loads its own copy of the module and runs its own setup, in threads
                of one interpreter: subinterpreters' data layout without their parallelism.
  interpreters  one `concurrent.interpreters` interpreter per worker (PEP 734, 3.14+), each
                importing the file and running its own setup; results come back through a
                cross-interpreter queue inside the timed section, as in gilbench's model.

Fresh state (the protocol's rule, as in gilbench's own runner): in every mode, each sample
(warm-up included) starts from a fresh state. `setup(size)` runs untimed before every sample
after the old state has been dropped; the first sample uses the state built at start. A workload
with META["setup"] = "once" keeps its first state for every sample. The report's `setup_s` is
the mean setup time of the measured samples (the slowest worker's), or the one setup's time.
"""
import os
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep workloads/ free of __pycache__
_loaded = 0


def describe():
    gil = True
    probe = getattr(sys, "_is_gil_enabled", None)
    if probe is not None:
        gil = bool(probe())
    try:
        from concurrent import interpreters  # noqa: F401
        has_interpreters = True
    except ImportError:
        has_interpreters = False
    try:
        import sysconfig
        free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
    except ImportError:
        free_threaded = probe is not None and not gil
    impl = sys.implementation.name
    names = {"cpython": "CPython", "pypy": "PyPy"}
    return {
        "implementation": names.get(impl, impl),
        "version": "%d.%d.%d" % sys.version_info[:3],
        "build": " ".join(sys.version.split()),
        "gil_enabled": gil,
        "free_threaded_build": free_threaded,
        "interpreters": has_interpreters,
    }


def load(path, fresh=False):
    """Import the workload as a module named after its file (so pickled classes resolve)."""
    global _loaded
    directory, base = os.path.split(os.path.abspath(path))
    name = base[:-3] if base.endswith(".py") else base
    if not fresh:
        if directory not in sys.path:
            sys.path.insert(0, directory)
        __import__(name)
        return sys.modules[name]
    import importlib.util
    _loaded += 1
    spec = importlib.util.spec_from_file_location("%s_copy%d" % (name, _loaded), path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def setup_policy(mod):
    """META["setup"]: "sample" (the default: a fresh setup before every sample) or "once"."""
    meta = getattr(mod, "META", None)
    value = meta.get("setup", "sample") if isinstance(meta, dict) else "sample"
    if value not in ("sample", "once"):
        raise ValueError('META["setup"] must be "sample" (the default) or "once", not %r' % (value,))
    return value


def resolve_size(mod, size, scale):
    if size is not None:
        return size
    size = mod.META["size"]
    if scale is not None:
        size = max(1, round(size * scale))
    return size


def run_threads(fn, workers):
    """Run fn(0) .. fn(workers - 1) on one thread each; re-raise the first exception."""
    errors = []

    def guarded(i):
        try:
            fn(i)
        except BaseException as e:  # re-raised below, in the caller's thread
            errors.append(e)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def run_check(check, results, size, workers):
    """None when check passes, else the failure's text (gilbench's runner words it the same).

    check passes with a true value other than a string, and fails with a false value, a
    non-empty string (its message) or an AssertionError (its message)."""
    try:
        answer = check(results, size, workers)
    except AssertionError as e:
        message = str(e)
    else:
        if isinstance(answer, str):
            message = answer
        elif answer:
            return None
        else:
            message = ""
    if message:
        return "check failed: " + message
    return "check failed: check(results, size=%d, workers=%d) returned a false value" % (size, workers)


class Runner:
    """What every mode shares: a fresh state before each sample unless META["setup"] is "once".

    A subclass sets `once`, builds the first state in `__init__` (its seconds in `setup`, with
    `unused` true) and defines `fresh_state()`."""

    def prepare(self):
        """Before a sample (untimed): the seconds of the setup that built its state, or None."""
        if self.unused:
            self.unused = False
            return None if self.once else self.setup
        if self.once:
            return None
        return self.fresh_state()


class Threaded(Runner):
    """`threads` and `isolated` modes: worker threads in this interpreter."""

    def __init__(self, path, workers, size, isolated):
        main = load(path)
        self.startup = 0.0
        self.check = main.check
        self.once = setup_policy(main) == "once"
        self.isolated = isolated
        self.mods = [load(path, fresh=True) for _ in range(workers)] if isolated else [main]
        self.workers = workers
        self.size = size
        self.states = None
        self.setup = self.fresh_state()
        self.unused = True

    def fresh_state(self):
        """Drop the old state, build a new one; the slowest setup's seconds."""
        self.states = None
        setups, states = [], []
        for m in self.mods:
            t1 = time.perf_counter()
            states.append(m.setup(self.size))
            setups.append(time.perf_counter() - t1)
        self.states = states if self.isolated else states * self.workers
        return max(setups)

    def sample(self):
        workers, size = self.workers, self.size
        mods = self.mods if self.isolated else self.mods * workers
        results = [None] * workers

        def run(i):
            results[i] = mods[i].work(self.states[i], i, workers, size)

        t0 = time.perf_counter()
        run_threads(run, workers)
        return time.perf_counter() - t0, results

    def close(self):
        self.states = None


_IMPORT_CODE = """
import sys as _gb_sys
if _gb_dir not in _gb_sys.path:
    _gb_sys.path.insert(0, _gb_dir)
_gb_mod = __import__(_gb_name)
"""

# Drops the old state before building the new one, so two never coexist.
_SETUP_CODE = """
_gb_state = None
_gb_state = _gb_mod.setup(_gb_size)
"""


class Interpreters(Runner):
    """`interpreters` mode: one PEP 734 interpreter per worker, driven from one thread each."""

    def __init__(self, path, workers, size):
        from concurrent import interpreters
        directory, base = os.path.split(os.path.abspath(path))
        name = base[:-3]
        main = load(path)
        self.check = main.check
        self.once = setup_policy(main) == "once"
        self.queue = interpreters.create_queue()
        self.interps = []
        startups = []
        for i in range(workers):
            t0 = time.perf_counter()
            interp = interpreters.create()
            startups.append(time.perf_counter() - t0)
            interp.prepare_main(_gb_dir=directory, _gb_name=name, _gb_size=size, _gb_queue=self.queue)
            interp.exec(_IMPORT_CODE)
            self.interps.append(interp)
        self.startup = sum(startups) / len(startups)
        self.workers = workers
        self.size = size
        self.setup = self.fresh_state()
        self.unused = True

    def fresh_state(self):
        """Every interpreter drops its old state and runs setup; the slowest one's seconds."""
        setups = []
        for interp in self.interps:
            t1 = time.perf_counter()
            interp.exec(_SETUP_CODE)
            setups.append(time.perf_counter() - t1)
        return max(setups)

    def sample(self):
        workers, size = self.workers, self.size

        def run(i):
            self.interps[i].exec("_gb_queue.put((%d, _gb_mod.work(_gb_state, %d, %d, %d)))" % (i, i, workers, size))

        t0 = time.perf_counter()
        run_threads(run, workers)
        results = [None] * workers
        for _ in range(workers):
            i, r = self.queue.get()
            results[i] = r
        return time.perf_counter() - t0, results

    def close(self):
        for interp in self.interps:
            interp.close()


def peak_rss_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def last_line(exc):
    import traceback
    tb = traceback.extract_tb(exc.__traceback__)
    where = (" (File \"%s\", line %d, in %s)" % (tb[-1].filename, tb[-1].lineno, tb[-1].name)) if tb else ""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip().splitlines()
    return (text[-1] if text else type(exc).__name__) + where


def run_config(path, mode, workers, size, warmup, repeat):
    """One configuration, as a gilbench worker report (a dict)."""
    report = {"samples_s": [], "setup_s": 0.0, "startup_s": 0.0, "check_ok": False, "error": None, "counters": {}}
    runner = None
    try:
        if mode == "interpreters":
            runner = Interpreters(path, workers, size)
        else:
            runner = Threaded(path, workers, size, isolated=(mode == "isolated"))
        report["setup_s"] = runner.setup
        report["startup_s"] = runner.startup
        ok = True
        setups = []
        for rnd in range(warmup + repeat):
            setup = runner.prepare()  # untimed: a fresh state unless META["setup"] == "once"
            elapsed, results = runner.sample()
            if rnd < warmup:
                results = None
                continue
            report["samples_s"].append(elapsed)
            if setup is not None:
                setups.append(setup)
            failure = run_check(runner.check, results, size, workers)
            if failure is not None:
                ok = False
                if report["error"] is None:
                    report["error"] = failure
            results = None  # the next setup runs without this sample's results alive
        if setups:
            report["setup_s"] = sum(setups) / len(setups)
        report["check_ok"] = ok
    except BaseException as e:
        report["error"] = last_line(e)
        report["check_ok"] = False
    finally:
        if runner is not None:
            try:
                runner.close()
            except BaseException:
                pass
    rss = peak_rss_bytes()
    if rss is not None:
        report["counters"]["peak_rss_bytes"] = float(rss)
    return report


def parse_args(argv):
    opts = {"file": None, "threads": [1, 2], "size": None, "scale": None, "repeat": 3, "warmup": 0,
            "mode": "threads", "report": None, "describe": False, "memory_limit": None}
    i = 0
    while i < len(argv):
        a = argv[i]
        value = argv[i + 1] if i + 1 < len(argv) else None
        if a == "--describe":
            opts["describe"] = True
            i += 1
            continue
        if a == "--isolated":  # the older spelling of --mode isolated
            opts["mode"] = "isolated"
            i += 1
            continue
        if a.startswith("--") and value is None:
            raise SystemExit("%s needs a value" % a)
        if a == "--threads":
            opts["threads"] = [int(x) for x in value.split(",")]
        elif a == "--size":
            opts["size"] = int(value)
        elif a == "--size-scale":
            opts["scale"] = float(value)
        elif a == "--repeat":
            opts["repeat"] = int(value)
        elif a == "--warmup":
            opts["warmup"] = int(value)
        elif a == "--mode":
            if value not in ("threads", "isolated", "interpreters"):
                raise SystemExit("--mode must be threads, isolated or interpreters, not %r" % value)
            opts["mode"] = value
        elif a == "--report":
            opts["report"] = value
        elif a == "--memory-limit":
            opts["memory_limit"] = int(value)
        elif a.startswith("--"):
            raise SystemExit("unknown argument " + a)
        else:
            opts["file"] = a
            i += 1
            continue
        i += 2
    return opts


def main(argv):
    import json
    opts = parse_args(argv)
    if opts["describe"]:
        print(json.dumps(describe()))
        return 0
    if opts["file"] is None:
        raise SystemExit(__doc__)
    path = opts["file"]
    if opts["mode"] == "interpreters" and not describe()["interpreters"]:
        raise SystemExit("this Python (%s) has no concurrent.interpreters (new in 3.14)" % sys.version.split()[0])
    if opts["memory_limit"] is not None:
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (opts["memory_limit"], opts["memory_limit"]))
    if opts["report"] is not None:
        size = opts["size"] if opts["size"] is not None else resolve_size(load(path), None, opts["scale"])
        report = run_config(path, opts["mode"], opts["threads"][0], size, opts["warmup"], opts["repeat"])
        tmp = opts["report"] + ".part"
        with open(tmp, "w") as f:
            json.dump(report, f)
        os.replace(tmp, opts["report"])
        return 0
    size = resolve_size(load(path), opts["size"], opts["scale"])
    ok = True
    for workers in opts["threads"]:
        r = run_config(path, opts["mode"], workers, size, opts["warmup"], opts["repeat"])
        times = sorted(r["samples_s"])
        passed = r["check_ok"]
        ok = ok and passed
        if not times:
            print("%-24s %s threads=%d size=%d error: %s" % (os.path.basename(path), opts["mode"], workers, size, r["error"]))
            continue
        print("%-24s %s threads=%d size=%d median=%.3fs min=%.3fs check=%s" % (
            os.path.basename(path), opts["mode"], workers, size,
            times[len(times) // 2], times[0], "ok" if passed else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
