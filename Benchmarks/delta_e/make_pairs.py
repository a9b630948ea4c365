"""Writes a deterministic CSV of Lab pairs for compare_delta_e.sh.

usage: make_pairs.py OUT.csv [ROWS] — seeded (numpy PCG64, seed 2005); header L1,a1,b1,L2,a2,b2;
L* in [0, 100], a*, b* in [-128, 128], 4 decimals; every fourth pair is a near neighbour
(differences within ±2 per component, clamped to range), where CIEDE2000's rounding matters most.
"""
import sys

import numpy as np

rows = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
rng = np.random.default_rng(2005)
lo = np.array([0.0, -128.0, -128.0])
hi = np.array([100.0, 128.0, 128.0])
first = rng.uniform(lo, hi, size=(rows, 3))
second = rng.uniform(lo, hi, size=(rows, 3))
near = np.arange(rows) % 4 == 0
second[near] = np.clip(first[near] + rng.uniform(-2, 2, size=(near.sum(), 3)), lo, hi)
np.savetxt(sys.argv[1], np.column_stack([first, second]), fmt="%.4f", delimiter=",",
           header="L1,a1,b1,L2,a2,b2", comments="")
