# Uncaught ZeroDivisionError three calls deep; output before it must still appear.
def average(values):
    total = sum(values)
    return total / len(values)

def report(groups):
    for name, values in groups:
        print(name, average(values))

def main():
    report([("a", [1, 2, 3]), ("b", [10]), ("empty", [])])

print("start")
main()
print("never printed")
