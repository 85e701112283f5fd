# No `if __name__ == "__main__":` guard: every worker must run only the function sent to it,
# never this script's top-level code again (each line below prints once).
from concurrent import interpreters
from concurrent.futures import InterpreterPoolExecutor

print("top of the script: runs once")


def square(x):
    return x * x


def shout():
    print("printed by a worker")
    return len([i for i in range(10)])


with InterpreterPoolExecutor(max_workers=2) as pool:
    print(list(pool.map(square, range(6))))
    print(list(pool.map(lambda x: -x, [1, 2, 3])))
    print(pool.submit(shout).result())

def script():
    x = 41
    print("a function run as a script:", x + 1)


interp = interpreters.create()
interp.exec(script)
interp.exec("print('x' in globals())")
print(interp.call(square, 12))
t = interp.call_in_thread(shout)
t.join()
q = interpreters.create_queue()
q.put(square)
f = q.get()
print(f(9), f.__name__, f is square)
k = 5


def make_adder():
    def add(x):
        return x + k2
    k2 = k
    return add


try:
    interp.call(make_adder(), 1)
except interpreters.NotShareableError as e:
    print("closure:", type(e).__name__)
interp.close()
print("end of the script: runs once")
