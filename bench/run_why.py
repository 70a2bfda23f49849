#!/usr/bin/python3
# The cost of --why (docs/provenance.md) on the `make bench` queries. For a scale N it takes
# (or generates) bench/data/n<N>-s<seed>/, makes a copy whose relationships all carry
# `sources` (one citation per file, naming the generator run: the rows are synthetic, see
# docs/benchmarks.md), and times the queries on both, without and with --why. It prints
# per query the median times and the ratios with/without --why: on the plain data (no
# `sources` anywhere, so --why has nothing to find and must cost nothing) and on the sourced
# copy (where every row's relationships are gathered and their citations numbered). The four
# configurations run in one process (bench/bench_why.cpp), interleaved run by run, so that a
# change of load on this shared machine moves all of them alike; medians and minimums are
# printed to the microsecond.
#
#   bench/run_why.py --build build --n 1000000 [--runs 5] [--seed 20241104] [--only Q1,Q8]
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run_peers  # noqa: E402  (data_dir: generate or reuse the data set)


def sourced_copy(data, n, seed):
    out = data + "-sources"
    if os.path.exists(os.path.join(out, ".complete")):
        return out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(data, "schema.json"), encoding="utf-8") as f:
        doc = json.load(f)
    for rel in doc["schema"]["relationships"]:
        rel.setdefault("properties", []).append({"name": "sources", "type": "string[]"})
    with open(os.path.join(out, "schema.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
    for name in sorted(os.listdir(data)):
        src = os.path.join(data, name)
        if not name.endswith(".csv") or not os.path.isfile(src):
            continue
        with open(src, encoding="utf-8") as f, open(os.path.join(out, name), "w",
                                                    encoding="utf-8") as g:
            header = f.readline().rstrip("\n")
            if not header.startswith(":START_ID"):
                g.write(header + "\n")
                shutil.copyfileobj(f, g)
                continue
            cite = '"bench_generate --n %d --seed %d (synthetic rows), %s"' % (n, seed, name)
            g.write(header + ",sources:string[]\n")
            for line in f:
                g.write(line.rstrip("\n") + "," + cite + "\n")
    open(os.path.join(out, ".complete"), "w").close()
    return out


def bench(args, data, sourced):
    cmd = [os.path.join(args.build, "bench", "bench_why"), data, sourced, "--runs",
           str(args.runs)]
    if args.only:
        cmd += ["--only", args.only]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("bench_why failed:\n" + p.stderr[-4000:])
    return json.loads(p.stdout)["queries"]


def ratio(on, off):
    return "%.2f" % (on / off) if off else "nan"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--build", default=os.path.join(os.path.dirname(HERE), "build"))
    ap.add_argument("--n", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=20241104)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    data = run_peers.data_dir(args, args.n)
    sourced = sourced_copy(data, args.n, args.seed)
    runs = bench(args, data, sourced)
    load = os.getloadavg()
    print("N = %d, ms (median and min of the interleaved runs; ratio = with --why / without), "
          "load average %.2f %.2f %.2f" % ((args.n,) + load))
    print("| query | runs | plain | plain --why | ratio | sourced | sourced --why | ratio "
          "| min: sourced | sourced --why | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for q in sorted(runs, key=lambda q: int(q[1:])):
        r = runs[q]
        med = {c: r[c]["median_ms"] for c in r}
        cells = [str(r["plain"]["runs"])]
        for label in ("plain", "sourced"):
            off, on = med[label], med[label + "_why"]
            cells += ["%.3f" % off, "%.3f" % on, ratio(on, off)]
        off, on = r["sourced"]["min_ms"], r["sourced_why"]["min_ms"]
        cells += ["%.3f" % off, "%.3f" % on, ratio(on, off)]
        print("| %s | %s |" % (q, " | ".join(cells)))


if __name__ == "__main__":
    main()
