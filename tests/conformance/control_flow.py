# if/elif/else, while, for, break/continue, nested loops.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"

for n in [-5, 0, 3, 42]:
    print(n, classify(n))
i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
print("after while", i)
for x in range(3):
    for y in range(3):
        if y > x:
            break
        print((x, y), end=" ")
    print()
count = 0
while True:
    count += 1
    if count >= 5:
        break
print("count", count)
grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
found = None
for r, row in enumerate(grid):
    for c, val in enumerate(row):
        if val == 6:
            found = (r, c)
            break
    if found:
        break
print("found 6 at", found)
total = 0
for row in grid:
    for val in row:
        if val % 2:
            continue
        total += val
print("even total", total)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
if []:
    print("never")
elif {}:
    print("never either")
else:
    print("empty containers are falsy")
x = 5
if x > 3:
    if x > 4:
        print("x > 4")
    else:
        print("3 < x <= 4")
for ch in "abc":
    pass
print("ch leaks:", ch)
k = 0
for k in range(0):
    pass
print("k unchanged:", k)
