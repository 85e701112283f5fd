with open("a") as f:
    data = f.read()

with open("a") as f, open("b") as g:
    pass

def copy(src):
    with open(src) as f:
        return f.read()

def loop(paths):
    for p in paths:
        with open(p):
            if p:
                break
            continue
