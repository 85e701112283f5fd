f(a)(b)
obj.method().attr[0].call(x=1)
(a).b
a.b.c.d
f(*args)
f(a, *args, b)
f(x=1, *args)
f(**{'a': 1})
x = f(
    a,
    b,
)
"".join(parts)
1 .real
1.0.imag
