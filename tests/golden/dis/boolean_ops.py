a = 1
b = 0
c = a and b or not a
d = a if b else c
e = 1 < a <= 3 != b
if a and (b or c) and not d:
    print("x")
while not a or b:
    break
if (n := len("abc")) > 2:
    print(n)
