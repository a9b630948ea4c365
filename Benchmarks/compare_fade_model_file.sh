#!/usr/bin/env bash
# Model-file fits against the built-in model they spell out: `stipple fade fit --model bi` and
# `--model-file Data/fade/models/bi-expression.yaml` (the same bi-exponential as an expression,
# forward-mode derivatives) on the same synthetic CSV, one thread, no cross-validation.
# Target (issue 15): model-file fits/s ≥ half the built-in's.
#
#   Benchmarks/compare_fade_model_file.sh            # 20 000 series of 60 points
#   SERIES=50000 Benchmarks/compare_fade_model_file.sh
#
# Python standard library only (to write the CSV). Check that the machine is otherwise idle first.
set -euo pipefail
cd "$(dirname "$0")/.."
SERIES=${SERIES:-20000}
WORK=.build/fade-model-file-bench
mkdir -p "$WORK"
swift build -c release --product stipple >/dev/null
STIPPLE=.build/release/stipple
CSV="$WORK/bi_$SERIES.csv"
if [ ! -f "$CSV" ]; then
    python3 - "$CSV" "$SERIES" <<'PY'
import math, random, sys
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(12345)
days = [2000.0 * (i / 59) ** 2 for i in range(60)]
with open(path, "w") as f:
    f.write("# synthetic benchmark series (bi-exponential), seed 12345\nseries,day,value\n")
    for s in range(n):
        fr = rng.uniform(0.05, 0.15)
        kf = math.exp(rng.uniform(math.log(0.015), math.log(0.06)))
        ks = math.exp(rng.uniform(math.log(1e-4), math.log(4e-4)))
        for t in days:
            f.write("s%d,%.6g,%.6f\n" % (s, t, fr * math.exp(-kf * t) + (1 - fr) * math.exp(-ks * t) + rng.gauss(0, 0.01)))
PY
fi
run() {
    local best=0
    for _ in 1 2 3; do
        local rate
        rate=$("$STIPPLE" fade fit "$CSV" "$@" --folds 0 --jobs 1 2>&1 >/dev/null | sed -n 's/.*s (\([0-9]*\) fits\/s.*/\1/p')
        [ "$rate" -gt "$best" ] && best=$rate
    done
    echo "$best"
}
builtin=$(run --model bi)
file=$(run --model-file Data/fade/models/bi-expression.yaml)
echo "built-in bi:           $builtin fits/s (best of 3, --jobs 1, $SERIES series × 60 points)"
echo "model file (bi-expr):  $file fits/s"
awk -v a="$file" -v b="$builtin" 'BEGIN { printf "ratio model file / built-in: %.2f (target ≥ 0.5)\n", a / b }'
