"""The Python side of Benchmarks/compare: runs one reference task and prints key=value pairs
in the same format as the stipple-bench harness (seconds = median wall time of the repeats,
cpu_seconds = median thread CPU time, rate = items per wall second). Inputs are built or read
before the clock starts, exactly as in the harness.

  reference.py poisson --side MM --radius MM [--attempts K] [--repeat N] [--dump FILE]
  reference.py delta-e --input FILE.f64 [--repeat N] [--dump FILE]
  reference.py png --image RAW --kind palette|rgb [--level L] [--repeat N] [--dump FILE]
  reference.py make-pairs --count N --out FILE.f64
  reference.py check-points --side MM FILE.f64 [FILE.f64 ...]   (count, min NN distance, in-domain)
  reference.py check-delta-e A.f64 B.f64                        (max |difference|)
  reference.py tiny-delta-e IN.csv                              (the start-up task's work)
"""
import argparse
import io
import statistics
import sys
import time
import warnings

warnings.filterwarnings("ignore")  # colour-science notes about optional Matplotlib


def timed(body, repeats):
    wall, cpu, result = [], [], None
    for _ in range(max(1, repeats)):
        w0, c0 = time.perf_counter(), time.thread_time()
        result = body()
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(wall), statistics.median(cpu), result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("task")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--side", type=float)
    ap.add_argument("--radius", type=float)
    ap.add_argument("--attempts", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dump")
    ap.add_argument("--input")
    ap.add_argument("--image")
    ap.add_argument("--kind", default="palette")
    ap.add_argument("--level", type=int)
    ap.add_argument("--count", type=int)
    ap.add_argument("--out")
    a = ap.parse_intermixed_args()
    import numpy as np

    if a.task == "poisson":
        # SciPy works in the unit square: radius / side there, points scaled back to mm.
        from scipy.stats import qmc

        def run():
            engine = qmc.PoissonDisk(d=2, radius=a.radius / a.side, ncandidates=a.attempts, rng=42)
            return engine.fill_space()

        s, c, pts = timed(run, a.repeat)
        if a.dump:
            (pts * a.side).astype(np.float64).tofile(a.dump)
        print(f"task=poisson points={len(pts)} seconds={s} cpu_seconds={c} rate={len(pts) / s}")

    elif a.task == "delta-e":
        import colour

        v = np.fromfile(a.input, dtype=np.float64).reshape(6, -1)
        lab1, lab2 = np.ascontiguousarray(v[:3].T), np.ascontiguousarray(v[3:].T)
        s, c, de = timed(lambda: colour.delta_E(lab1, lab2, method="CIE 2000"), a.repeat)
        if a.dump:
            np.asarray(de, dtype=np.float64).tofile(a.dump)
        print(f"task=delta-e pairs={len(de)} seconds={s} cpu_seconds={c} rate={len(de) / s}")

    elif a.task == "png":
        from PIL import Image

        raw = np.fromfile(a.image, dtype=np.uint8)
        n = 2048
        idx, pal = raw[: n * n].reshape(n, n), raw[n * n:]
        if a.kind == "palette":
            im = Image.frombytes("P", (n, n), idx.tobytes())
            im.putpalette(pal.tobytes())
        else:
            im = Image.fromarray(pal.reshape(-1, 3)[idx])
        kwargs = {} if a.level is None else {"compress_level": a.level}

        def save():
            buf = io.BytesIO()
            im.save(buf, format="PNG", **kwargs)
            return buf.getvalue()

        s, c, data = timed(save, a.repeat)
        if a.dump:
            open(a.dump, "wb").write(data)
        level = "default" if a.level is None else a.level
        print(f"task=png kind={a.kind} level={level} bytes={len(data)} seconds={s} cpu_seconds={c} rate={1 / s}")

    elif a.task == "make-pairs":
        # Same mix as the ΔE tests: L* in [0, 100], a*, b* in [-128, 128]; a quarter near pairs.
        rng = np.random.default_rng(2005)
        n = a.count
        lab1 = np.column_stack([rng.uniform(0, 100, n), rng.uniform(-128, 128, n), rng.uniform(-128, 128, n)])
        lab2 = np.column_stack([rng.uniform(0, 100, n), rng.uniform(-128, 128, n), rng.uniform(-128, 128, n)])
        near = rng.random(n) < 0.25
        lab2[near] = lab1[near] + rng.normal(0, 2, (near.sum(), 3))
        np.concatenate([lab1.T, lab2.T]).astype(np.float64).tofile(a.out)

    elif a.task == "check-points":
        from scipy.spatial import cKDTree

        for f in a.files:
            p = np.fromfile(f, dtype=np.float64).reshape(-1, 2)
            d, _ = cKDTree(p).query(p, k=2)
            inside = bool(((p >= 0) & (p <= a.side)).all())
            print(f"file={f} points={len(p)} min_nn_mm={d[:, 1].min():.6f} mean_nn_mm={d[:, 1].mean():.6f} in_domain={inside}")

    elif a.task == "check-delta-e":
        x, y = (np.fromfile(f, dtype=np.float64) for f in a.files)
        print(f"max_abs_diff={np.abs(x - y).max():.3e} pairs={len(x)}")

    elif a.task == "tiny-delta-e":
        import colour

        data = np.loadtxt(a.files[0], delimiter=",", skiprows=1, ndmin=2)
        de = colour.delta_E(data[:, :3], data[:, 3:], method="CIE 2000")
        np.savetxt(sys.stdout, np.column_stack([data, de]), fmt=["%.4f"] * 6 + ["%.6f"], delimiter=",")

    else:
        sys.exit(f"unknown task {a.task}")


if __name__ == "__main__":
    main()
