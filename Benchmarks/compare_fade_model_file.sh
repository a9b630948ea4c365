#!/usr/bin/env bash
# Model-file fits against the built-in model they spell out: `stipple fade fit --model bi` and
# `--model-file Data/fade/models/bi-expression.yaml` (the same bi-exponential as an expression,
# forward-mode derivatives) on the same synthetic CSV, one thread, no cross-validation.
# Target (issue 15): model-file fits/s ≥ half the built-in's.
#
#   Benchmarks/compare_fade_model_file.sh            # 20 000 series of 60 points
#   SERIES=50000 Benchmarks/compare_fade_model_file.sh
#
# Python standard library only (to write the CSV); if python3 has numpy and scipy, SciPy
# `curve_fit` (method lm, same start and tolerances; its default finite-difference Jacobian, and an
# analytic one) is timed on the same
# model for the first PY_SERIES (default 2 000) series. Check that the machine is otherwise idle first.
set -euo pipefail
cd "$(dirname "$0")/.."
SERIES=${SERIES:-20000}
PY_SERIES=${PY_SERIES:-2000}
WORK=.build/fade-model-file-bench
mkdir -p "$WORK"
swift build -c release --product stipple >/dev/null  # (no-op when already built)
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
if python3 -c "import numpy, scipy" 2>/dev/null; then
    # Two SciPy yardsticks: curve_fit as a researcher calls it on a custom model (its default,
    # Levenberg–Marquardt with a finite-difference Jacobian; the yardstick of the built-in fit
    # row in BENCHMARKS.md) and, stricter, with an analytic Jacobian written out by hand.
    for variant in default analytic; do
        scipy_rate=$(python3 - "$CSV" "$PY_SERIES" "$variant" <<'PY'
import sys, time
import numpy as np
from scipy.optimize import curve_fit
path, limit, variant = sys.argv[1], int(sys.argv[2]), sys.argv[3]
series = {}
for line in open(path):
    if line.startswith("#") or line.startswith("series"):
        continue
    name, t, y = line.rstrip("\n").split(",")
    if name not in series:
        if len(series) == limit:
            break
        series[name] = ([], [])
    series[name][0].append(float(t)); series[name][1].append(float(y))
data = [(np.array(t), np.array(y)) for t, y in series.values()]
model = lambda t, f, kf, ks: f * np.exp(-kf * t) + (1 - f) * np.exp(-ks * t)
def jac(t, f, kf, ks):
    ef, es = np.exp(-kf * t), np.exp(-ks * t)
    return np.stack([ef - es, -f * t * ef, -(1 - f) * t * es], axis=1)
extra = {"jac": jac} if variant == "analytic" else {}
best = 0
for _ in range(3):
    c0 = time.perf_counter()
    for t, y in data:
        curve_fit(model, t, y, p0=[0.08, 0.03, 2e-4], method="lm", ftol=1.49012e-8, xtol=1.49012e-8, **extra)
    best = max(best, len(data) / (time.perf_counter() - c0))
print("%.0f" % best)
PY
)
        echo "SciPy curve_fit lm, $variant Jacobian: $scipy_rate fits/s (best of 3, first $PY_SERIES series)"
        awk -v a="$file" -v b="$scipy_rate" -v v="$variant" 'BEGIN { printf "ratio model file / SciPy (%s): %.1f%s\n", v, a / b, v == "default" ? " (target ≥ 10)" : "" }'
    done
fi
