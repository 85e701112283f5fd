#!/usr/bin/env bash
# The counters' cost in instructions: the same workload work under the normal build and a
# `--features no-counters` build, counted by valgrind (deterministic, unlike wall clock).
# Each figure is instructions at 3*SIZE minus at SIZE, so start-up cancels out.
# Usage: tools/counters_cost.sh [WORKLOAD:SIZE ...]   (needs valgrind; builds target/nocount)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -q
CARGO_TARGET_DIR=target/nocount cargo build --release -q --features no-counters
specs=("$@")
[ ${#specs[@]} -gt 0 ] || specs=(nbody:1000 cpu_loop:200000 recursion:4 locked_counter:20000 shared_list_append:20000
    string_dict_build:5000 polymorphic_calls:20000 ref_cycles:5000 shared_dict_cache:20000)
instr() { # binary mode workload size -> instructions
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
        "$1" run --mode "$2" tools/one_worker.py "$3" "$4" 2>&1 | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'
}
printf '%-20s %-14s %14s %14s %8s\n' workload mode counters no-counters cost
for spec in "${specs[@]}"; do
    name=${spec%%:*}; size=${spec##*:}
    for mode in gil free-threaded; do
        on=$(( $(instr target/release/gilbench $mode $name $((size * 3))) - $(instr target/release/gilbench $mode $name $size) ))
        off=$(( $(instr target/nocount/release/gilbench $mode $name $((size * 3))) - $(instr target/nocount/release/gilbench $mode $name $size) ))
        awk -v w="$name" -v m="$mode" -v a="$on" -v b="$off" 'BEGIN { printf "%-20s %-14s %14d %14d %+7.2f%%\n", w, m, a, b, (a - b) * 100 / b }'
    done
done
