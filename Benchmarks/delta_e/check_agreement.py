"""Compares the de00 column (last) of two CSV outputs; exits 1 if any row differs by more than TOL.

usage: check_agreement.py A.csv B.csv [TOL]  (default 1e-6; both files print de00 with 6 decimals,
so the comparison allows TOL plus half a unit in the 6th decimal of float text slack: 1e-9)
"""
import sys

import numpy as np

a = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=2)
b = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1, ndmin=2)
tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-6
if a.shape != b.shape:
    sys.exit(f"shape mismatch: {a.shape} vs {b.shape}")
inputs = np.abs(a[:, :6] - b[:, :6]).max()
diff = np.abs(a[:, -1] - b[:, -1])
worst = int(diff.argmax())
print(f"rows {len(a)}, input columns max |diff| {inputs:.1e}, de00 max |diff| {diff[worst]:.1e} (row {worst + 1}), "
      f"rows differing at all: {(diff > 0).sum()}")
if inputs > 0 or diff[worst] > tol + 1e-9:
    sys.exit("outputs disagree")
