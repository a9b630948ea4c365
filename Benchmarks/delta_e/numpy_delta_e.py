"""The Python side of compare_delta_e.sh: CSV in, CIEDE2000 with colour-science, CSV out.

usage: numpy_delta_e.py IN.csv OUT.csv [--timings]
IN has a header line and rows L1,a1,b1,L2,a2,b2; OUT is the rows (4 decimals, as generated)
plus de00 with 6 decimals. --timings prints import/load/compute/save seconds to stderr.
"""
import sys
import time

t0 = time.perf_counter()
import warnings

warnings.filterwarnings("ignore")  # colour-science's notes about optional SciPy/Matplotlib
import numpy as np
import colour

t1 = time.perf_counter()
data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=2)
t2 = time.perf_counter()
de = colour.delta_E(data[:, :3], data[:, 3:], method="CIE 2000")
t3 = time.perf_counter()
np.savetxt(sys.argv[2], np.column_stack([data, de]), fmt=["%.4f"] * 6 + ["%.6f"], delimiter=",",
           header="L1,a1,b1,L2,a2,b2,de00", comments="")
t4 = time.perf_counter()
if "--timings" in sys.argv:
    print(f"import {t1 - t0:.3f} s, loadtxt {t2 - t1:.3f} s, delta_E {t3 - t2:.3f} s, savetxt {t4 - t3:.3f} s",
          file=sys.stderr)
