# Microbenchmark: method calls on a small class (~4.5M calls).
class Counter:
    def __init__(self):
        self.value = 0
        self.calls = 0

    def add(self, n):
        self.value += n
        self.calls += 1

    def scaled(self, k):
        return self.value * k % 1000003

    def reset_if(self, limit):
        if self.value > limit:
            self.value -= limit


def main():
    c = Counter()
    acc = 0
    for i in range(1500000):
        c.add(i)
        acc += c.scaled(3)
        c.reset_if(1000000)
    print("method_calls checksum", acc, c.calls)

main()
