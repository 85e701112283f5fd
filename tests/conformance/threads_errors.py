import sys
import threading

# RuntimeErrors from misuse
t = threading.Thread(target=lambda: None)
try:
    t.join()
except RuntimeError as e:
    print("RuntimeError:", e)
t.start()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
t.join()
try:
    t.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
lock = threading.Lock()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
rlock = threading.RLock()
try:
    rlock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
cond = threading.Condition()
try:
    cond.wait()
except RuntimeError as e:
    print("RuntimeError:", e)
print(threading.ThreadError is RuntimeError)

# A custom excepthook sees the exception and the thread
caught = []

def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name))

def fail(msg):
    raise ValueError(msg)

threading.excepthook = hook
t = threading.Thread(target=fail, args=("custom hook",), name="failing")
t.start()
t.join()
print("caught:", caught)

# SystemExit in a thread ends it quietly (the default hook ignores it)
threading.excepthook = threading.__excepthook__

def quit_thread():
    sys.exit(3)
    print("not reached")

t = threading.Thread(target=quit_thread)
t.start()
t.join()
print("SystemExit in thread ignored, alive:", t.is_alive())

# The default excepthook prints to stderr; the thread ends, the program goes on
def divide(a, b):
    return a / b

def worker():
    divide(1, 0)

t = threading.Thread(target=worker)
t.start()
t.join()
print("after failing thread, alive:", t.is_alive())

class Boom(threading.Thread):
    def run(self):
        raise KeyError("boom")

b = Boom(name="boomer")
b.start()
b.join()

# An exception raised by the hook itself
def bad_hook(args):
    raise TypeError("hook failed")

threading.excepthook = bad_hook
t = threading.Thread(target=fail, args=("unreported",), name="hooked")
t.start()
t.join()
threading.excepthook = threading.__excepthook__
print("main still running")
