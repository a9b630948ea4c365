#!/usr/bin/env python3
"""Reads a Stipple results database with pandas, as docs/database.md shows, and checks it.

Usage: scripts/results_db_example.py RESULTS.sqlite SUMMARY.csv

Loads the plans table with pandas.read_sql, compares it with summary.csv (same rows, same
columns, same values), and runs two queries a researcher would: final density per swept value,
and the last follow-up's perceived fraction per region. Exits non-zero on any mismatch, so CI
runs it (.ci/run) after a small batch with --db.
"""
import sqlite3
import sys

import numpy as np
import pandas as pd


def main(db_path: str, summary_path: str) -> int:
    con = sqlite3.connect(db_path)
    plans = pd.read_sql("SELECT * FROM plans ORDER BY position", con)
    summary = pd.read_csv(summary_path)
    if list(plans.columns) != list(summary.columns):
        print(f"columns differ:\n{list(plans.columns)}\n{list(summary.columns)}", file=sys.stderr)
        return 1
    # SQLite NULL arrives as None, an empty CSV cell as NaN: compare them as missing alike.
    plans = plans.replace({None: np.nan}).infer_objects()
    pd.testing.assert_frame_equal(plans, summary, check_dtype=False)

    swept = [c for c in plans.columns if "." in c]
    if swept:
        by = plans.groupby(swept[0])["final_density_per_cm2"].mean()
        print(f"mean final density per {swept[0]}:\n{by.to_string()}")

    last = pd.read_sql(
        """
        SELECT p.id, f.region, f.day, f.perceived_fraction_of_target
        FROM follow_ups f JOIN plans p ON p.id = f.plan_id
        WHERE f.day = (SELECT MAX(day) FROM follow_ups WHERE plan_id = p.id)
        """,
        con,
    )
    if last.empty or last["perceived_fraction_of_target"].isna().all():
        print("no follow-up rows", file=sys.stderr)
        return 1
    print(last.groupby("region")["perceived_fraction_of_target"].mean().round(4).to_string())
    sessions = pd.read_sql("SELECT * FROM sessions", con)
    if sessions.groupby("plan_id").size().min() < 1:
        print("a plan without sessions", file=sys.stderr)
        return 1
    print(f"ok: {len(plans)} plans, {len(sessions)} sessions, {len(last)} last follow-up rows")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
