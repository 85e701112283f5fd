# f-strings: expressions, specs, conversions, self-documenting '='.
x = 3.14159
n = 1234567
name = "world"
v = "it's"
items = [1, 2, 3]
print(f"hello {name}")
print(f"{x:>10.3f}|{x:<10.2f}|{x:^10.1f}|")
print(f"{n:,} {n:_} {n:>12,} {n:e}")
print(f"{v!r} {v!s} {name!r:>10}")
print(f"{x=}")
print(f"{n = }")
print(f"{len(items)=} {items[1]=}")
print(f"{1 + 2} {items[-1] * 10} {'nested'} {name.upper()}")
print(f"{[i * i for i in range(4)]}")
print(f"{{escaped}} {n}")
width, prec = 12, 4
print(f"[{x:{width}.{prec}f}]")
print(f"{'left':<8}|{'right':>8}|{'mid':^8}|")
print(f"{255:#x} {255:08b} {0.125:.1%} {-5:+d} {5:+d}")
d = {"a": 1, "b": 2}
print(f"{d['a']} {d}")
print(f"{'yes' if n > 10 else 'no'}")
print(f"{x!r:>20}")
print(f"{3:03} {7:3} {'s':3}|")
for i in range(3):
    print(f"row {i:2d}: {'#' * i:<3}|")
print(f"""multi
{name}
line""")
print(f"{f'{name}':>8}")
print(f"{None} {True} {[1, 'a']}")
total = sum(items)
print(f"total={total}, avg={total / len(items):.2f}")
