# __name__ == '__main__' and module-level names.
def main():
    print("main() called, __name__ =", __name__)
    return 0

print("module top level, __name__ is", repr(__name__))
print("has main:", callable(main))
if __name__ == "__main__":
    result = main()
    print("result", result)
else:
    print("imported")
print("end")
