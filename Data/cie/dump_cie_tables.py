#!/usr/bin/env python3
"""Dump the CIE tables SkinOptics ships, from the colour-science package's datasets.

Usage (reference-data venv only; never a runtime dependency):
    python3 -m venv /tmp/optics-venv && /tmp/optics-venv/bin/pip install colour-science numpy
    /tmp/optics-venv/bin/python Data/cie/dump_cie_tables.py Data/cie

Writes cie1931_2deg_cmf.csv, d65_spd.csv (380-780 nm, 5 nm) and ciede2000_sharma2005.csv.
colour-science's CMFs are the CIE 1931 2 degree 1 nm table (CIE 018:2019 / CIE S 014-1);
D65 is CIE S 014-2 at 5 nm; the 34 CIEDE2000 pairs are Sharma, Wu & Dalal (2005) Table 1.
"""
import ast
import pathlib
import sys

import colour
import numpy as np

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
grid = np.arange(380, 781, 5)

cmfs = colour.MSDS_CMFS["CIE 1931 2 Degree Standard Observer"]
with open(out / "cie1931_2deg_cmf.csv", "w") as f:
    f.write("wavelength_nm,x_bar,y_bar,z_bar\n")
    for w in grid:
        x, y, z = cmfs[w]
        f.write(f"{w:d},{x:.10g},{y:.10g},{z:.10g}\n")

d65 = colour.SDS_ILLUMINANTS["D65"]
with open(out / "d65_spd.csv", "w") as f:
    f.write("wavelength_nm,relative_power\n")
    for w in grid:
        f.write(f"{w:d},{float(d65[w]):.10g}\n")

# The Sharma (2005) Table 1 pairs as printed in colour-science's own test suite
# (colour/difference/tests/test_delta_e.py), including pair 14 which that suite comments out.
import colour.difference.tests.test_delta_e as t
src = pathlib.Path(t.__file__).read_text()
block = src[src.index("def test_delta_E_CIE2000_Sharma2004"):]
arrays = []
for name in ("Lab_1 = np.array(", "Lab_2 = np.array(", "d_E = np.array("):
    start = block.index(name) + len(name)
    end = block.index(")", start)
    text = block[start:end].replace("# ", "")  # re-enable the commented pair 14
    arrays.append(ast.literal_eval(text.strip().rstrip(",")))
lab1, lab2, de = arrays
assert len(lab1) == len(lab2) == len(de) == 34, (len(lab1), len(lab2), len(de))
with open(out / "ciede2000_sharma2005.csv", "w") as f:
    f.write("pair,L1,a1,b1,L2,a2,b2,delta_e00\n")
    for i, (p, q, d) in enumerate(zip(lab1, lab2, de), start=1):
        f.write(f"{i},{p[0]:.4f},{p[1]:.4f},{p[2]:.4f},{q[0]:.4f},{q[1]:.4f},{q[2]:.4f},{d:.4f}\n")
print("colour-science", colour.__version__)
