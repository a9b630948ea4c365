#!/usr/bin/env bash
# Builds the libFuzzer targets (FuzzPlan: plan parsing + validation + sweeps; FuzzCSV: the
# `stipple color delta-e` CSV reader; FuzzModel: fade model files and the expression compiler,
# evaluator and fitter) with -sanitize=fuzzer,address and runs each for SECONDS (default 60).
# Seeds: Tests/FuzzCorpus/{plan,csv,model}; the growing corpus stays in the scratch
# folder; crashing, leaking, slow (> 5 s) or memory-hungry (> 2 GB) inputs are written to
# $FUZZ_FINDINGS (default .build-fuzz/findings/<target>/). Exit status 1 if any was found.
#
#   Tests/fuzz/run.sh [SECONDS]        e.g. Tests/fuzz/run.sh 300
#   FUZZ_JOBS=2 Tests/fuzz/run.sh      run the fuzzers at once (default: one after the other)
#
# The fuzzers are their own package, Fuzz/ (sharing Fuzz/Sources/FuzzDriver), depending on this one.
# Reproduce a finding: .build-fuzz/debug/FuzzPlan FILE (libFuzzer runs just that input), or a
# plain build's replayer: swift run --package-path Fuzz FuzzPlan FILE.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
findings=${FUZZ_FINDINGS:-$scratch/findings}
nice=(nice -n 10)

flags=(--package-path Fuzz -c debug --scratch-path "$scratch"
       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
       -Xcc -fsanitize=fuzzer-no-link,address)
for product in FuzzPlan FuzzCSV FuzzModel; do
    "${nice[@]}" swift build "${flags[@]}" --product "$product" 2>&1 | grep -v -e "^\[" -e "Cannot export local symbol" || true
    test -x "$scratch/debug/$product" || { echo "fuzz: building $product failed" >&2; exit 1; }
done

run() { # name target max_len
    local name=$1 target=$2 max_len=$3
    local corpus="$scratch/corpus/$name" found="$findings/$name"
    mkdir -p "$corpus" "$found"
    echo "fuzz: $target for ${seconds}s (seeds Tests/FuzzCorpus/$name, findings $found/)"
    local status=0
    "${nice[@]}" "$scratch/debug/$target" "$corpus" "Tests/FuzzCorpus/$name" \
        -max_len="$max_len" -timeout=5 -rss_limit_mb=2048 -max_total_time="$seconds" \
        -artifact_prefix="$found/" -print_final_stats=1 -detect_leaks=0 \
        > "$scratch/$name.log" 2>&1 || status=$?
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' "$scratch/$name.log" | sed "s/^/fuzz: $name: /" || true
    if [ $status -ne 0 ]; then
        echo "fuzz: $target FAILED (status $status); log $scratch/$name.log, inputs in $found/:" >&2
        grep -E 'ERROR|SUMMARY|Fatal error|Test unit written' "$scratch/$name.log" | head -20 >&2 || true
    fi
    return $status
}

status=0
if [ "${FUZZ_JOBS:-1}" -ge 2 ]; then
    run plan FuzzPlan 8192 & p1=$!
    run csv FuzzCSV 4096 & p2=$!
    run model FuzzModel 16384 & p3=$!
    wait $p1 || status=1
    wait $p2 || status=1
    wait $p3 || status=1
else
    run plan FuzzPlan 8192 || status=1
    run csv FuzzCSV 4096 || status=1
    run model FuzzModel 16384 || status=1
fi
exit $status
