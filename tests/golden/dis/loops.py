total = 0
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
else:
    total = -1

n = 10
while n > 0:
    n -= 1
    if n == 3:
        break
else:
    print("no break")

while True:
    n += 1
    if n > 5:
        break
