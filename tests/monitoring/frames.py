# Frames inside sys.monitoring callbacks: sys._getframe(1) is the monitored frame (code, current line, locals, f_back), the same object for every event of one call.
import sys

mon = sys.monitoring
E = mon.events
TOOL = mon.DEBUGGER_ID
seen = []


def on_line(code, line):
    frame = sys._getframe(1)
    seen.append(("line", frame.f_code is code, frame.f_lineno - code.co_firstlineno, line == frame.f_lineno, sorted(frame.f_locals)))


def on_return(code, offset, value):
    frame = sys._getframe(1)
    seen.append(("return", frame.f_code.co_name, frame.f_back.f_code.co_name, value, sorted(frame.f_locals.items())))


def compute(a):
    b = a * 2
    c = b + 1
    return c


def driver():
    return compute(5)


mon.use_tool_id(TOOL, "debugger")
mon.register_callback(TOOL, E.LINE, on_line)
mon.register_callback(TOOL, E.PY_RETURN, on_return)
mon.set_local_events(TOOL, compute.__code__, E.LINE | E.PY_RETURN)
result = driver()
mon.set_local_events(TOOL, compute.__code__, 0)
print("result", result)
for item in seen:
    print(*item)

# A profiler's shadow stack: PY_START pushes the frame, PY_RETURN pops and checks it.
stack = []
errors = []
deepest = []


def down(code, offset):
    frame = sys._getframe(1)
    stack.append(frame)
    chain = []
    while frame is not None:
        chain.append(frame.f_code.co_name)
        frame = frame.f_back
    if len(chain) > len(deepest):
        deepest[:] = chain


def up(code, offset, value):
    frame = sys._getframe(1)
    if not stack or stack.pop() is not frame:
        errors.append(code.co_name)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


mon.register_callback(TOOL, E.PY_START, down)
mon.register_callback(TOOL, E.PY_RETURN, up)
mon.set_events(TOOL, E.PY_START | E.PY_RETURN)
value = fib(6)
mon.set_events(TOOL, 0)
print("fib", value, "errors", errors, "left on stack", len(stack))
print("deepest", deepest)
mon.free_tool_id(TOOL)
