# __import__ and importlib.import_module: import by a name computed at run time.
m = __import__("os.path", fromlist=["join"])
print(m.__name__)
top = __import__("os.path")
print(top.__name__)
import importlib
j = importlib.import_module("json")
print(j.dumps([1, 2]))
try:
    importlib.import_module("no_such_mod_xyz")
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    importlib.import_module(".x")
except TypeError as e:
    print(e)
try:
    __import__("")
except ValueError as e:
    print(e)
try:
    __import__(3)
except TypeError as e:
    print(e)
