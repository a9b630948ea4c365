#!/usr/bin/env python3
"""Latency and load benchmark of a running `stipple serve` (loopback only; stops by itself).

    swift build -c release --product stipple
    .build/release/stipple serve --port 8765 &
    python3 scripts/bench_serve.py --url http://127.0.0.1:8765 --changes 200 --clients 8 --seconds 60

1. Live latency: the page's own sequence after a change of a control — POST /api/simulate with
   the demo plan changed (a value never sent before, so nothing is cached), then GET the visible
   picture (the macro view of the first step). Change → picture + figures, p50/p95/max.
   Also a step of the session slider over a result already simulated (picture only).
2. Load: N clients, each its own keep-alive connection and lane, for S seconds, each sending
   changes (a quarter of them repeats, which the server answers from its cache) and fetching the
   picture; any answer but 200 is an error. Prints requests, errors and latency percentiles.

Standard library only; every request goes to the --url given, which must be a loopback address.
"""
import argparse
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse

PLAN = "norwood-v-three-sessions"


def percentile(values, p):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * (len(s) - 1)))))
    return s[k]


class Client:
    def __init__(self, url, lane):
        u = urllib.parse.urlparse(url)
        if u.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit("bench_serve.py: --url must be a loopback address")
        self.host, self.port, self.lane = u.hostname, u.port or 80, lane
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method, path, body=None):
        headers = {"X-Studio-Lane": self.lane}
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            self.conn.request(method, path, body=body, headers=headers)
            r = self.conn.getresponse()
            data = r.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            raise
        return r.status, data

    def change(self, plan):
        """POST the plan, then GET the visible picture: (status, seconds, result)."""
        t0 = time.perf_counter()
        # As the page does: the visible view and step ride along, drawn with the simulation.
        status, data = self.request("POST", "/api/simulate?view=macro&step=0", json.dumps(plan))
        if status != 200:
            return status, time.perf_counter() - t0, None
        result = json.loads(data)
        status, png = self.request("GET", result["pictures"]["macro"][0])
        return status, time.perf_counter() - t0, result


def changed(plan, i):
    p = json.loads(json.dumps(plan))
    # Distinct values per i: each is a plan the server has not simulated yet.
    p["design"]["target_density_per_cm2"] = 90 + (i % 400) * 0.1
    p["sessions"][1]["depth_mm"] = 0.55 + (i % 7) * 0.01
    return p


def latency(url, changes):
    c = Client(url, "bench-latency")
    status, data = c.request("GET", "/api/plans/" + PLAN)
    assert status == 200, status
    plan = json.loads(data)
    c.change(plan)  # warm-up: renderers, caches of the data library
    times, step_times = [], []
    offset = random.Random(7).randrange(10000, 20000)
    for i in range(changes):
        status, seconds, result = c.change(changed(plan, offset + i))
        if status != 200:
            sys.exit("change %d: HTTP %d" % (i, status))
        times.append(seconds * 1000)
        t0 = time.perf_counter()
        status, _ = c.request("GET", result["pictures"]["macro"][1])
        step_times.append((time.perf_counter() - t0) * 1000)
    print("change -> picture + figures (%d changes): p50 %.0f ms, p95 %.0f ms, max %.0f ms, mean %.0f ms"
          % (changes, percentile(times, 50), percentile(times, 95), max(times), statistics.mean(times)))
    print("step of the slider (picture only):        p50 %.0f ms, p95 %.0f ms"
          % (percentile(step_times, 50), percentile(step_times, 95)))
    return plan


def load(url, plan, clients, seconds):
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    times, errors, counts = [], [], [0]

    def run(k):
        c = Client(url, "bench-load-%d" % k)
        rng = random.Random(k)
        i = 0
        while time.perf_counter() < stop:
            i += 1
            n = rng.randrange(50) if rng.random() < 0.25 else 100000 * (k + 1) + i
            try:
                status, secs, _ = c.change(changed(plan, n))
            except Exception as e:  # counted, not raised: the run goes on
                status, secs = repr(e), 0
            with lock:
                counts[0] += 2
                if status == 200:
                    times.append(secs * 1000)
                else:
                    errors.append(status)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    print("load: %d clients x %.0f s: %d requests (%d changes, %.1f changes/s), %d errors; "
          "change -> picture p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms"
          % (clients, wall, counts[0], len(times) + len(errors), (len(times) + len(errors)) / wall, len(errors),
             percentile(times, 50), percentile(times, 95), percentile(times, 99), max(times) if times else float("nan")))
    if errors:
        print("errors:", sorted(set(map(str, errors))))
    return len(errors)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8765")
    ap.add_argument("--changes", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=60)
    a = ap.parse_args()
    plan = latency(a.url, a.changes)
    if a.seconds > 0:
        sys.exit(1 if load(a.url, plan, a.clients, a.seconds) else 0)


if __name__ == "__main__":
    main()
