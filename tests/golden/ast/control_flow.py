if a:
    pass

if a:
    x = 1
else:
    x = 2

if a:
    x = 1
elif b:
    x = 2
elif c:
    x = 3
else:
    x = 4

while x:
    x -= 1
    if x == 3:
        break
    continue

while True:
    pass
else:
    done()

for i in range(10):
    print(i)

for i, j in pairs:
    pass
else:
    pass

for (a, b) in c: pass
for [a, *b] in c: pass
for x in 1, 2, 3: pass

if x: y = 1
while y: y -= 1
for q in r: s(q)
if x: a; b; c
