#!/usr/bin/python3
"""`make bench-writes`: the write workloads of issue 10 on silkgraph (bench_writes), SQLite
(writes_sqlite.py: journal_mode=WAL, synchronous=FULL) and Kuzu 0.11.3 (writes_kuzu.js), each
in its own process, one after the other, on database files under bench/data/writes/. Prints a
markdown table with silkgraph's ratio to each peer and the issue's targets, and writes it to
bench/results/<date>-writes.md (--label). Timings on a shared machine are noisy: one run each.

    run_writes.py [--build build] [--autocommit N] [--batch N] [--merge M] [--recovery-mib L]
                  [--engines silkgraph,sqlite,kuzu] [--label writes]
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run(cmd):
    print("$ " + " ".join(cmd), file=sys.stderr)
    p = subprocess.run(cmd, capture_output=True, text=True)
    try:
        out = json.loads(p.stdout)
    except ValueError:
        print("failed (status %d): %s" % (p.returncode, p.stderr), file=sys.stderr)
        return None
    if p.returncode != 0:  # e.g. a crash at exit after the results were printed
        print("warning: status %d after printing its results: %s" % (p.returncode, p.stderr),
              file=sys.stderr)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--autocommit", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=100000)
    ap.add_argument("--merge", type=int, default=1000000)
    ap.add_argument("--recovery-mib", type=int, default=1024)
    ap.add_argument("--engines", default="silkgraph,sqlite,kuzu")
    ap.add_argument("--label", default="writes")
    a = ap.parse_args()
    sizes = ["--autocommit", str(a.autocommit), "--batch", str(a.batch), "--merge", str(a.merge),
             "--recovery-mib", str(a.recovery_mib)]
    data = os.path.join(HERE, "data", "writes")
    engines = a.engines.split(",")
    res = {}
    if "silkgraph" in engines:
        res["silkgraph"] = run([os.path.join(a.build, "bench", "bench_writes"), os.path.join(data, "silkgraph")] + sizes)
    if "sqlite" in engines:
        res["sqlite"] = run(["/usr/bin/python3", os.path.join(HERE, "writes_sqlite.py"), os.path.join(data, "sqlite")] + sizes)
    if "kuzu" in engines:
        # One process per workload: the Node binding crashed (SIGSEGV) running them in one.
        res["kuzu"] = {"engine": "kuzu", "version": "0.11.3"}
        for i in range(0, len(sizes), 2):
            only = [w if j == i // 2 else "0" for j, w in enumerate(sizes[1::2])]
            args = [x for pair in zip(sizes[0::2], only) for x in pair]
            r = run(["node", os.path.join(HERE, "writes_kuzu.js"), os.path.join(data, "kuzu")] + args)
            for k, v in (r or {}).items():
                if isinstance(v, dict):
                    res["kuzu"][k] = v
    rows = [
        ("autocommit", "per_second", "statements/s, one small CREATE (or INSERT) each", "sqlite", 1.0),
        ("batch", "per_second", "statements/s in one transaction of %d CREATEs" % a.batch, "kuzu", 5.0),
        ("merge", "per_second", "rows/s, UNWIND $rows MERGE ... SET, %d rows" % a.merge, "kuzu", 5.0),
        ("recovery", "mib_per_second", "MiB of log replayed per second (%d MiB log)" % a.recovery_mib, None, None),
    ]
    names = [e for e in ("silkgraph", "sqlite", "kuzu") if res.get(e)]
    out = ["| workload | " + " | ".join(names) + " | silkgraph ÷ sqlite | silkgraph ÷ kuzu | target |",
           "|---|" + "---|" * (len(names) + 3)]
    for key, field, what, peer, factor in rows:
        vals = {e: res[e].get(key, {}).get(field) for e in names}
        cells = ["%.0f" % vals[e] if vals[e] is not None else "–" for e in names]
        ratios = []
        for p in ("sqlite", "kuzu"):
            s, o = vals.get("silkgraph"), vals.get(p)
            ratios.append("%.2f" % (s / o) if s and o else "–")
        if key == "recovery":
            target = "≥ 500 MB/s: " + ("met" if vals.get("silkgraph") and vals["silkgraph"] * 1.048576 >= 500 else "not met")
        else:
            s, o = vals.get("silkgraph"), vals.get(peer)
            met = "met" if s and o and s >= factor * o else ("not met" if s and o else "–")
            target = "≥ %g× %s: %s" % (factor, peer, met)
        out.append("| %s | %s | %s | %s |" % (what, " | ".join(cells), " | ".join(ratios), target))
    table = "\n".join(out)
    print(table)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", "%s-%s.md" % (datetime.date.today().isoformat(), a.label))
    with open(path, "w") as f:
        f.write("# make bench-writes (%s)\n\n%s\n\n```json\n%s\n```\n" % (a.label, table, json.dumps(res, indent=2)))
    print("wrote " + path, file=sys.stderr)


if __name__ == "__main__":
    main()
