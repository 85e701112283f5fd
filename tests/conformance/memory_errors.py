# Repetitions and sizes no heap can hold raise MemoryError (or OverflowError past the largest
# length), as CPython's failed allocation does, instead of ending the process.
def attempt(label, make):
    try:
        value = make()
    except (MemoryError, OverflowError) as e:
        print(label, type(e).__name__, repr(str(e)), e.args)
    else:
        print(label, "ok", len(value))


attempt("[0] * 2**40", lambda: [0] * 2**40)
attempt("[0, 1] * 2**62", lambda: [0, 1] * 2**62)
attempt("(0,) * 2**40", lambda: (0,) * 2**40)
attempt("'a' * 2**40", lambda: 'a' * 2**40)
attempt("'ab' * 2**62", lambda: 'ab' * 2**62)
attempt("b'a' * 2**40", lambda: b'a' * 2**40)
attempt("b'ab' * 2**62", lambda: b'ab' * 2**62)
attempt("bytes(2**40)", lambda: bytes(2**40))
attempt("bytearray(b'ab') * 2**40", lambda: bytearray(b'ab') * 2**40)


def inplace():
    x = [1]
    x *= 2**40
    return x


attempt("x *= 2**40", inplace)
attempt("'' * 2**62", lambda: '' * 2**62)
attempt("[] * 2**62", lambda: [] * 2**62)
attempt("'ab' * 3", lambda: 'ab' * 3)
attempt("[1, 2] * 3", lambda: [1, 2] * 3)
print(['x', 'y'] * 3, (1,) * 4, 'abc' * 2, b'xy' * 3, bytearray(b'z') * 2)
try:
    [0] * 2**40
except MemoryError:
    print("the program goes on after a MemoryError")
