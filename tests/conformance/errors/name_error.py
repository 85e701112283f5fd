# Uncaught NameError at module level after a successful call.
def compute(values):
    return [v * 2 for v in values]

print(compute([1, 2, 3]))
print(totally_unknown_identifier_xyz)
