# repr of strings with quotes/escapes and nested containers.
strings = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "new\nline", "back\\slash",
           "\x00\x07\x1b", "caf\u00e9", "\u2603", "", "\r", "\x7f", "é\n"]
for s in strings:
    print(repr(s))
print(strings[:4])
nested = [1, [2, [3, [4, []]]], (5,), (), {"a": [1, 2], "b": {"c": (3, 4)}}, None, True, 1.5, "s"]
print(nested)
print(repr(nested) == str(nested))
print((1,), (1, 2), ((1,),), [()], [[]], {})
print({1: "one", 2: ["two"], (3, 4): {5: 6}})
print({"key": 'val"ue', "k2": "it's"})
print([1, "1", 1.0, [1], (1,), {1}, {1: 1}])
print(set(), {3, 1, 2}, [{1}], ({2},))
print(str("x"), str(["x"]), str(("x",)))
print(range(3), range(1, 10, 2), [range(2)])
print(list(zip([1, 2], "ab")))
d = {}
d["self"] = [1, 2]
print(d)
print(repr(None), repr(...), repr(NotImplemented))
print([print])
