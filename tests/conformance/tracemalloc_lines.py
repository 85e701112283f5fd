# tracemalloc attributes each allocation to the source line that made it (sizes differ
# between implementations; the lines, the ranking of big allocations and the formats do not).
import tracemalloc


def blocks(n, size):
    out = []
    for _ in range(n):
        out.append(bytes(size))
    return out


def nested():
    return blocks(20, 50000)


print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
tracemalloc.start()
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
first = blocks(40, 10000)
second = nested()
snap = tracemalloc.take_snapshot()
cur, peak = tracemalloc.get_traced_memory()
print("traced at least 1.4 MB:", cur >= 1400000, "peak >= current:", peak >= cur)

stats = snap.statistics("lineno")
top = stats[0]
frame = top.traceback[0]
print("top line:", frame.filename == __file__, frame.lineno, top.count >= 60, top.size >= 1400000)
text = str(top)
head, _, rest = text.partition(": size=")
print("str head:", head == "%s:%d" % (__file__, frame.lineno))
print("str fields:", [part.split("=")[0] for part in rest.split(", ")][1:])

by_file = snap.statistics("filename")
print("by file:", by_file[0].traceback[0].lineno, by_file[0].traceback[0].filename == __file__)

# With two frames per traceback the callers show: blocks() at line 9, nested() at line 14, the module at line 41 (oldest first).
tracemalloc.stop()
tracemalloc.start(3)
again = nested()
tb_stats = tracemalloc.take_snapshot().statistics("traceback")
lines = [f.lineno for f in tb_stats[0].traceback]
print("traceback lines:", lines, len(tb_stats[0].traceback))

# compare_to: what the second snapshot added, biggest first.
before = tracemalloc.take_snapshot()
more = blocks(10, 100000)
after = tracemalloc.take_snapshot()
diff = after.compare_to(before, "lineno")
print("diff top:", diff[0].traceback[0].lineno, diff[0].size_diff >= 1000000, diff[0].count_diff >= 10)
print(str(diff[0]).split(": size=")[0] == "%s:%d" % (__file__, diff[0].traceback[0].lineno))

del first, second, again, more
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
