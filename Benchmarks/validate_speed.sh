#!/usr/bin/env bash
# `stipple validate` of a sweep: CPU time per variant, from a small and a large sweep of the same
# kind so start-up (loading Data/) cancels: (T(large) − T(small)) / (large − small variants).
# Three sweeps: the tiny-plans seed sweep (Benchmarks/sweeps/tiny-plans.yaml, one session; colours
# repeat across variants), Norwood V three sessions over 5 skins × evenly spaced depths (every
# variant has its own colours to resolve), and a seed sweep of Data/plans/alopecia-patch.yaml (a plan
# with areas, checked against the head chart when read). CPU time = user + system, best of RUNS (default 3).
#
# Usage: Benchmarks/validate_speed.sh [BIN]   (default: builds and uses .build/release/stipple)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then swift build -c release --product stipple >&2; bin=.build/release/stipple; fi
runs=${RUNS:-3}
work=$(mktemp -d /tmp/stipple-validate-speed.XXXXXX)
trap 'rm -rf "$work"' EXIT
for n in 10 1000; do sed "s/COUNT/$n/" Benchmarks/sweeps/tiny-plans.yaml > "$work/seeds-$n.yaml"; done
for depths in 2 200; do
    cat > "$work/depth-skin-$depths.yaml" <<YAML
sweep:
  name: depth-by-skin-$depths
  base: $PWD/Data/plans/norwood-v-three-sessions.yaml
  vary:
    client.skin: [monk-2, monk-4, monk-6, monk-8, monk-10]
    sessions[*].depth_mm: {from: 0.4, to: 1.6, count: $depths}
YAML
done
for n in 10 300; do
    printf "sweep:\n  name: areas-$n\n  base: $PWD/Data/plans/alopecia-patch.yaml\n  vary:\n    seed: {from: 1, to: $n, step: 1}\n" \
        > "$work/areas-$n.yaml"
done
cpu_ms() {  # best CPU milliseconds of `stipple validate FILE` over $runs runs
    local best=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%U %S" -o "$work/time" "$bin" validate "$1" > /dev/null
        local ms; ms=$(awk '{printf "%.0f", ($1 + $2) * 1000}' "$work/time")
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    echo "$best"
}
per_variant() {  # per_variant NAME SMALL_FILE SMALL_N LARGE_FILE LARGE_N
    local a b; a=$(cpu_ms "$2"); b=$(cpu_ms "$4")
    printf "%-28s %6s ms (%s variants) %7s ms (%s variants)  %s ms per variant\n" "$1" "$a" "$3" "$b" "$5" \
        "$(echo "($b - $a) / ($5 - $3)" | bc -l | xargs printf '%.3f')"
}
per_variant "seed sweep (tiny plans)" "$work/seeds-10.yaml" 10 "$work/seeds-1000.yaml" 1000
per_variant "depth x skin, 3 sessions" "$work/depth-skin-2.yaml" 10 "$work/depth-skin-200.yaml" 1000
per_variant "seed sweep, plan with areas" "$work/areas-10.yaml" 10 "$work/areas-300.yaml" 300
