# sys.monitoring API surface: constants, tool ids, callbacks, global and local event sets, CPython 3.12's error messages.
import sys

mon = sys.monitoring
E = mon.events


def err(func, *args):
    try:
        func(*args)
        print("  no error")
    except Exception as e:
        print("  " + type(e).__name__ + ":", e)


def target():
    return 1


print("tool ids", mon.DEBUGGER_ID, mon.COVERAGE_ID, mon.PROFILER_ID, mon.OPTIMIZER_ID)
for name in ("PY_START", "PY_RESUME", "PY_RETURN", "PY_YIELD", "CALL", "LINE", "INSTRUCTION", "JUMP",
             "BRANCH", "STOP_ITERATION", "RAISE", "EXCEPTION_HANDLED", "PY_UNWIND", "PY_THROW",
             "RERAISE", "C_RETURN", "C_RAISE", "NO_EVENTS"):
    print("event", name, getattr(E, name))
print("sentinels", mon.DISABLE is mon.MISSING, type(mon.DISABLE).__name__, type(mon.MISSING).__name__)

print("get_tool unused", mon.get_tool(3))
mon.use_tool_id(3, "tool three")
print("get_tool used", mon.get_tool(3))
print("errors")
err(mon.use_tool_id, 3, "again")
err(mon.use_tool_id, 6, "x")
err(mon.use_tool_id, -1, "x")
err(mon.use_tool_id, 4, 4)
err(mon.set_events, 4, E.LINE)
err(mon.set_events, 3, 1 << 17)
err(mon.set_events, 3, E.C_RETURN)
err(mon.set_events, 3, E.C_RAISE | E.CALL)
err(mon.register_callback, 3, E.LINE | E.CALL, print)
err(mon.register_callback, 3, 1 << 17, print)
err(mon.get_events, 9)
err(mon.get_local_events, 3, "code")
err(mon.set_local_events, 3, target.__code__, E.RAISE)
err(mon.set_local_events, 4, target.__code__, E.LINE)

mon.set_events(3, E.CALL | E.C_RETURN | E.C_RAISE)
print("C events dropped", mon.get_events(3) == E.CALL)
mon.set_events(3, 0)
print("cleared", mon.get_events(3))


def cb1(*args):
    pass


def cb2(*args):
    pass


print("register first", mon.register_callback(3, E.PY_START, cb1))
print("register second returns first", mon.register_callback(3, E.PY_START, cb2) is cb1)
print("unregister returns second", mon.register_callback(3, E.PY_START, None) is cb2)

print("local unset", mon.get_local_events(3, target.__code__))
mon.set_local_events(3, target.__code__, E.LINE | E.PY_START)
print("local set", mon.get_local_events(3, target.__code__) == E.LINE | E.PY_START, mon.get_events(3))
print("local is not global", mon._all_events())
mon.set_local_events(3, target.__code__, 0)

mon.set_events(3, E.PY_START | E.PY_RETURN)
mon.use_tool_id(4, "tool four")
mon.set_events(4, E.PY_START)
print("all events", sorted(mon._all_events().items()))
mon.set_events(3, 0)
mon.set_events(4, 0)
print("all events off", mon._all_events())
mon.free_tool_id(3)
mon.free_tool_id(4)
print("freed", mon.get_tool(3), mon.get_tool(4))
err(mon.set_events, 3, E.LINE)
err(mon.free_tool_id, 3)
print("target still works", target())
