if (n := len(a)) > 10:
    pass
while (chunk := read()):
    process(chunk)
[y for x in data if (y := f(x))]
print(x := 1)
f(a, b := 2)
(x := 5)
a[b := 1]
