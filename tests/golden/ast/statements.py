pass
x = 1; y = 2; z = 3;
assert x
assert x, 'message'
del x
global a
print('hello')
a.b.c(d)
x = not a
def f():
    nonlocal_ = 1
    return x, y
break_ = 1
if True:
    pass  # comment
# trailing comment
