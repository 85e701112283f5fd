# Word counting and text formatting.
text = """The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs!
A fox, a dog, and THE end."""
lines = text.splitlines()
print(len(lines), [len(l) for l in lines])
words = []
for line in lines:
    for raw in line.split():
        w = raw.strip(".,;!").lower()
        if w:
            words.append(w)
print(len(words), words[:6])
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, n in top:
    print(f"{word:<6}{n:>3} {'*' * n}")
print(sorted(set(words))[:8])
longest = max(words, key=len)
print("longest:", longest, len(longest))
caps = [w.capitalize() for w in words if len(w) > 3]
print(" ".join(caps))
acronym = "".join(w[0].upper() for w in "portable network graphics".split())
print(acronym)
def wrap(s, width):
    out, line = [], ""
    for w in s.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        out.append(line)
    return out
for l in wrap(text.replace("\n", " "), 22):
    print(f"|{l:<22}|")
vowels = sum(1 for c in text.lower() if c in "aeiou")
print("vowels", vowels)
print(text.count("the"), text.lower().count("the"), text.find("fox"), text.rfind("fox"))
csv = "name,age,city\nann,31,paris\nbob,25,rome"
rows = [r.split(",") for r in csv.split("\n")]
header, body = rows[0], rows[1:]
records = [dict(zip(header, r)) for r in body]
print(records)
print(sum(int(r["age"]) for r in records) / len(records))
print("\n".join("-".join(r).upper() for r in body))
s = "Hello"
s += ", "
s += "World"
print(s, s[::-1].swapcase())
print("".join(sorted("dcba")), "".join(c * 2 for c in "abc"))
print(ord(max(text)), min(text.split(), key=len))
