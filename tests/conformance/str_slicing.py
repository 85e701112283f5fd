# Indexing and slicing strings.
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-1], s[8:2:-2], s[-1:-4:-1])
print(repr(s[5:2]), repr(s[100:]), s[-100:3], s[3:100])
print(s[2:8:3], s[::3], s[::-3])
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError:", e)
for i in range(len(s)):
    if i % 3 == 0:
        print(i, s[i], s[i:i + 2])
for ch in "xyz":
    print(ch, end=" ")
print()
print(list(reversed("abc")), "".join(reversed("hello")))
u = "héllo wörld"
print(u[1], u[::-1], len(u), u.upper())
word = "racecar"
print(word == word[::-1])
print("abc"[1:2] * 3)
print(s[slice(1, 4)], s[slice(None, None, -1)])
