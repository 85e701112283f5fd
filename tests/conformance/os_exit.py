# os._exit(n) ends the process at once with status n: no finally blocks, no exit hooks, and
# what print() still holds in stdout's buffer is lost (stdout here is a pipe, block-buffered in
# CPython); what was flushed stays written.
import os
import sys

print("written: flushed before os._exit")
sys.stdout.flush()
print("lost: still in stdout's buffer")
try:
    os._exit(3)
finally:
    print("never printed: finally blocks do not run")
