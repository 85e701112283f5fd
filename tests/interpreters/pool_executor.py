# concurrent.futures.InterpreterPoolExecutor: each worker has its own interpreter.
from concurrent.futures import InterpreterPoolExecutor, as_completed, wait
from concurrent import interpreters
import _xi_counter


class Res:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return f"Res({self.v})"


def work(n):
    import _xi_counter
    _xi_counter.bump()
    return sum(i * i for i in range(n))


def not_main(_):
    return interpreters.get_current().id != 0


def fail(x):
    raise ValueError(f"bad {x}")


def make_res(v):
    return Res([v, {"v": v}])


def main():
    with InterpreterPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(work, [10, 100, 1000])))
        print(all(ex.map(not_main, range(4))))
        f = ex.submit(fail, 1)
        try:
            f.result()
        except ValueError as e:
            print("ValueError", e)
        print(type(f.exception()).__name__, f.done())
        print(sorted(g.result() for g in as_completed([ex.submit(work, i) for i in range(5)])))
        fs = [ex.submit(make_res, i) for i in range(3)]
        done, not_done = wait(fs)
        print(len(done), len(not_done), [g.result() for g in fs])
    print("main counter untouched:", _xi_counter.count)


if __name__ == "__main__":
    main()
