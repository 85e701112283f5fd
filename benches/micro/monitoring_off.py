# Microbenchmark: what sys.monitoring instruments (calls, returns, loops, branches), with no event ever enabled (~0.74M calls, 1M loop iterations); its instruction count measures the monitoring-off cost.
def leaf(x):
    return x + 1


def branchy(n):
    t = 0
    for i in range(n):
        if i & 1:
            t += leaf(i)
        else:
            t -= 1
    return t


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    total = 0
    for r in range(200):
        total += branchy(5000)
    total += fib(25)
    print("monitoring_off checksum", total)


main()
