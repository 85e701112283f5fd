# bytes.decode: codecs, error handlers and UnicodeDecodeError messages.
for data, enc in [(b"hi", "utf-8"), ("é€".encode(), "utf-8"), (b"\xff", "utf-8"), (b"a\xe2\x82", "utf-8"), (b"\xc3\x28", "utf-8"), (b"\x80", "ascii"), (b"\xe9", "latin-1")]:
    try:
        print(repr(data.decode(enc)))
    except UnicodeDecodeError as e:
        print(type(e).__name__, e)
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode(errors="ignore"), "x".encode().decode())
