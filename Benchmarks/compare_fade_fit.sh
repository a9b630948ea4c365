#!/usr/bin/env bash
# Bi-exponential fits of 60-point series: Stipple (`stipple fade fit`, one thread) against
# SciPy `curve_fit` (MINPACK lm) on the same CSV, same model, same start values and tolerances.
#
#   Benchmarks/compare_fade_fit.sh            # 20 000 series; SciPy times the first 2 000
#   SERIES=100000 PY_SERIES=3000 Benchmarks/compare_fade_fit.sh
#
# Needs python3 with venv; creates .build-venv/ (gitignored) with numpy and scipy.
# Prints fits/s for both and the ratio, then multi-core scaling (--jobs 2 vs --jobs 1) on
# SCALING_SERIES (default 100 000) series. Check that the machine is otherwise idle first.
set -euo pipefail
cd "$(dirname "$0")/.."
SERIES=${SERIES:-20000}
PY_SERIES=${PY_SERIES:-2000}
SCALING_SERIES=${SCALING_SERIES:-100000}
WORK=.build/fade-bench
mkdir -p "$WORK"

if [ ! -x .build-venv/bin/python ]; then
    python3 -m venv .build-venv
fi
.build-venv/bin/pip install --quiet --disable-pip-version-check numpy scipy

swift build -c release --product stipple >/dev/null
STIPPLE=.build/release/stipple

cat > "$WORK/bench.py" <<'PY'
import math, random, sys, time
import numpy as np
from scipy.optimize import curve_fit

START = [0.08, 0.03, 2.0e-4]          # Stipple's bi defaults (Data/fade/models.json)
TOL = 1.49012e-8                     # ftol = xtol, as Stipple's defaults

def generate(path, n_series, seed=12345):
    """60 points over 2000 days, denser early; parameters near the defaults; noise sd 0.01."""
    rng = random.Random(seed)
    days = [2000.0 * (i / 59) ** 2 for i in range(60)]
    with open(path, "w") as f:
        f.write("# synthetic benchmark series (bi-exponential), seed %d\nseries,day,value\n" % seed)
        for s in range(n_series):
            fr = rng.uniform(0.05, 0.15)
            kf = math.exp(rng.uniform(math.log(0.015), math.log(0.06)))
            ks = math.exp(rng.uniform(math.log(1e-4), math.log(4e-4)))
            for t in days:
                y = fr * math.exp(-kf * t) + (1 - fr) * math.exp(-ks * t) + rng.gauss(0, 0.01)
                f.write("s%d,%.6g,%.6f\n" % (s, t, y))

def model(t, f, kf, ks):
    return f * np.exp(-kf * t) + (1 - f) * np.exp(-ks * t)

def jac(t, f, kf, ks):
    ef, es = np.exp(-kf * t), np.exp(-ks * t)
    return np.stack([ef - es, -f * t * ef, -(1 - f) * t * es], axis=1)

def load(path, limit):
    series = {}
    with open(path) as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("series"):
                continue
            name, t, y = line.rstrip("\n").split(",")
            if name not in series:
                if len(series) == limit:
                    break
                series[name] = ([], [])
            series[name][0].append(float(t)); series[name][1].append(float(y))
    return [(np.array(t), np.array(y)) for t, y in series.values()]

def time_fits(path, limit, use_jac):
    """Fits/s by wall clock and by CPU time of this process (robust when the machine is shared)."""
    data = load(path, limit)
    kw = {"jac": jac} if use_jac else {}
    w0, c0 = time.perf_counter(), time.process_time()
    for t, y in data:
        curve_fit(model, t, y, p0=START, method="lm", ftol=TOL, xtol=TOL, **kw)
    w1, c1 = time.perf_counter(), time.process_time()
    return len(data) / (w1 - w0), len(data) / (c1 - c0)

def time_stipple(stipple, path, n_series, jobs, out):
    """Runs stipple fade fit. Returns fits/s of the whole run (read CSV, fit, write CSV) by wall
    clock and by the child's CPU time, and of the fit phase alone (stipple's own note on stderr)."""
    import re, resource, subprocess
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    with open(out, "w") as fh:
        note = subprocess.run([stipple, "fade", "fit", path, "--model", "bi", "--folds", "0", "--jobs", str(jobs)],
                              stdout=fh, stderr=subprocess.PIPE, text=True).stderr
    w1 = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    m = re.search(r"\(([0-9]+) fits/s; [0-9.]+ CPU s, ([0-9]+) fits per CPU s\)", note)
    return n_series / (w1 - w0), n_series / cpu, float(m.group(1)), float(m.group(2))

if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "stipple":
        print("%.0f %.0f %.0f %.0f" % time_stipple(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]))
    else:
        print("%.0f %.0f" % time_fits(sys.argv[2], int(sys.argv[3]), sys.argv[1] == "time-jac"))
PY

CSV="$WORK/bi_${SERIES}.csv"
[ -f "$CSV" ] || .build-venv/bin/python "$WORK/bench.py" generate "$CSV" "$SERIES"

PY=.build-venv/bin/python
ROUNDS=${ROUNDS:-3}
echo "series file: $CSV ($SERIES series × 60 points); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "best of $ROUNDS interleaved rounds per measurement (the machine is shared: best ≈ least disturbed)"
best() { python3 -c "import sys; print(max(float(x) for x in sys.argv[1:]))" "$@"; }
jw=(); jc=(); fw=(); fc=(); sw=(); sc=(); pw=(); pc=()
for round in $(seq "$ROUNDS"); do
    read -r a b < <($PY "$WORK/bench.py" time-jac "$CSV" "$PY_SERIES"); jw+=("$a"); jc+=("$b")
    read -r a b < <($PY "$WORK/bench.py" time-fd "$CSV" "$PY_SERIES"); fw+=("$a"); fc+=("$b")
    read -r a b c d < <($PY "$WORK/bench.py" stipple "$STIPPLE" "$CSV" "$SERIES" 1 "$WORK/stipple_out.csv")
    sw+=("$a"); sc+=("$b"); pw+=("$c"); pc+=("$d")
done
JW=$(best "${jw[@]}"); JC=$(best "${jc[@]}"); FW=$(best "${fw[@]}"); FC=$(best "${fc[@]}")
SW=$(best "${sw[@]}"); SC=$(best "${sc[@]}"); PW=$(best "${pw[@]}"); PC=$(best "${pc[@]}")
printf '%-62s %9s %9s\n' "fits/s, one core" "wall" "CPU"
printf '%-62s %9.0f %9.0f\n' "SciPy curve_fit lm, analytic jac (first $PY_SERIES series)" "$JW" "$JC"
printf '%-62s %9.0f %9.0f\n' "SciPy curve_fit lm, finite differences" "$FW" "$FC"
printf '%-62s %9.0f %9.0f\n' "stipple fade fit --jobs 1, fit phase" "$PW" "$PC"
printf '%-62s %9.0f %9.0f\n' "stipple fade fit --jobs 1, whole run (read, fit, write CSV)" "$SW" "$SC"
python3 -c "print('ratio fit phase / curve_fit(jac):  wall %.1fx, CPU %.1fx' % ($PW / $JW, $PC / $JC))"
python3 -c "print('ratio whole run / curve_fit(jac):  wall %.1fx, CPU %.1fx' % ($SW / $JW, $SC / $JC))"
python3 -c "print('ratio whole run / curve_fit(FD):   wall %.1fx, CPU %.1fx' % ($SW / $FW, $SC / $FC))"
echo "not converged or failed: $(grep -c ',bi,not-converged,\|,bi,failed,' "$WORK/stipple_out.csv" | awk '{print $1/3}') of $SERIES series"

SCSV="$WORK/bi_${SCALING_SERIES}.csv"
[ -f "$SCSV" ] || $PY "$WORK/bench.py" generate "$SCSV" "$SCALING_SERIES"
for jobs in 1 2; do
    read -r wall cpu fit fitcpu < <($PY "$WORK/bench.py" stipple "$STIPPLE" "$SCSV" "$SCALING_SERIES" "$jobs" "$WORK/scaling_$jobs.csv")
    echo "scaling: $SCALING_SERIES series, --jobs $jobs: whole run $wall fits/s wall, fit phase $fit fits/s wall; load average $(cut -d' ' -f1 /proc/loadavg)"
done
cmp -s "$WORK/scaling_1.csv" "$WORK/scaling_2.csv" && echo "scaling: outputs of --jobs 1 and --jobs 2 are identical"
