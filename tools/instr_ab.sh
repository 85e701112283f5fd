#!/usr/bin/env bash
# Instructions of the same workload work under two gilbench binaries (valgrind's count is
# deterministic, unlike wall clock): one worker's share (tools/one_worker.py) at 3*SIZE minus at
# SIZE, so start-up cancels out; the last column is B against A.
# Usage: tools/instr_ab.sh BINARY_A BINARY_B WORKLOAD:SIZE...   (needs valgrind)
# Labels for the columns: LABEL_A / LABEL_B in the environment (default "A" / "B").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
a_bin=$1 b_bin=$2
shift 2
instr() { # binary mode workload size -> instructions
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$1" run --mode "$2" tools/one_worker.py "$3" "$4" 2>&1 | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'
}
work() { # binary mode workload size -> instructions of 2*size of work
    echo $(( $(instr "$1" "$2" "$3" $(($4 * 3))) - $(instr "$1" "$2" "$3" "$4") ))
}
printf '%-20s %-14s %14s %14s %8s\n' workload mode "${LABEL_B:-B}" "${LABEL_A:-A}" change
for spec in "$@"; do
    name=${spec%%:*}; size=${spec##*:}
    for mode in gil free-threaded; do
        b=$(work "$b_bin" $mode "$name" "$size")
        a=$(work "$a_bin" $mode "$name" "$size")
        awk -v w="$name" -v m="$mode" -v b="$b" -v a="$a" 'BEGIN { printf "%-20s %-14s %14d %14d %+7.2f%%\n", w, m, b, a, (b - a) * 100 / a }'
    done
done
