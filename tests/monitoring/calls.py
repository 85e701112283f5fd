# sys.monitoring call events: PY_START, PY_RETURN, CALL (callable and first argument), C_RETURN/C_RAISE, PY_YIELD and PY_RESUME, no events inside callbacks, DISABLE and restart_events, a callback that raises, a thread started while monitoring is on.
import sys
import threading

mon = sys.monitoring
E = mon.events
TOOL = mon.PROFILER_ID
log = []


class Point:
    def __init__(self, x):
        self.x = x

    def norm(self, scale):
        return abs(self.x) * scale


def show(value):
    if value is mon.MISSING:
        return "MISSING"
    if isinstance(value, Point):
        return "<Point>"
    return repr(value)


def on_start(code, offset):
    log.append(f"PY_START {code.co_name}")


def on_resume(code, offset):
    log.append(f"PY_RESUME {code.co_name}")


def on_return(code, offset, value):
    log.append(f"PY_RETURN {code.co_name} {value!r}")


def on_yield(code, offset, value):
    log.append(f"PY_YIELD {code.co_name} {value!r}")


def on_call(code, offset, func, arg0):
    log.append(f"CALL {code.co_name} -> {func.__name__}({show(arg0)})")


def helper(n):
    return len([n] * n)


def squares(n):
    for i in range(n):
        yield i * i


def run():
    p = Point(-3)
    total = p.norm(2) + helper(2)
    for sq in squares(2):
        total += sq
    return total


mon.use_tool_id(TOOL, "calls")
for event, callback in ((E.PY_START, on_start), (E.PY_RESUME, on_resume), (E.PY_RETURN, on_return),
                        (E.PY_YIELD, on_yield), (E.CALL, on_call)):
    mon.register_callback(TOOL, event, callback)
mon.set_events(TOOL, E.PY_START | E.PY_RESUME | E.PY_RETURN | E.PY_YIELD | E.CALL)
result = run()
mon.set_events(TOOL, 0)
print("result", result)
for entry in log:
    print(entry)

# No event fires while a callback runs (for any tool): helper() inside the callback is silent.
inside = []


def noisy_start(code, offset):
    inside.append(code.co_name)
    helper(0)


mon.register_callback(TOOL, E.PY_START, noisy_start)
mon.set_events(TOOL, E.PY_START)
Point(5)
mon.set_events(TOOL, 0)
print("inside callback", inside)

# DISABLE turns PY_START off for helper's code only; restart_events turns it back on.
starts = []


def disabling_start(code, offset):
    starts.append(code.co_name)
    if code.co_name == "helper":
        return mon.DISABLE


mon.register_callback(TOOL, E.PY_START, disabling_start)
mon.set_events(TOOL, E.PY_START)
for _ in range(3):
    helper(1)
    Point(1).norm(1)
mon.set_events(TOOL, 0)
print("with DISABLE", starts)
starts.clear()
mon.restart_events()
mon.set_events(TOOL, E.PY_START)
helper(1)
helper(1)
mon.set_events(TOOL, 0)
print("after restart_events", starts)
mon.restart_events()


# A callback's exception is raised where the event happened.
def fresh():
    return "not reached"


def failing(code, offset):
    raise RuntimeError("callback failed in " + code.co_name)


mon.register_callback(TOOL, E.PY_START, failing)
mon.set_events(TOOL, E.PY_START)
try:
    fresh()
except RuntimeError as e:
    outcome = str(e)
mon.set_events(TOOL, 0)
print("raising callback", outcome)

# C_RETURN and C_RAISE follow calls of builtins and classes, for the tools that set CALL.
c_events = []


def c_calls():
    items = []
    items.append(2)
    n = len(items)
    try:
        int("x")
    except ValueError:
        pass
    return helper(n)


def c_recorder(kind):
    def record(code, offset, func, arg0):
        c_events.append((kind, func.__name__, show(arg0)))
    return record


mon.register_callback(TOOL, E.CALL, c_recorder("call"))
mon.register_callback(TOOL, E.C_RETURN, c_recorder("C return"))
mon.register_callback(TOOL, E.C_RAISE, c_recorder("C raise"))
mon.set_local_events(TOOL, c_calls.__code__, E.CALL)
c_calls()
mon.set_local_events(TOOL, c_calls.__code__, 0)
for entry in c_events:
    print(*entry)

# Events are per interpreter: a thread started while monitoring is on reports too.
thread_starts = []


def thread_start(code, offset):
    if code.co_name == "worker":
        thread_starts.append(code.co_name)


def worker():
    return helper(2)


mon.register_callback(TOOL, E.PY_START, thread_start)
mon.set_events(TOOL, E.PY_START)
t = threading.Thread(target=worker)
t.start()
t.join()
mon.set_events(TOOL, 0)
print("thread", thread_starts)
mon.register_callback(TOOL, E.PY_START, None)
mon.free_tool_id(TOOL)
