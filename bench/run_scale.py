#!/usr/bin/python3
# Driver of `make bench-scale` (issue 16 item 4): for each scale N, the database file built
# from the CSV by `silkgraph build` (its wall time, the build process's peak RSS from wait4,
# the file's size), then the benchmark queries answered from that file opened in place
# (bench_silkgraph DB.sg: the open time, medians of --runs timed runs after one warm-up, the
# query process's peak RSS). One table with a column per N and each figure's growth from the
# smallest N to the largest; the targets checked below it. The data is generated (or reused)
# in bench/data/n<N>-s<seed>/ as for run_peers.py; the CSV of each N from --drop-data-from on
# (default 100M) is removed once its database file is built (500M SUPPLIES are 20 GB of CSV
# and 15 GB more of the same rows for Kuzu). 0 keeps everything. --reuse runs the queries
# again on the files (and with the build figures) of an earlier run. The report goes to
# bench/results/<date>-scale-file.md and, with --update-docs, between the results:scale-file
# markers of docs/benchmarks.md. --cluster TYPE:in|out is passed to the builds.
import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run_peers  # noqa: E402  (data_dir, fmt_ms)

HERE = run_peers.HERE
ROOT = run_peers.ROOT
# Q6 is left out: its answer grows with the cube of the density (108M paths and 37 s at 50M),
# so at 500M it would count a thousand times as many paths.
QUERIES = [q for q in run_peers.QUERIES if q != "Q6"]
FIXED = ["Q1", "Q2", "Q4", "Q5"]  # answered within 3 times of the smallest N's time
RSS_LIMIT_GB = 16


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def build(args, data, db):
    """Runs `silkgraph build`; returns (wall ms, peak RSS kB)."""
    if os.path.exists(db):
        os.remove(db)
    cmd = [os.path.join(args.build, "silkgraph"), "build", "--quiet"]
    for spec in args.cluster:
        cmd += ["--cluster", spec]
    cmd += [db, data]
    log("building %s" % os.path.relpath(db, ROOT))
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(p.pid, 0)
    ms = (time.perf_counter() - t) * 1000
    err = p.stderr.read()
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit("silkgraph build failed (exit %d):\n%s" % (p.returncode, err[-4000:]))
    log("  built in %.1f s, peak RSS %.0f MB" % (ms / 1000, usage.ru_maxrss / 1024))
    return ms, usage.ru_maxrss


def queries(args, db):
    cmd = [os.path.join(args.build, "bench", "bench_silkgraph"), db, "--json", "--no-db-file",
           "--runs", str(args.runs), "--timeout", str(args.timeout), "--only", ",".join(QUERIES)]
    log("querying %s" % os.path.relpath(db, ROOT))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise SystemExit("bench_silkgraph failed (exit %d):\n%s" % (p.returncode, p.stderr[-4000:]))
    return json.loads(p.stdout)


def gb(kb):  # ru_maxrss is in KiB; figures and the limit in GB of 10^9 bytes
    return kb * 1024 / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--n", default="50000000,200000000,500000000")
    ap.add_argument("--seed", type=int, default=20241104)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--drop-data-from", type=int, default=100000000)
    ap.add_argument("--reuse", action="store_true",
                    help="keep a database file built by an earlier run (and its build figures); "
                         "only the queries run again")
    ap.add_argument("--cluster", action="append", default=[], metavar="TYPE:in|out",
                    help="passed to `silkgraph build` (docs/storage.md, \"Clustered "
                         "relationships\"); may be given more than once")
    ap.add_argument("--update-docs", action="store_true")
    args = ap.parse_args()
    sizes = [int(x) for x in args.n.split(",")]
    rows = []
    for n in sizes:
        data = os.path.join(HERE, "data", "n%d-s%d" % (n, args.seed))
        db = os.path.join(data, "results", "scale.sg")
        built = os.path.join(data, "results", "scale-build.json")
        if args.reuse and os.path.exists(db) and os.path.exists(built):
            with open(built) as f:  # the figures of the build that wrote db
                build_ms, build_kb = json.load(f)
            log("reusing %s (built in %.1f s)" % (os.path.relpath(db, ROOT), build_ms / 1000))
        else:
            data = run_peers.data_dir(args, n)
            os.makedirs(os.path.join(data, "results"), exist_ok=True)
            build_ms, build_kb = build(args, data, db)
            with open(built, "w") as f:
                json.dump([build_ms, build_kb], f)
        size = os.path.getsize(db)
        if args.drop_data_from and n >= args.drop_data_from and os.path.exists(
                os.path.join(data, ".complete")):
            for name in os.listdir(data):
                if name.endswith(".csv"):
                    os.remove(os.path.join(data, name))
            shutil.rmtree(os.path.join(data, "kuzu"), ignore_errors=True)  # the peers' copy
            os.remove(os.path.join(data, ".complete"))
        res = queries(args, db)
        with open(os.path.join(data, "results", "result-scale-file.json"), "w") as f:
            json.dump(res, f)
        rows.append({"n": n, "build_ms": build_ms, "build_kb": build_kb, "size": size,
                     "rels": res["relationships"], "res": res})
        log("  open %.1f ms; %s" % (res["load_ms"], ", ".join(
            "%s %s" % (q, run_peers.fmt_ms(res["queries"][q].get("median_ms"))) for q in QUERIES
            if q in res["queries"])))

    date = datetime.date.today().isoformat()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            stdout=subprocess.PIPE, text=True).stdout.strip()
    cpu = platform.processor() or platform.machine()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    report = ["# Scale: the database file (`make bench-scale`), %s" % date, "",
              "Machine: %s, %d cores (nproc), %.0f GB RAM; silkgraph commit %s; seed %d; "
              "`silkgraph build` (default threads%s) from the generated CSV, then the queries "
              "from the file opened in place (medians of %d timed runs after one warm-up, one "
              "process per N, the file in the page cache after its build); load average %s at "
              "the end." % (cpu, os.cpu_count(), mem, commit, args.seed,
                            "".join(", --cluster " + c for c in args.cluster), args.runs,
                            " ".join("%.1f" % x for x in os.getloadavg())), ""]
    first, last = rows[0], rows[-1]
    head = "| figure |" + "".join(" N = {:,} |".format(r["n"]) for r in rows)
    grow = len(rows) > 1
    if grow:
        head += " growth %s → %s (data ×%.0f) |" % (short(first["n"]), short(last["n"]),
                                                    last["n"] / first["n"])
    lines = [head, "|---|" + "---:|" * (len(rows) + (1 if grow else 0))]

    def line(label, values, fmt, growth=True):
        cells = "".join(" %s |" % fmt(v) for v in values)
        g = ""
        if grow:
            a, b = values[0], values[-1]
            g = " ×%.2f |" % (b / a) if growth and a and b is not None else " – |"
        lines.append("| %s |%s%s" % (label, cells, g))

    line("build: CSV → database file", [r["build_ms"] for r in rows], run_peers.fmt_ms)
    line("build per 1M relationships", [r["build_ms"] / (r["rels"] / 1e6) for r in rows],
         run_peers.fmt_ms)
    line("build peak RSS", [r["build_kb"] for r in rows], lambda v: "%.2f GB" % gb(v))
    line("database file", [r["size"] for r in rows], lambda v: "%.2f GB" % (v / 1e9))
    line("file bytes per relationship", [r["size"] / r["rels"] for r in rows],
         lambda v: "%.1f" % v)
    line("open in place", [r["res"]["load_ms"] for r in rows], run_peers.fmt_ms)
    for q in QUERIES:
        line(q + " median", [r["res"]["queries"].get(q, {}).get("median_ms") for r in rows],
             run_peers.fmt_ms)
    line("query process peak RSS", [r["res"]["peak_rss_kb"] for r in rows],
         lambda v: "%.2f GB" % gb(v))
    report += lines + [""]

    targets = [("build peak RSS at N = {:,} at most {} GB: {:.2f} GB".format(
        last["n"], RSS_LIMIT_GB, gb(last["build_kb"])), gb(last["build_kb"]) <= RSS_LIMIT_GB)]
    for q in FIXED:
        a = first["res"]["queries"].get(q, {}).get("median_ms")
        b = last["res"]["queries"].get(q, {}).get("median_ms")
        if a and b:
            targets.append(("{} at N = {:,} within 3 times of N = {:,}: ×{:.2f}".format(
                q, last["n"], first["n"], b / a), b <= 3 * a))
    report += ["Targets (issue 16 item 4):", ""] + [
        "- %s %s" % ("met:" if ok else "**missed:**", t) for t, ok in targets] + [""]
    text = "\n".join(report)
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", "%s-scale-file.md" % date)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    log("wrote %s" % os.path.relpath(path, ROOT))
    if args.update_docs:
        docs = os.path.join(ROOT, "docs", "benchmarks.md")
        body = open(docs, encoding="utf-8").read()
        begin, end = "<!-- results:scale-file:begin -->", "<!-- results:scale-file:end -->"
        if begin in body and end in body:
            body = body[: body.index(begin) + len(begin)] + "\n" + "\n".join(report[2:]) + \
                "\n" + body[body.index(end):]
            open(docs, "w", encoding="utf-8").write(body)
            log("updated docs/benchmarks.md (scale-file)")


def short(n):
    return "%dM" % (n // 1000000) if n >= 1000000 else str(n)


if __name__ == "__main__":
    main()
