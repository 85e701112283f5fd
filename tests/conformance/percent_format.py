# printf-style % formatting.
print("%d items" % 5)
print("%s and %s" % ("this", "that"))
print("%r" % "quoted", "%r" % [1, "a"])
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%.2f|%8.3f|%-8.1f|%+.1f|%08.2f" % (3.14159, 2.71828, 1.5, 2.0, -3.5))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%e %.2e %E" % (12345.678, 0.000123, 1e10))
print("%g %g %g %g" % (100000, 1000000, 0.0001, 0.00001))
print("%c%c" % (72, "i"))
print("%s" % (1, 2) if False else "%s %s" % (1, 2))
print("%s" % ((1, 2),))
print("100%% sure")
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%10s|%-10s|" % ("right", "left"))
print("%.3s" % "abcdef")
print("%*d" % (6, 7))
print("%d" % 3.99, "%s" % 3.99, "%i" % -7)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("only one",))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s" % (1, 2))
except TypeError as e:
    print("TypeError:", e)
rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 2.0)]
for name, qty, price in rows:
    print("%-8s %4d %6.2f" % (name, qty, price))
