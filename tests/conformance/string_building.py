# Building strings: concatenation, join, repetition, formatting tables.
parts = []
for i in range(5):
    parts.append(str(i) * i)
print(parts, "".join(parts), "+".join(parts[1:]))
s = ""
for c in "abcde":
    s = c + s
print(s)
header = f"{'n':>3} {'n^2':>5} {'n^3':>6} {'bin':>8}"
print(header)
print("-" * len(header))
for n in range(1, 8):
    print(f"{n:>3} {n * n:>5} {n ** 3:>6} {n:>8b}")
print("=" * 20)
box_w = 12
print("+" + "-" * box_w + "+")
for word in ["alpha", "beta", "gamma"]:
    print("|" + word.center(box_w) + "|")
print("+" + "-" * box_w + "+")
print(", ".join(f"{k}={v!r}" for k, v in {"a": 1, "b": "two", "c": None}.items()))
tri = [("*" * i).rjust(5) for i in range(1, 6)]
print("\n".join(tri))
print("%s|%s" % ("-".join("abc"), "".join(reversed("abc"))))
big = "ab" * 1000
print(len(big), big[:6], big.count("ab"))
csv_line = ",".join(str(x / 4) for x in range(6))
print(csv_line)
print(str(1) + str(2.0) + str(None) + str([3]))
print(repr("a" + "\n" + "b"))
