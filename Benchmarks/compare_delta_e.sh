#!/usr/bin/env bash
# Times `stipple color delta-e` against the same CSV-in/CSV-out job in Python
# (numpy.loadtxt + colour-science delta_E(method="CIE 2000") + numpy.savetxt) on a
# deterministic 200k-row CSV, after checking that both give the same de00 to 1e-6.
#
# usage: Benchmarks/compare_delta_e.sh            (ROWS=200000 RUNS=10 by default)
#        ROWS=1000000 RUNS=5 Benchmarks/compare_delta_e.sh
#
# Creates .build-venv/ (Python venv with numpy and colour-science from PyPI) and .build-bench/
# (the CSVs), both gitignored; builds stipple in release mode. Uses hyperfine when installed
# (apt-get install -y hyperfine), otherwise a loop timed with date +%s.%N.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-200000}
RUNS=${RUNS:-10}
HERE=Benchmarks/delta_e
WORK=.build-bench
VENV=.build-venv
PY=$VENV/bin/python
mkdir -p "$WORK"

if [ ! -x "$PY" ]; then python3 -m venv "$VENV"; fi
if ! "$PY" -c 'import numpy, colour' 2>/dev/null; then "$PY" -m pip install -q numpy colour-science; fi
swift build -c release --product stipple >&2
BIN=.build/release/stipple

IN=$WORK/pairs-$ROWS.csv
[ -s "$IN" ] || "$PY" $HERE/make_pairs.py "$IN" "$ROWS"
STIPPLE_CMD="$BIN color delta-e $IN --out $WORK/stipple.csv"
PYTHON_CMD="$PY $HERE/numpy_delta_e.py $IN $WORK/python.csv"

echo "== agreement ($ROWS rows)"
$STIPPLE_CMD
$PYTHON_CMD --timings
"$PY" $HERE/check_agreement.py "$WORK/stipple.csv" "$WORK/python.csv" 1e-6

echo "== timing ($RUNS runs each, 1 warm-up)"
if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
        -n stipple "$STIPPLE_CMD" -n python "$PYTHON_CMD" >&2
    read -r S_MEAN S_SD P_MEAN P_SD < <("$PY" -c '
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
print(r["stipple"]["mean"], r["stipple"]["stddev"], r["python"]["mean"], r["python"]["stddev"])' "$WORK/hyperfine.json")
    TOOL=hyperfine
else
    time_runs() {  # prints mean and standard deviation of RUNS runs of "$@"
        "$@" >/dev/null
        local times=()
        for _ in $(seq "$RUNS"); do
            local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
            times+=("$(echo "$t1 - $t0" | bc -l)")
        done
        "$PY" -c 'import sys, statistics as s; v = [float(x) for x in sys.argv[1:]]; print(s.mean(v), s.stdev(v) if len(v) > 1 else 0)' "${times[@]}"
    }
    read -r S_MEAN S_SD < <(time_runs $STIPPLE_CMD)
    read -r P_MEAN P_SD < <(time_runs $PYTHON_CMD)
    TOOL="date loop"
fi

"$PY" - "$ROWS" "$S_MEAN" "$S_SD" "$P_MEAN" "$P_SD" "$TOOL" <<'PY'
import sys
rows, s, ssd, p, psd, tool = int(sys.argv[1]), *map(float, sys.argv[2:6]), sys.argv[6]
print(f"\n| task | stipple s | python s | ratio (python / stipple) |")
print(f"| --- | --- | --- | --- |")
print(f"| delta-e, {rows:,} rows, CSV in -> CSV out | {s:.3f} ± {ssd:.3f} | {p:.3f} ± {psd:.3f} | {p / s:.1f}x |")
print(f"(mean ± sd, {tool})")
PY
