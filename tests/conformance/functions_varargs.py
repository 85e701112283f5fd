# *args, **kwargs and call-site unpacking.
def show(*args, **kwargs):
    print("args:", args, "kwargs:", kwargs)

show()
show(1, 2)
show(a=1, b=2)
show(1, "x", key=[1])
nums = [1, 2, 3]
opts = {"sep": "-", "end": "!\n"}
print(*nums)
print(*nums, **opts)
show(*nums, *"ab", **opts, extra=True)

def total(first, *rest, scale=1):
    return (first + sum(rest)) * scale

print(total(1), total(1, 2, 3), total(*range(5), scale=2))

def describe(name, **info):
    parts = [f"{k}={v}" for k, v in info.items()]
    return name + "(" + ", ".join(parts) + ")"

print(describe("cfg", depth=3, mode="fast"))
print(describe(**{"name": "x", "a": 1}))

def point(x, y, z=0):
    return (x, y, z)

print(point(*[1, 2]), point(*(1, 2, 3)), point(**{"x": 5, "y": 6}), point(1, **{"z": 9, "y": 8}))
try:
    point(*[1, 2, 3, 4])
except TypeError as e:
    print("TypeError:", e)
try:
    point(1, 2, **{"x": 3})
except TypeError as e:
    print("TypeError:", e)

def wrapper(*args, **kwargs):
    return point(*args, **kwargs)
print(wrapper(1, y=2))
merged = {**{"a": 1}, **{"b": 2, "a": 3}}
print(merged)
combined = [*nums, *range(2), *"hi"]
print(combined)
print((*nums,), {*nums, 4})
def count_args(*a, **k):
    return len(a), len(k)
print(count_args(*[], **{}), count_args(*[None] * 5, **dict.fromkeys("abc")))
