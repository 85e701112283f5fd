"""Run one workload's setup, one worker's share and check, single-threaded: a fixed amount of work for instruction counts.

Usage: gilbench run tools/one_worker.py WORKLOAD_NAME SIZE [WORKLOADS_DIR]   (also runs on python3)
"""
import importlib
import os
import sys

name, size = sys.argv[1], int(sys.argv[2])
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "..", "workloads"))
workload = importlib.import_module(name)
state = workload.setup(size)
result = workload.work(state, 0, 1, size)
if not workload.check([result], size, 1):
    sys.exit(f"{name}: check failed")
