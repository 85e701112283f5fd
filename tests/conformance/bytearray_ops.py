"""bytearray: a mutable byte buffer (construction, indexing, slice assignment, mutators,
operators, comparisons with bytes, shared read-only methods)."""


def show(label, thunk):
    try:
        print(label, "->", repr(thunk()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


show("bytearray()", lambda: bytearray())
show("bytearray(3)", lambda: bytearray(3))
show("bytearray(b'abc')", lambda: bytearray(b"abc"))
show("bytearray([65, 66])", lambda: bytearray([65, 66]))
show("bytearray('hé', 'utf-8')", lambda: bytearray("hé", "utf-8"))
show("bytearray('x')", lambda: bytearray("x"))
show("bytearray([256])", lambda: bytearray([256]))
show("bytearray(-1)", lambda: bytearray(-1))
show("bytearray(x=1)", lambda: bytearray(x=1))
show("type", lambda: (type(bytearray()).__name__, isinstance(bytearray(), bytearray), bytearray))

buf = bytearray(b"hello")
buf[0] = 72
buf.append(33)
buf.extend(b" ok")
buf.extend([32, 49])
buf += b"!"
print(buf, len(buf), buf[0], buf[-1], buf[1:4], bytes(buf), buf.decode())
buf[1:3] = b"EL"
buf[-2:] = [50, 51, 52]
print(buf)
del buf[0]
del buf[::2]
print(buf)
buf.insert(0, 88)
buf.insert(-1, 89)
buf.insert(100, 90)
print(buf, buf.pop(), buf.pop(0), buf)
buf.remove(ord("Y"))
buf.reverse()
print(buf, buf.copy(), buf.copy() is not buf)
buf.clear()
print(buf, len(buf), bool(buf), bool(bytearray(b"x")))
show("pop empty", lambda: bytearray().pop())
show("remove missing", lambda: bytearray(b"a").remove(98))
show("index error", lambda: bytearray(b"a")[5])
show("assign bad", lambda: bytearray(b"a").__setitem__(0, 300))
show("extended slice", lambda: bytearray(b"abcd").__setitem__(slice(None, None, 2), b"xyz"))
show("extend str", lambda: bytearray().extend("ab"))

a = bytearray(b"ab")
print(a == b"ab", b"ab" == a, a == bytearray(b"ab"), a != b"ac", a < b"b", a >= bytearray(b"aa"), a == "ab")
print(a + b"cd", b"cd" + a, type(b"cd" + a).__name__, a * 2, 2 * a, a)
print(b"b" in a, 97 in a, b"z" in a, list(a), [x for x in bytearray(b"xyz")])
a *= 3
print(a)
show("hash", lambda: hash(bytearray()))
show("concat str", lambda: bytearray(b"a") + "b")
data = bytearray(b"key=value; other=thing")
print(data.find(b"="), data.count(b"e"), data.index(b";"), data.startswith(b"key"), data.endswith(b"g"), data.rfind(b"="))
print(data.hex(), bytearray(b"\x00\xff").hex(":"), data.isascii(), bytearray(b"ABC").isupper(), data.decode("ascii"))
print(bytes(bytearray(b"round")), bytearray(bytearray(b"trip")), b"-".join([bytearray(b"a"), b"b"]))
print(b"abc".startswith(bytearray(b"ab")), b"a,b".split(bytearray(b",")), bytearray(b"x") in [b"x"])
t = bytearray(b"  Hello, World  ")
print(t.upper(), t.lower(), t.strip(), t.lstrip(), t.rstrip(b" d"), t.swapcase(), t.title(), t.capitalize())
print(t.split(), t.split(b","), t.rsplit(None, 1), bytearray(b"a\nb").splitlines(), t.partition(b","), t.rpartition(b"x"))
print(t.replace(b"l", b"L"), t.removeprefix(b"  "), t.removesuffix(b"  "), bytearray(b"7").zfill(3), bytearray(b"ab").center(6, b"*"))
print(bytearray(b"ab").ljust(4), bytearray(b"ab").rjust(4), bytearray(b"a\tb").expandtabs(2), bytearray(b"abc").translate(None, b"b"))
print(bytearray(b", ").join([b"a", bytearray(b"b")]), type(t.upper()).__name__, type(t.split()[0]).__name__, t)
