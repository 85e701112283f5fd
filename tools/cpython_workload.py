"""Run a gilbench workload file under CPython with real threads, following the workload protocol.

usage: python3 tools/cpython_workload.py FILE [--threads 1,2] [--size N | --size-scale F] [--repeat R] [--isolated]

gil/free-threaded style (default): setup once, `workers` threads share the state.
--isolated imitates subinterpreters: every worker loads its own copy of the module and runs its
own setup, so nothing is shared. Prints one line per thread count; exits 1 when a check fails.
"""
import importlib.util
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep workloads/ free of __pycache__
_loaded = 0


def load(path):
    global _loaded
    _loaded += 1
    spec = importlib.util.spec_from_file_location("workload_%d" % _loaded, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sample(mods, states, workers, size):
    results = [None] * workers
    errors = []

    def run(i):
        try:
            results[i] = mods[i].work(states[i], i, workers, size)
        except BaseException as e:  # reported by the caller
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise errors[0]
    return elapsed, results


def main(argv):
    path = argv[0]
    threads, size, scale, repeat, isolated = [1, 2], None, None, 3, False
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--threads":
            threads = [int(x) for x in argv[i + 1].split(",")]
            i += 1
        elif a == "--size":
            size = int(argv[i + 1])
            i += 1
        elif a == "--size-scale":
            scale = float(argv[i + 1])
            i += 1
        elif a == "--repeat":
            repeat = int(argv[i + 1])
            i += 1
        elif a == "--isolated":
            isolated = True
        else:
            raise SystemExit("unknown argument " + a)
        i += 1
    main_mod = load(path)
    if size is None:
        size = main_mod.META["size"]
        if scale is not None:
            size = max(1, round(size * scale))
    ok = True
    for workers in threads:
        if isolated:
            mods = [load(path) for _ in range(workers)]
            states = [m.setup(size) for m in mods]
        else:
            state = main_mod.setup(size)
            mods = [main_mod] * workers
            states = [state] * workers
        times = []
        passed = True
        for _ in range(repeat):
            elapsed, results = sample(mods, states, workers, size)
            times.append(elapsed)
            passed = passed and main_mod.check(results, size, workers) is True
        times.sort()
        ok = ok and passed
        print("%-24s %s threads=%d size=%d median=%.3fs min=%.3fs check=%s" % (
            path.rsplit("/", 1)[-1], "isolated" if isolated else "shared", workers, size,
            times[len(times) // 2], times[0], "ok" if passed else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
