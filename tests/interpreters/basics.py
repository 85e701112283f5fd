# concurrent.interpreters basics: create, exec, call, prepare_main, ExecutionFailed, close.
from concurrent import interpreters
import concurrent.interpreters as ci


def add(a, b=0):
    return a + b


def boom(kind):
    if kind == "key":
        raise KeyError("k")
    raise ValueError("bad value")


def make_gen():
    yield 1


def main():
    print(ci is interpreters)
    main_interp = interpreters.get_main()
    print(main_interp, main_interp.id, interpreters.get_current() == main_interp)
    interp = interpreters.create()
    print(interp, interp.id, interp.is_running())
    print([i.id for i in interpreters.list_all()])
    interp.exec("x = 40 + 2")
    interp.exec("print('in sub:', x, __name__)")
    interp.exec("from concurrent import interpreters as i\nprint('current:', i.get_current().id, i.get_main().id)")
    print(interp.call(add, 2, b=3))
    print(interp.call(len, [1, 2, 3]))
    print(interp.call(sorted, {3, 1, 2}))
    interp.prepare_main(name="world", nums=(1, 2, 3))
    interp.exec("print('hello', name, sum(nums))")
    interp.prepare_main({"a": 1}, b=2)
    interp.exec("print(a + b)")
    try:
        interp.exec("raise ValueError('boom')")
    except interpreters.ExecutionFailed as e:
        print(type(e).__name__, isinstance(e, interpreters.InterpreterError))
        print(e.excinfo.type.__name__, "|", e.excinfo.msg, "|", e.excinfo.formatted)
        print(str(e).splitlines()[0])
        print("Uncaught in the interpreter:" in str(e))
    for kind in ("key", "value"):
        try:
            interp.call(boom, kind)
        except interpreters.ExecutionFailed as e:
            print("call failed:", e.excinfo.formatted)
    try:
        interp.call(make_gen)
    except interpreters.ExecutionFailed as e:
        print("result not shareable:", type(e).__name__)
    t = interp.call_in_thread(add, 1, 2)
    t.join()
    print("thread done:", not t.is_alive())
    interp.exec("print('state kept:', x)")
    interp.close()
    print([i.id for i in interpreters.list_all()])
    try:
        interp.exec("pass")
    except interpreters.InterpreterNotFoundError as e:
        print("closed:", e)
    print(interpreters.is_shareable(1), interpreters.is_shareable((1, "a", b"b", None)), interpreters.is_shareable([1]))


if __name__ == "__main__":
    main()
