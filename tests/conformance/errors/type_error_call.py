# Uncaught TypeError from a bad call inside a lambda passed to map.
def apply(fn, items):
    return list(map(fn, items))

print(apply(lambda x: x + 1, [1, 2]))
print(apply(lambda x: x + 1, [1, "two", 3]))
