#!/usr/bin/python3
# The whole-process cost of opening a database file and answering one query (issue 16 item 1:
# the file used in place). For each scale N it takes (or generates) bench/data/n<N>-s<seed>/,
# builds bench/data/n<N>-s<seed>.sg from it once with `silkgraph build` (timed: the CSV load
# plus the write), then runs the real binary RUNS times per query, the file in the page cache
# after one warm-up run, and prints the median and minimum wall time and the median CPU time
# (user + system, from the children's rusage) of the whole process, against `silkgraph -c
# 'RETURN 1'` with no file (the process's own start-up). The queries: a point query on a node
# (opens without reading a relationship section) and a one-hop aggregation (pays the checks of
# the relationship sections, which run at their first use).
#
#   bench/run_open.py --build build --n 5000000 [--runs 20] [--seed 20241104]
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_peers  # noqa: E402  (data_dir: generate or reuse the data set)

QUERIES = [
    ("point query on a node", "MATCH (n:Nation {id: 'KOR'}) RETURN n.id"),
    ("one hop, first relationship use",
     "MATCH (c:Nation)-[s:SUPPLIES]->(k:Nation {id: 'KOR'}) WHERE s.resource = 'REE' "
     "AND s.year = 2023 RETURN c.id, sum(s.tonnes) ORDER BY c.id LIMIT 3"),
]


def timed(cmd):
    """Wall and CPU seconds of one run of cmd (its output discarded)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(cmd, runs):
    timed(cmd)  # warm-up: the binary and the file in the page cache
    walls, cpus = zip(*(timed(cmd) for _ in range(runs)))
    return statistics.median(walls) * 1e3, min(walls) * 1e3, statistics.median(cpus) * 1e3


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", default="build")
    ap.add_argument("--n", default="5000000", help="scales, comma-separated")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=20241104)
    args = ap.parse_args()
    binary = os.path.join(args.build, "silkgraph")
    base = [binary, "-q", "--format", "csv"]
    print("| case | median wall | min wall | median CPU |")
    print("|------|-------------|----------|------------|")
    wall, low, cpu = measure(base + ["-c", "RETURN 1"], args.runs)
    print("| `silkgraph -c 'RETURN 1'` (no file) | %.1f ms | %.1f ms | %.1f ms |" % (wall, low, cpu))
    for n in (int(x) for x in args.n.split(",")):
        data = run_peers.data_dir(args, n)
        db = data + ".sg"
        if not os.path.exists(db):
            start = time.perf_counter()
            subprocess.run([binary, "build", "-q", db, data], check=True, stdout=subprocess.DEVNULL)
            print("built %s (%.0f MB) in %.1f s (CSV load and write)"
                  % (db, os.path.getsize(db) / 1e6, time.perf_counter() - start), file=sys.stderr)
        for name, query in QUERIES:
            wall, low, cpu = measure(base + [db, "-c", query], args.runs)
            print("| N=%d, %s | %.1f ms | %.1f ms | %.1f ms |" % (n, name, wall, low, cpu))


if __name__ == "__main__":
    main()
