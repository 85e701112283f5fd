"""Count the primes below N with a pool of threads, each task checking one slice of the range.

An ordinary threaded program, not written for gilbench: try it with
    gilbench compare --timeline --report reports/compare examples/threaded_primes.py
"""
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


found = []
found_lock = threading.Lock()


def count_slice(start, stop):
    count = 0
    for n in range(start, stop):
        if is_prime(n):
            count += 1
    with found_lock:
        found.append((start, count))
    return count


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 400_000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    step = limit // 16
    slices = [(s, min(s + step, limit)) for s in range(0, limit, step)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        total = sum(pool.map(lambda s: count_slice(*s), slices))
    print(f"{total} primes below {limit} ({len(found)} slices, {workers} threads)")


if __name__ == "__main__":
    main()
