#!/usr/bin/env bash
# Peak memory of `stipple batch --images none` as the number of plans grows (tiny plans, so the
# batch machinery dominates). Bounded memory shows as a flat peak RSS.
# Usage: Benchmarks/batch_memory.sh [COUNT...]   (default: 1000 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product stipple >/dev/null
work=$(mktemp -d /tmp/stipple-batch-memory.XXXXXX)
printf "%-8s %-10s %-10s %-12s\n" plans seconds plans/s peak_rss_MB
for count in "${@:-1000 10000 100000}"; do
  for n in $count; do
    sed "s/COUNT/$n/" Benchmarks/sweeps/tiny-plans.yaml > "$work/sweep-$n.yaml"
    /usr/bin/time -f "%e %M" -o "$work/time-$n" .build/release/stipple batch "$work/sweep-$n.yaml" --out "$work/out-$n" --quiet
    read -r secs kb < "$work/time-$n"
    printf "%-8s %-10s %-10s %-12s\n" "$n" "$secs" "$(echo "$n / $secs" | bc -l | xargs printf '%.1f')" "$((kb / 1024))"
    rm -rf "$work/out-$n"
  done
done
rm -rf "$work"
