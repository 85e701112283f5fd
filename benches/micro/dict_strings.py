# Microbenchmark: dicts keyed by f-string/str keys, built and read back (~720k inserts + ~720k lookups).
def main():
    total = 0
    for rnd in range(12):
        d = {}
        for i in range(60000):
            d[f"key{i}"] = i * rnd
        for i in range(60000):
            total += d["key" + str(i)]
        total += len(d)
    print("dict_strings checksum", total)

main()
