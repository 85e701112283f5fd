"""bytes: constructors, operators, methods, reprs and errors (CPython's wording)."""


def show(label, thunk):
    try:
        print(label, "->", repr(thunk()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


class WithBytes:
    def __bytes__(self):
        return b"custom"


class WithIndex:
    def __index__(self):
        return 2


# constructors
show("bytes()", lambda: bytes())
show("bytes(3)", lambda: bytes(3))
show("bytes(0)", lambda: bytes(0))
show("bytes([1, 2, 255])", lambda: bytes([1, 2, 255]))
show("bytes(range(65, 70))", lambda: bytes(range(65, 70)))
show("bytes(gen)", lambda: bytes(x for x in (104, 105)))
show("bytes((True, False))", lambda: bytes((True, False)))
show("bytes('abc', 'ascii')", lambda: bytes("abc", "ascii"))
show("bytes('é', 'utf-8')", lambda: bytes("é", "utf-8"))
show("bytes('é', encoding='latin-1')", lambda: bytes("é", encoding="latin-1"))
show("bytes('é', 'ascii', 'replace')", lambda: bytes("é", "ascii", "replace"))
show("bytes('é', 'ascii')", lambda: bytes("é", "ascii"))
show("bytes(b'xy')", lambda: bytes(b"xy"))
show("bytes(WithBytes())", lambda: bytes(WithBytes()))
show("bytes(WithIndex())", lambda: bytes(WithIndex()))
show("bytes(-1)", lambda: bytes(-1))
show("bytes([256])", lambda: bytes([256]))
show("bytes([-1])", lambda: bytes([-1]))
show("bytes(['a'])", lambda: bytes(["a"]))
show("bytes('a')", lambda: bytes("a"))
show("bytes(1.5)", lambda: bytes(1.5))
show("bytes(None)", lambda: bytes(None))
show("bytes(b'a', 'utf-8')", lambda: bytes(b"a", "utf-8"))
show("bytes(errors='x')", lambda: bytes(errors="x"))
show("bytes(x=1)", lambda: bytes(x=1))
show("bytes(1, 2, 3, 4)", lambda: bytes(1, 2, 3, 4))

# sequence behaviour
b = b"hello world"
show("len", lambda: len(b))
show("b[0]", lambda: b[0])
show("b[-1]", lambda: b[-1])
show("b[1:4]", lambda: b[1:4])
show("b[::-2]", lambda: b[::-2])
show("b[20]", lambda: b[20])
show("list(b'abc')", lambda: list(b"abc"))
show("b'ab' + b'cd'", lambda: b"ab" + b"cd")
show("b'ab' * 3", lambda: b"ab" * 3)
show("2 * b'xy'", lambda: 2 * b"xy")
show("b'ab' * 0", lambda: b"ab" * 0)
show("b'a' + 'b'", lambda: b"a" + "b")
show("b'a' + 1", lambda: b"a" + 1)
show("'a' + b'a'", lambda: "a" + b"a")


def iadd():
    x = b"a"
    x += "b"


show("b += str", iadd)
show("b'lo' in b", lambda: b"lo" in b)
show("b'' in b", lambda: b"" in b)
show("111 in b", lambda: 111 in b)
show("300 in b", lambda: 300 in b)
show("'lo' in b", lambda: "lo" in b)
show("b'a' < b'b'", lambda: b"a" < b"b")
show("b'ab' < b'abc'", lambda: b"ab" < b"abc")
show("b'b' >= b'a'", lambda: b"b" >= b"a")
show("b'a' == b'a'", lambda: b"a" == b"a")
show("b'a' == 'a'", lambda: b"a" == "a")
show("b'a' < 'a'", lambda: b"a" < "a")
show("hash equal", lambda: hash(b"abc") == hash(bytes([97, 98, 99])))
show("dict key", lambda: {b"k": 1}[bytes(b"k")])
show("sorted", lambda: sorted([b"b", b"a", b"ab"]))
show("bool(b'')", lambda: bool(b""))
show("str(b'a\\n')", lambda: str(b"a\n"))
show("repr quotes", lambda: [b"'", b'"', b"'\"", b"\x00\x7f\x80\xff\t\r\n\\"])
show("iter", lambda: next(iter(b"z")))
show("reversed", lambda: list(reversed(b"abc")))

# methods
show("hex", lambda: b"\x00\x0f\xff".hex())
show("hex sep", lambda: b"abcdef".hex(":"))
show("hex sep 2", lambda: b"abcdef".hex("-", 2))
show("hex sep -4", lambda: b"abcdef".hex(" ", -4))
show("hex bad sep", lambda: b"ab".hex("::"))
show("fromhex", lambda: bytes.fromhex("61 62  0a ff"))
show("fromhex bad", lambda: bytes.fromhex("6z"))
show("fromhex odd", lambda: bytes.fromhex("616"))
show("fromhex int", lambda: bytes.fromhex(3))
show("count", lambda: (b"banana".count(b"a"), b"banana".count(b"an", 2), b"banana".count(97), b"aaa".count(b"")))
show("find", lambda: (b"banana".find(b"na"), b"banana".find(b"na", 3), b"banana".find(b"x"), b"banana".find(110), b"ab".find(b"", 3)))
show("rfind", lambda: (b"banana".rfind(b"na"), b"banana".rfind(b"na", 0, 4), b"banana".rfind(b"")))
show("index", lambda: b"banana".index(b"nan"))
show("index missing", lambda: b"banana".index(b"xyz"))
show("rindex", lambda: b"banana".rindex(b"a"))
show("find str", lambda: b"abc".find("c"))
show("count big", lambda: b"abc".count(300))
show("startswith", lambda: (b"hello".startswith(b"he"), b"hello".startswith((b"x", b"hel")), b"hello".startswith(b"l", 2), b"hello".startswith(b"", 6)))
show("endswith", lambda: (b"hello".endswith(b"lo"), b"hello".endswith(b"l", 0, 4), b"hello".endswith((b"a",))))
show("startswith str", lambda: b"a".startswith("a"))
show("join", lambda: b", ".join([b"a", b"bc", b""]))
show("join gen", lambda: b"".join(bytes([x]) for x in range(65, 68)))
show("join str", lambda: b"-".join([b"a", "b"]))
show("split", lambda: (b"a,b,,c".split(b","), b"a,b,c".split(b",", 1), b"  a  b \n c ".split(), b"a b c".split(None, 1), b"a b  c  ".split(None, 1)))
show("split kw", lambda: b"a-b-c".split(sep=b"-", maxsplit=1))
show("rsplit", lambda: (b"a,b,c".rsplit(b",", 1), b"  a  b  ".rsplit(maxsplit=1), b"a b c".rsplit()))
show("split empty", lambda: b"a".split(b""))
show("split str", lambda: b"a".split("a"))
show("splitlines", lambda: (b"a\nb\r\nc\rd".splitlines(), b"a\nb\r\n".splitlines(True), b"".splitlines()))
show("strip", lambda: (b"  x y \t\n".strip(), b"xxhixx".strip(b"x"), b"  a ".lstrip(), b"  a ".rstrip(), b"abcba".lstrip(b"ab")))
show("strip str", lambda: b"a".strip("a"))
show("replace", lambda: (b"aaa".replace(b"a", b"bb"), b"aaa".replace(b"a", b"b", 2), b"ab".replace(b"", b"-"), b"abc".replace(b"x", b"y")))
show("partition", lambda: (b"a=b=c".partition(b"="), b"abc".partition(b"x"), b"a=b=c".rpartition(b"="), b"abc".rpartition(b"x")))
show("partition empty", lambda: b"a".partition(b""))
show("removeprefix", lambda: (b"prefix-x".removeprefix(b"prefix-"), b"x".removeprefix(b"y"), b"x.py".removesuffix(b".py")))
show("case", lambda: (b"Hello World 1".upper(), b"Hello World".lower(), b"Hello".swapcase(), b"hello world".capitalize(), b"hello wORLD".title(), b"\xe9a".upper()))
show("is", lambda: (b"abc".isalpha(), b"ab1".isalnum(), b"123".isdigit(), b"".isdigit(), b" \t".isspace(), b"abc".islower(), b"ABC1".isupper(), b"Hello World".istitle(), b"\x80".isascii(), b"".isascii()))
show("pad", lambda: (b"ab".center(6), b"ab".center(7, b"*"), b"abc".center(6), b"ab".ljust(5, b"."), b"ab".rjust(5), b"ab".center(1)))
show("pad bad", lambda: b"a".center(5, b"ab"))
show("zfill", lambda: (b"42".zfill(5), b"-42".zfill(5), b"+7".zfill(4), b"abc".zfill(2)))
show("expandtabs", lambda: (b"a\tbc\td".expandtabs(), b"a\tb".expandtabs(4), b"x\n\ty".expandtabs(2)))
table = bytes.maketrans(b"abc", b"xyz")
show("maketrans", lambda: (len(table), table[97:100]))
show("translate", lambda: (b"aabbcc".translate(table), b"abcdef".translate(None, b"bd"), b"abc".translate(table, b"a")))
show("translate bad", lambda: b"a".translate(b"x"))
show("maketrans bad", lambda: bytes.maketrans(b"a", b"bc"))
show("decode", lambda: (b"caf\xc3\xa9".decode(), b"abc".decode("ascii"), b"\xe9".decode("latin-1"), b"\xff".decode("utf-8", "replace")))
show("decode bad", lambda: b"\xff".decode())

# str.encode
show("encode", lambda: ("héllo".encode(), "héllo".encode("latin-1"), "abc".encode("ascii"), "é".encode("ascii", "ignore"), "é".encode("ascii", "replace")))
show("encode bad", lambda: "é".encode("ascii"))
show("round trip", lambda: "snow ☃".encode("utf-8").decode("utf-8"))
show("type", lambda: (type(b""), bytes.__name__, isinstance(b"", bytes)))
