[x for x in y]
[x for x in y if x if not z]
[x * y for x in a for y in b]
{x for x in y}
{k: v for k, v in items}
{k: v for k in a if k for v in b}
(x for x in y)
f(x for x in y)
sum(x for x in y if x)
[(a, b) for a, b in pairs]
[x async for x in y]
[[y for y in x] for x in z]
[x for x in (yield)]
