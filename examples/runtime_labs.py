"""The CPython runtime lab routine, in four steps: bytecode (dis), allocations (tracemalloc),
reference cycles (gc) and execution events (sys.monitoring).

Runs unchanged on CPython 3.12+ and under every gilbench build:

    python3.12 examples/runtime_labs.py
    gilbench run --mode gil examples/runtime_labs.py
    gilbench run --mode ft examples/runtime_labs.py
    gilbench run --mode sub examples/runtime_labs.py

Bytecode and byte counts differ between interpreters (each has its own instruction set and object
layout); the shapes are what to compare: which function runs fewer instructions per item, which
line allocates, how many objects a cycle leaves behind, which events fire in which order.
"""

from __future__ import annotations

import dis
import gc
import sys
import tracemalloc
from dataclasses import dataclass


def section(title: str) -> None:
    print()
    print(f"== {title} ==")


# --- 1. Compare two functions with dis -------------------------------------------------------

def total_loop(values: list[int]) -> int:
    total = 0
    for v in values:
        total += v
    return total


def total_builtin(values: list[int]) -> int:
    return sum(values)


section("1. dis: a Python loop against a builtin")
dis.dis(total_loop)
print("-" * 40)
dis.dis(total_builtin)
loop_ops = [i.opname for i in dis.get_instructions(total_loop)]
builtin_ops = [i.opname for i in dis.get_instructions(total_builtin)]
print(f"total_loop: {len(loop_ops)} instructions, the loop body runs for every item")
print(f"total_builtin: {len(builtin_ops)} instructions, the loop runs inside sum()")
assert total_loop(list(range(100))) == total_builtin(list(range(100))) == 4950


# --- 2. Top allocation lines with tracemalloc -----------------------------------------------

@dataclass(slots=True)
class Reading:
    sensor: str
    value: float
    tags: tuple = ()


def build_readings(n: int) -> list[Reading]:
    return [Reading(f"sensor-{i % 10}", i * 0.5) for i in range(n)]


def build_index(readings: list[Reading]) -> dict[str, list[float]]:
    index: dict[str, list[float]] = {}
    for r in readings:
        index.setdefault(r.sensor, []).append(r.value)
    return index


section("2. tracemalloc: which lines allocate")
tracemalloc.start()
readings = build_readings(20_000)
index = build_index(readings)
payload = bytes(64 * 1024)
snapshot = tracemalloc.take_snapshot()
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
snapshot = snapshot.filter_traces((
    tracemalloc.Filter(True, __file__),
))
for stat in snapshot.statistics("lineno")[:3]:
    print(stat)
print(f"traced now {current // 1024} KiB, peak {peak // 1024} KiB; {len(index)} sensors, {len(payload)} bytes of payload")


# --- 3. A reference cycle and gc.collect() --------------------------------------------------

class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.peer: Node | None = None


def make_cycles(n: int) -> None:
    for i in range(n):
        a, b = Node(f"a{i}"), Node(f"b{i}")
        a.peer, b.peer = b, a      # each pair keeps the other alive: refcounting alone cannot free them


section("3. gc: cycles that only the collector frees")
gc.disable()                      # no automatic collection: the cycles stay until we ask
gc.collect()
events = []
gc.callbacks.append(lambda phase, info: events.append((phase, info["generation"], info["collected"])))
make_cycles(100)
found = gc.collect()
gc.enable()
gc.callbacks.clear()
print(f"gc.collect() found {found} unreachable objects (100 pairs of instances)")
print(f"callbacks saw: {events}")
print(f"thresholds {gc.get_threshold()}, {len(gc.get_stats())} generations")
lone = []
lone.append(lone)
print(f"a self-referencing list is tracked: {gc.is_tracked(lone)}; an int is not: {gc.is_tracked(42)}")
del lone
print(f"and it is one unreachable object: {gc.collect()}")


# --- 4. A small event sample with sys.monitoring (PEP 669) ----------------------------------

def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


section("4. sys.monitoring: calls and returns of fib(4)")
if not hasattr(sys, "monitoring"):
    print("sys.monitoring needs Python 3.12+; skipped")
else:
    mon = sys.monitoring
    TOOL = mon.PROFILER_ID
    calls = []
    mon.use_tool_id(TOOL, "lab")
    mon.register_callback(TOOL, mon.events.PY_START, lambda code, offset: calls.append(("start", code.co_name)))
    mon.register_callback(TOOL, mon.events.PY_RETURN, lambda code, offset, value: calls.append(("return", code.co_name, value)))
    mon.set_events(TOOL, mon.events.PY_START | mon.events.PY_RETURN)
    result = fib(4)
    mon.set_events(TOOL, mon.events.NO_EVENTS)
    mon.free_tool_id(TOOL)
    starts = sum(1 for c in calls if c[0] == "start" and c[1] == "fib")
    print(f"fib(4) = {result}: {starts} PY_START events for fib, first ones {calls[:3]}")
    print(f"returns in order: {[c[2] for c in calls if c[0] == 'return' and c[1] == 'fib']}")
