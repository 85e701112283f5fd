# The sys module: argv, recursion limit, refcounts (relations only), exit via SystemExit.
import sys
print(len(sys.argv), sys.argv[0])
print(type(sys.argv).__name__)
limit = sys.getrecursionlimit()
print("default limit >= 1000:", limit >= 1000)
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.setrecursionlimit(limit)
print(sys.getrecursionlimit() == limit)
obj = []
before = sys.getrefcount(obj)
holder = [obj]
after = sys.getrefcount(obj)
print("refcount grows by one:", after - before)
del holder
print("back after del:", sys.getrefcount(obj) - before)
alias1 = obj
alias2 = obj
print("two aliases:", sys.getrefcount(obj) - before)
try:
    sys.exit(4)
except SystemExit as e:
    print("SystemExit code:", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("SystemExit code:", repr(e.code))
try:
    sys.exit()
except SystemExit as e:
    print("SystemExit code:", e.code)
print(isinstance(SystemExit(), BaseException), isinstance(SystemExit(), Exception))
try:
    raise KeyboardInterrupt
except BaseException as e:
    print("caught", type(e).__name__)
print("done")
