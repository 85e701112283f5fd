# The time module: never print absolute times, only relations.
import time
start = time.perf_counter()
wall = time.time()
time.sleep(0.01)
total = 0
for i in range(10000):
    total += i
elapsed = time.perf_counter() - start
print("total", total)
print("elapsed >= 0.01:", elapsed >= 0.01)
print("elapsed < 5:", elapsed < 5)
print("time is float:", type(wall).__name__)
print("after 2020:", wall > 1577836800)
print("monotonic:", time.perf_counter() >= start)
t0 = time.time()
time.sleep(0)
print("time non-decreasing:", time.time() >= t0 - 1)
