# concurrent.futures.ThreadPoolExecutor: submit/result, map, exceptions, as_completed, wait,
# cancellation, callbacks, shutdown; output is independent of thread scheduling.
import time
import concurrent.futures as cf
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, FIRST_COMPLETED, ALL_COMPLETED


def square(x):
    return x * x


def add(a, b, scale=1):
    return (a + b) * scale


def fail(n):
    raise KeyError(n)


def slow(seconds, value):
    time.sleep(seconds)
    return value


shared = []


def record(i):
    shared.append(i)
    return i


class Box:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Box({self.v!r})"


def main():
    with ThreadPoolExecutor(max_workers=3) as ex:
        f = ex.submit(square, 7)
        print("result", f.result(), f.done(), f.cancelled(), f.exception())
        print("kwargs", ex.submit(add, 1, 2, scale=10).result())
        print("map", list(ex.map(square, range(8))))
        print("map2", list(ex.map(add, [1, 2, 3], [10, 20, 30])))
        print("boxed", ex.submit(Box, [1, 2]).result())

        bad = ex.submit(fail, "missing")
        try:
            bad.result()
        except KeyError as e:
            print("raised", type(e).__name__, e)
        print("exception()", repr(bad.exception()))

        fs = [ex.submit(square, i) for i in range(10)]
        print("as_completed", sorted(f.result() for f in as_completed(fs)))
        done, not_done = wait(fs, return_when=ALL_COMPLETED)
        print("wait", len(done), len(not_done))

        for i in range(20):
            ex.submit(record, i)
    # leaving the with block waits for every job
    print("shared", sorted(shared))

    with ThreadPoolExecutor(max_workers=1) as ex:
        first = ex.submit(slow, 0.3, "slow")
        queued = ex.submit(square, 3)
        print("cancel queued", queued.cancel(), queued.cancelled(), queued.done())
        try:
            queued.result()
        except cf.CancelledError:
            print("CancelledError")
        try:
            first.result(timeout=0.01)
        except TimeoutError:
            print("TimeoutError", cf.TimeoutError is TimeoutError)
        done, not_done = wait([first], timeout=5, return_when=FIRST_COMPLETED)
        print("first", len(done), len(not_done), first.result(), first.cancel())

    seen = []
    with ThreadPoolExecutor(2) as ex:
        f = ex.submit(square, 5)
        f.result()
        f.add_done_callback(lambda fut: seen.append(("cb", fut.result())))
    print("callback", seen)

    try:
        ex.submit(square, 1)
    except RuntimeError as e:
        print("after shutdown:", e)
    try:
        ThreadPoolExecutor(max_workers=0)
    except ValueError as e:
        print("ValueError:", e)

    results = list(ThreadPoolExecutor(4).map(str.upper, ["a", "b", "c"]))
    print("map without with", results)


if __name__ == "__main__":
    main()
