# sys.monitoring LINE, BRANCH and JUMP events (lines relative to each function's def line), per-code local events, DISABLE of one line, and the exception events RAISE, EXCEPTION_HANDLED, PY_UNWIND, PY_THROW.
import sys

mon = sys.monitoring
E = mon.events
TOOL = mon.COVERAGE_ID
events = []


def rel(code, line):
    return line - code.co_firstlineno


def line_of(code, offset):
    for start, end, line in code.co_lines():
        if start <= offset < end:
            return None if line is None else line - code.co_firstlineno
    return None


def on_line(code, line):
    events.append(("line", code.co_name, rel(code, line)))


def on_jump(code, src, dest):
    events.append(("jump", code.co_name, "to", line_of(code, dest), "backward" if dest < src else "forward"))


def on_branch(code, src, dest):
    events.append(("branch", code.co_name, line_of(code, src), "to", line_of(code, dest)))


def linear():
    a = 1
    b = a + 1
    return a + b


def loop(items):
    total = 0
    for item in items:
        total += item
    return total


def choose(flag):
    if flag:
        result = "yes"
    else:
        result = "no"
    return result


def dump(title):
    print(title)
    for e in events:
        print("   ", *e)
    events.clear()


mon.use_tool_id(TOOL, "lines")
mon.register_callback(TOOL, E.LINE, on_line)
mon.register_callback(TOOL, E.JUMP, on_jump)
mon.register_callback(TOOL, E.BRANCH, on_branch)

# Global LINE events: the module's own lines (absolute for <module>) and linear's.
mon.set_events(TOOL, E.LINE)
value = linear()
mon.set_events(TOOL, 0)
dump("global LINE")

# Local events: only loop's code object is instrumented.
mon.set_local_events(TOOL, loop.__code__, E.LINE | E.JUMP | E.BRANCH)
loop([1, 2])
linear()
mon.set_local_events(TOOL, loop.__code__, 0)
dump("local LINE|JUMP|BRANCH on loop")

mon.set_local_events(TOOL, choose.__code__, E.LINE | E.BRANCH)
choose(True)
choose(False)
mon.set_local_events(TOOL, choose.__code__, 0)
dump("local LINE|BRANCH on choose")


# DISABLE from a LINE callback turns that line off for this tool only.
def disabling_line(code, line):
    events.append(("line", code.co_name, rel(code, line)))
    if rel(code, line) == 2:
        return mon.DISABLE


mon.register_callback(TOOL, E.LINE, disabling_line)
mon.set_local_events(TOOL, linear.__code__, E.LINE)
linear()
linear()
mon.set_local_events(TOOL, linear.__code__, 0)
mon.restart_events()
dump("DISABLE line 2 of linear")
mon.register_callback(TOOL, E.LINE, None)
mon.register_callback(TOOL, E.JUMP, None)
mon.register_callback(TOOL, E.BRANCH, None)


# Exceptions: RAISE in the raising frame and again in each frame it passes through.
def boom():
    raise KeyError("k")


def catcher():
    try:
        boom()
    except KeyError:
        return "caught"


def gen():
    yield 1
    yield 2


def thrower():
    g = gen()
    next(g)
    try:
        g.throw(IndexError("thrown"))
    except IndexError:
        return "handled"


def exc_event(name):
    def record(code, offset, exc):
        events.append((name, code.co_name, type(exc).__name__))
    return record


for event, name in ((E.RAISE, "RAISE"), (E.EXCEPTION_HANDLED, "EXCEPTION_HANDLED"),
                    (E.PY_UNWIND, "PY_UNWIND"), (E.PY_THROW, "PY_THROW")):
    mon.register_callback(TOOL, event, exc_event(name))
mon.set_events(TOOL, E.RAISE | E.EXCEPTION_HANDLED | E.PY_UNWIND | E.PY_THROW)
r1 = catcher()
r2 = thrower()
mon.set_events(TOOL, 0)
dump("exceptions " + r1 + " " + r2)


# DISABLE is refused for non-local events: ValueError, and the callback is removed.
def disabling_raise(code, offset, exc):
    events.append(("RAISE", code.co_name))
    return mon.DISABLE


mon.register_callback(TOOL, E.RAISE, disabling_raise)
mon.set_events(TOOL, E.RAISE)
try:
    boom()
except ValueError as e:
    events.append(("ValueError", str(e)))
mon.set_events(TOOL, 0)
events.append(("callback now", mon.register_callback(TOOL, E.RAISE, None)))
dump("DISABLE on RAISE")
mon.free_tool_id(TOOL)
