name = "world"
width = 10
s1 = f"hello {name}"
s2 = f"{name!r} {name!s} {name!a}"
s3 = f"{3.14159:.2f} {name:>{width}}"
s4 = f"{{literal}} {name=}"
s5 = f"{'nested' + f'{name}'}"
