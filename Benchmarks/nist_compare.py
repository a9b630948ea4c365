"""NIST StRD nonlinear regression through `stipple fade fit` beside SciPy, from both NIST starts.

  python3 Benchmarks/nist_compare.py --stipple .build/release/stipple [--markdown FILE] [--work DIR]

For each problem in Data/fade/nist/ (the .dat file: data, starts, certified values; the .yaml
file: the model) and each of NIST's two starting values:

  * Stipple: the data written as `series,day,value` CSV (rows sorted by x, which does not change
    the least-squares problem), fitted by `stipple fade fit CSV --model-file YAML --json --folds 0
    --start b1=…,b2=…` at the CLI's default tolerances and iteration limit;
  * SciPy: `scipy.optimize.least_squares(f, start, method="lm")` with its default tolerances
    (ftol = xtol = gtol = 1e-8) and the same residual function written in NumPy.

A fit is **certified** when every parameter agrees with NIST's certified value to at least
4 significant digits: LRE = −log10(|x − c| / |c|) ≥ 4 for all parameters (McCullough 1999's
log relative error). A fit is **wrong but converged** when the solver calls it converged
(Stipple: status "converged"; SciPy: `success` with status ≥ 1) and it is not certified.
A problem `fade fit` could not read would be listed as "unreadable" with the reader's message
(before issue 22's grammar work, Chwirut2 and Hahn1 (replicate x) and Thurber (negative x) were).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import warnings

import numpy as np
from scipy.optimize import least_squares

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NIST = os.path.join(ROOT, "Data", "fade", "nist")
PROBLEMS = ["Misra1a", "Misra1b", "Chwirut2", "DanWood", "Rat42", "Rat43", "Eckerle4", "BoxBOD", "MGH09",
            "Thurber", "Lanczos3", "Hahn1"]
MODELS = {
    "Misra1a": lambda b, x: b[0] * (1 - np.exp(-b[1] * x)),
    "Misra1b": lambda b, x: b[0] * (1 - (1 + b[1] * x / 2) ** (-2)),
    "Chwirut2": lambda b, x: np.exp(-b[0] * x) / (b[1] + b[2] * x),
    "DanWood": lambda b, x: b[0] * x ** b[1],
    "Rat42": lambda b, x: b[0] / (1 + np.exp(b[1] - b[2] * x)),
    "Rat43": lambda b, x: b[0] / ((1 + np.exp(b[1] - b[2] * x)) ** (1 / b[3])),
    "Eckerle4": lambda b, x: (b[0] / b[1]) * np.exp(-0.5 * ((x - b[2]) / b[1]) ** 2),
    "BoxBOD": lambda b, x: b[0] * (1 - np.exp(-b[1] * x)),
    "MGH09": lambda b, x: b[0] * (x ** 2 + x * b[1]) / (x ** 2 + x * b[2] + b[3]),
    "Thurber": lambda b, x: (b[0] + b[1] * x + b[2] * x ** 2 + b[3] * x ** 3) / (1 + b[4] * x + b[5] * x ** 2 + b[6] * x ** 3),
    "Lanczos3": lambda b, x: b[0] * np.exp(-b[1] * x) + b[2] * np.exp(-b[3] * x) + b[4] * np.exp(-b[5] * x),
    "Hahn1": lambda b, x: (b[0] + b[1] * x + b[2] * x ** 2 + b[3] * x ** 3) / (1 + b[4] * x + b[5] * x ** 2 + b[6] * x ** 3),
}
CERTIFIED_DIGITS = 4


def read(name):
    """Starts, certified values and data of a NIST .dat file (the `y x` rows after the last `Data:`)."""
    lines = open(os.path.join(NIST, name + ".dat")).read().splitlines()
    starts, certified = [[], []], []
    for line in lines:
        f = line.split()
        if len(f) == 6 and f[0].startswith("b") and f[1] == "=":
            starts[0].append(float(f[2])); starts[1].append(float(f[3])); certified.append(float(f[4]))
    last = max(i for i, line in enumerate(lines) if line.strip().startswith("Data:"))
    x, y = [], []
    for line in lines[last + 1:]:
        f = line.split()
        if len(f) == 2:
            y.append(float(f[0])); x.append(float(f[1]))
    return starts, certified, np.array(x), np.array(y)


def lre(value, certified):
    if value is None or not math.isfinite(value):
        return 0.0
    e = abs(value - certified) / abs(certified)
    return 15.0 if e == 0 else max(0.0, min(15.0, -math.log10(e)))


def stipple_fit(binary, name, start, x, y, work):
    order = np.argsort(x, kind="stable")
    csv = os.path.join(work, name + ".csv")
    with open(csv, "w") as fh:
        fh.write("series,day,value\n")
        for i in order:
            fh.write(f"{name},{float(x[i])!r},{float(y[i])!r}\n")
    starts = ",".join(f"b{k + 1}={float(v)!r}" for k, v in enumerate(start))
    cmd = [binary, "fade", "fit", csv, "--model-file", os.path.join(NIST, name + ".yaml"), "--json", "--folds", "0",
           "--jobs", "1", "--start", starts]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if r.returncode == 1 or not r.stdout.strip():
        return {"status": "error", "message": r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "no output"}
    fit = json.loads(r.stdout)["series"][0]["fits"][0]
    if fit["status"] == "failed":
        return {"status": "unreadable", "message": fit.get("message") or ""}
    return {"status": fit["status"], "reason": fit.get("reason"), "exit": r.returncode,
            "estimates": [p["estimate"] for p in fit["parameters"]], "iterations": fit["iterations"]}


def scipy_fit(name, start, x, y):
    f = MODELS[name]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        r = least_squares(lambda b: f(b, x) - y, np.array(start, dtype=float), method="lm")
    return {"status": "converged" if r.success and r.status >= 1 else "not-converged", "reason": f"status {r.status}",
            "estimates": list(r.x), "iterations": r.nfev}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stipple", required=True)
    ap.add_argument("--markdown")
    ap.add_argument("--work", default=os.path.join(ROOT, ".build", "nist-compare"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    rows = []
    totals = {s: {"stipple": 0, "scipy": 0, "stipple_wrong": 0, "scipy_wrong": 0, "unreadable": 0, "scipy_on_readable": 0} for s in (1, 2)}
    for name in PROBLEMS:
        starts, certified, x, y = read(name)
        for s in (1, 2):
            out, certified_by = {}, {}
            for side, fit in (("stipple", stipple_fit(a.stipple, name, starts[s - 1], x, y, a.work)),
                              ("scipy", scipy_fit(name, starts[s - 1], x, y))):
                if "estimates" in fit:
                    digits = min(lre(v, c) for v, c in zip(fit["estimates"], certified))
                    ok = digits >= CERTIFIED_DIGITS
                    wrong = fit["status"] == "converged" and not ok
                    totals[s][side] += ok
                    certified_by[side] = ok
                    totals[s][side + "_wrong"] += wrong
                    # Rounded down, so 3.99 digits never prints as a certified-looking 4.0.
                    out[side] = f"{fit['status']} ({fit['reason']}), LRE {math.floor(digits * 10) / 10:.1f}{' ✓' if ok else ''}{' **wrong but converged**' if wrong else ''}"
                else:
                    totals[s]["unreadable"] += 1
                    out[side] = f"{fit['status']}: {fit['message']}"
            if "stipple" in certified_by:
                totals[s]["scipy_on_readable"] += certified_by.get("scipy", False)
            rows.append((name, s, out["stipple"], out["scipy"]))
            print(f"{name:9s} start {s}: stipple {out['stipple']} | scipy {out['scipy']}", file=sys.stderr)
    lines = ["| problem | start | Stipple (`fade fit`, defaults) | SciPy `least_squares(method=\"lm\")` |", "| --- | --- | --- | --- |"]
    lines += [f"| {n} | {s} | {st} | {sc} |" for n, s, st, sc in rows]
    lines.append("")
    for s in (1, 2):
        t = totals[s]
        lines.append(f"- Start {s}: certified (every parameter LRE ≥ {CERTIFIED_DIGITS}) Stipple {t['stipple']} of {len(PROBLEMS)}, "
                     f"SciPy {t['scipy']} of {len(PROBLEMS)}; wrong but reported converged: Stipple {t['stipple_wrong']}, "
                     f"SciPy {t['scipy_wrong']}; not readable by `fade fit`: {t['unreadable']}; on the "
                     f"{len(PROBLEMS) - t['unreadable']} problems `fade fit` reads: Stipple {t['stipple']}, SciPy {t['scipy_on_readable']}")
    text = "\n".join(lines) + "\n"
    if a.markdown:
        open(a.markdown, "w").write(text)
    print(text)
    summary = " ".join(f"start{s}_stipple={totals[s]['stipple']} start{s}_scipy={totals[s]['scipy']} "
                       f"start{s}_scipy_on_readable={totals[s]['scipy_on_readable']} "
                       f"start{s}_stipple_wrong={totals[s]['stipple_wrong']} start{s}_scipy_wrong={totals[s]['scipy_wrong']}" for s in (1, 2))
    print("task=nist " + summary)


if __name__ == "__main__":
    main()
