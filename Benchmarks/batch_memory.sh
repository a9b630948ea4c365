#!/usr/bin/env bash
# Whole sweeps of tiny plans (Benchmarks/sweeps/tiny-plans.yaml: the batch machinery dominates):
# wall time, plans/s, peak memory and disk as the number of plans grows. Bounded memory shows as
# a flat peak RSS; `--keep summary` keeps disk to the summaries (≈ 1–2 kB per plan) instead of a
# folder per plan (≈ 40 kB per plan with --images none).
#
# Usage: Benchmarks/batch_memory.sh [--markdown FILE] [COUNT...]   (default: 1000 10000 100000)
#   Each COUNT runs with --keep summary; the smallest COUNT also runs with --keep all, for the
#   disk comparison. --markdown writes the table (and the commands) to FILE for BENCHMARKS.md.
#   JOBS=N sets --jobs (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
markdown=""
if [ "${1:-}" = "--markdown" ]; then markdown=$2; shift 2; fi
counts=("${@:-1000 10000 100000}")
read -r -a counts <<< "${counts[*]}"
jobs=${JOBS:-$(nproc)}
swift build -c release --product stipple >&2
work=$(mktemp -d /tmp/stipple-batch-memory.XXXXXX)
trap 'rm -rf "$work"' EXIT
rows=()
run() {  # run COUNT KEEP
    local n=$1 keep=$2
    sed "s/COUNT/$n/" Benchmarks/sweeps/tiny-plans.yaml > "$work/sweep-$n.yaml"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
        .build/release/stipple batch "$work/sweep-$n.yaml" --out "$work/out" --keep "$keep" --jobs "$jobs" --quiet
    read -r secs user sys kb < "$work/time"
    local disk_kb; disk_kb=$(du -sk "$work/out" | cut -f1)
    local ok; ok=$(($(wc -l < "$work/out/summary.csv") - 1))
    [ "$ok" -eq "$n" ] || { echo "batch_memory: expected $n summary rows, found $ok" >&2; exit 1; }
    local rate cpu_rate per_plan
    rate=$(echo "$n / $secs" | bc -l | xargs printf '%.1f')
    cpu_rate=$(echo "$n / ($user + $sys)" | bc -l | xargs printf '%.1f')
    per_plan=$(echo "$disk_kb / $n" | bc -l | xargs printf '%.2f')
    printf "%-8s %-8s %-9s %-10s %-14s %-12s %-10s %-8s\n" "$n" "$keep" "$secs" "$rate" "$cpu_rate" "$((kb / 1024))" "$((disk_kb / 1024))" "$per_plan" >&2
    rows+=("| $n | $keep | $secs | $rate | $cpu_rate | $((kb / 1024)) | $((disk_kb / 1024)) | $per_plan |")
    rm -rf "$work/out"
}
printf "%-8s %-8s %-9s %-10s %-14s %-12s %-10s %-8s\n" plans keep seconds plans/s plans/cpu-s peak_rss_MB disk_MB kB/plan >&2
run "${counts[0]}" all
for n in "${counts[@]}"; do run "$n" summary; done
if [ -n "$markdown" ]; then
    {
        echo "## Sweeps: whole batches of tiny plans"
        echo
        echo "\`Benchmarks/batch_memory.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): \`stipple batch\` of Norwood I one-session"
        echo "plans (Benchmarks/sweeps/tiny-plans.yaml, seeds 1…N), --images none, --jobs $jobs (all cores, not pinned);"
        echo "wall time, plans/s of wall time and of CPU time (user + system), peak resident memory, disk left in --out."
        echo
        echo "| plans | --keep | wall s | plans/s | plans/CPU-s | peak RSS MB | disk MB | kB/plan |"
        echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
        for r in "${rows[@]}"; do echo "$r"; done
        echo
        echo '```sh'
        echo "Benchmarks/batch_memory.sh ${counts[*]}"
        echo '```'
    } > "$markdown"
fi
