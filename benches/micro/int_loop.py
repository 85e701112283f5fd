# Microbenchmark: integer arithmetic in while/for loops (~5M iterations).
def main():
    total = 0
    i = 0
    while i < 2500000:
        total += (i * 7 + 3) % 11
        i += 1
    for j in range(2500000):
        total ^= j * 3 - (j >> 2)
    print("int_loop checksum", total)

main()
