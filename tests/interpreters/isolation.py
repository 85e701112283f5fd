# Isolation: globals, module state and data never leak between interpreters; values cross only as copies.
from concurrent import interpreters
import _xi_counter


def bump_in(n):
    import _xi_counter
    for _ in range(n):
        _xi_counter.bump()
    return _xi_counter.count


def gen():
    yield 1


def main():
    a = interpreters.create()
    b = interpreters.create()
    a.exec("shared = {1, 2, 3}\nshared.add(4)")
    a.exec("print('a sees', sorted(shared))")
    b.exec("try:\n    shared\n    print('b sees shared: True')\nexcept NameError:\n    print('b sees shared: False')")
    try:
        shared
        print("main sees shared: True")
    except NameError:
        print("main sees shared: False")
    print("counters", a.call(bump_in, 3), b.call(bump_in, 1), a.call(bump_in, 1), _xi_counter.count)

    q = interpreters.create_queue()
    original = [1, [2, 3], {"k": "v"}]
    q.put(original)
    got = q.get()
    print(got == original, got is original, got[1] is original[1])
    got[1].append(99)
    print(original, got)

    a.prepare_main(q=q)
    q.put(original)
    a.exec("lst = q.get()\nlst.append('from a')\nlst[1].append(5)\nq.put(lst)")
    back = q.get()
    print(original, back)

    d = {"self": None}
    d["self"] = d
    q.put(d)
    d2 = q.get()
    print(d2["self"] is d2, d2 is not d)

    import sys
    for label, obj in (("generator", gen()), ("module", sys), ("iterator", iter([1]))):
        try:
            q.put(obj)
        except TypeError as e:
            print(label, type(e).__name__, isinstance(e, interpreters.NotShareableError), e)
    # A stateless lambda crosses as its code (as in CPython 3.14); a closure does not.
    print("lambda", a.call(lambda: 1))
    k = 2
    try:
        a.call(lambda: k)
    except TypeError as e:
        print("closure", type(e).__name__)
    try:
        a.prepare_main(g=gen())
    except TypeError as e:
        print("prepare_main", e)
    print("queue still empty:", q.empty())
    a.close()
    b.close()


if __name__ == "__main__":
    main()
