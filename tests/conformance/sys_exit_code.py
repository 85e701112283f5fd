# sys.exit(n) sets the process exit status; output before it is kept, code after it does not run.
import sys

def main():
    print("working")
    try:
        sys.exit(3)
    finally:
        print("finally still runs")
    print("not reached")

main()
print("not reached either")
