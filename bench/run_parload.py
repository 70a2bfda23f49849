#!/usr/bin/python3
"""Parallel loading (issue 16 item 3): the 5M SUPPLIES load with --threads 1 against --threads 2
and more. Target: at least 1.7 times faster with 2 threads than with 1.

Two measures per thread count, runs interleaved (1, 2, 1, 2, ...) so that a busy moment of a
shared machine hits both alike:
  load   bench_import neo4j-csv DATA --threads N: Database::load in process (the CSV files
         parsed and written, the topology compacted, the schema's adjacency order sorted),
         wall and CPU milliseconds;
  build  `silkgraph build OUT.sg DATA --threads N --quiet` end to end (the load, then the
         database file written and synced, process start and exit), wall, user and system
         seconds of the child.
The load average (/proc/loadavg) is printed before each run: on a machine whose load is
above its core count the wall times measure the other work too. Every figure is printed, then
the medians and the ratio of the one-thread median to each other one. The data is bench_generate's
at --n and --seed (made once under bench/data, as run_peers.py does) unless --data names a
directory.

    run_parload.py [--build build] [--n 5000000] [--data DIR] [--runs 3] [--threads 1,2]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def data_dir(args):
    if args.data:
        return args.data
    d = os.path.join(HERE, "data", "n%d-s%d" % (args.n, args.seed))
    if os.path.exists(os.path.join(d, ".complete")):
        return d
    tmp = d + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    log("generating N=%d into %s" % (args.n, d))
    subprocess.run([os.path.join(args.build, "bench", "bench_generate"), "--n", str(args.n),
                    "--seed", str(args.seed), "--out", tmp], check=True)
    open(os.path.join(tmp, ".complete"), "w").close()
    shutil.rmtree(d, ignore_errors=True)
    os.rename(tmp, d)
    return d


def loadavg():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def load_run(args, data, threads):
    cmd = [os.path.join(args.build, "bench", "bench_import"), "neo4j-csv", data,
           "--threads", str(threads)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("bench_import failed:\n" + p.stderr)
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return {"wall_ms": r["ms"], "cpu_ms": r["cpu_ms"], "relationships": r["relationships"]}


def build_run(args, data, threads, out):
    cmd = [os.path.join(args.build, "silkgraph"), "build", out, data, "--threads", str(threads),
           "--quiet"]
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    err = p.stderr.read().decode()
    p.stderr.close()
    if status != 0:
        sys.exit("silkgraph build failed:\n" + err)
    return {"wall_s": wall, "user_s": ru.ru_utime, "sys_s": ru.ru_stime}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--n", type=int, default=5000000)
    ap.add_argument("--seed", type=int, default=20241104)
    ap.add_argument("--data", help="a directory of Neo4j bulk-import CSV files (and schema)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    data = data_dir(args)
    runs = {t: [] for t in threads}
    with tempfile.TemporaryDirectory(prefix="run_parload_") as tmp:
        out = os.path.join(tmp, "out.sg")
        for i in range(args.runs):
            for t in threads:
                before = loadavg()
                r = load_run(args, data, t)
                r.update(build_run(args, data, t, out))
                r["loadavg"] = before
                runs[t].append(r)
                log("run %d, --threads %d (load average %.2f): load %.0f ms (CPU %.0f ms); build "
                    "%.2f s (user %.2f s, sys %.2f s)" % (i + 1, t, before, r["wall_ms"],
                                                          r["cpu_ms"], r["wall_s"], r["user_s"],
                                                          r["sys_s"]))
    print("| threads | run | load average | load wall | load CPU | build wall | build user+sys |")
    print("|---|---|---|---|---|---|---|")
    for t in threads:
        for i, r in enumerate(runs[t]):
            print("| %d | %d | %.2f | %.0f ms | %.0f ms | %.2f s | %.2f s |" % (
                t, i + 1, r["loadavg"], r["wall_ms"], r["cpu_ms"], r["wall_s"],
                r["user_s"] + r["sys_s"]))
    med = {t: (statistics.median(r["wall_ms"] for r in runs[t]),
               statistics.median(r["wall_s"] for r in runs[t])) for t in threads}
    print()
    base = threads[0]
    for t in threads:
        print("- `--threads %d`: load median %.0f ms (%.2f times the %d-thread speed), build median "
              "%.2f s (%.2f times)" % (t, med[t][0], med[base][0] / med[t][0], base, med[t][1],
                                      med[base][1] / med[t][1]))


if __name__ == "__main__":
    main()
