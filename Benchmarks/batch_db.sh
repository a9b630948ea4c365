#!/usr/bin/env bash
# Parallel scaling of `stipple batch` with --keep summary, with and without --db, on the shipped
# sweeps (--jobs 1 vs --jobs 2), and a large sweep of tiny plans with --db (wall time, CPU time,
# peak memory, database size). The load average is printed with each figure: on a shared
# machine wall-time speed-ups are not the machine's; CPU time (user + system) per plan is.
#
# Usage: Benchmarks/batch_db.sh [--markdown FILE] [LARGE_COUNT]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
markdown=""
if [ "${1:-}" = "--markdown" ]; then markdown=$2; shift 2; fi
large=${1:-10000}
swift build -c release --product stipple >&2
bin=.build/release/stipple
work=$(mktemp -d /tmp/stipple-batch-db.XXXXXX)
trap 'rm -rf "$work"' EXIT
rows=()
measure() {  # measure ARGS... → "wall user+sys peakMB"
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" "$@" --quiet
    read -r secs user sys kb < "$work/time"
    echo "$secs $(echo "$user + $sys" | bc -l) $((kb / 1024))"
}
load() { cut -d' ' -f1 /proc/loadavg; }
for sweep in depth-by-skin spacing-merge-risk stage-series; do
    for db in no yes; do
        extra=(); [ "$db" = yes ] && extra=(--db "$work/r.sqlite")
        declare -A wall cpu
        for j in 1 2; do
            rm -rf "$work/out" "$work/r.sqlite"
            l=$(load)
            read -r w c m < <(measure batch "Data/sweeps/$sweep.yaml" --out "$work/out" --keep summary --jobs "$j" "${extra[@]}")
            wall[$j]=$w; cpu[$j]=$c
            echo "$sweep db=$db jobs=$j wall=$w cpu=$c load=$l" >&2
            loads[$j]=$l
        done
        speed=$(echo "${wall[1]} / ${wall[2]}" | bc -l | xargs printf '%.2f')
        rows+=("| $sweep | $db | ${wall[1]} | ${cpu[1]} | ${loads[1]} | ${wall[2]} | ${cpu[2]} | ${loads[2]} | $speed |")
    done
done
sed "s/COUNT/$large/" Benchmarks/sweeps/tiny-plans.yaml > "$work/tiny.yaml"
rm -rf "$work/out" "$work/r.sqlite"
l=$(load)
read -r w c m < <(measure batch "$work/tiny.yaml" --out "$work/out" --keep summary --jobs 2 --db "$work/r.sqlite")
size=$(du -k "$work/r.sqlite" | cut -f1)
large_row="| $large | $w | $c | $m | $((size / 1024)) | $(echo "$size / $large" | bc -l | xargs printf '%.2f') | $l |"
echo "large: $large_row" >&2
if [ -n "$markdown" ]; then
    {
        echo "| sweep | --db | wall s, --jobs 1 | CPU s | load | wall s, --jobs 2 | CPU s | load | wall speed-up |"
        echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
        for r in "${rows[@]}"; do echo "$r"; done
        echo
        echo "| tiny plans | wall s | CPU s | peak RSS MB | database MB | kB/plan | load |"
        echo "| --- | --- | --- | --- | --- | --- | --- |"
        echo "$large_row"
    } > "$markdown"
fi
