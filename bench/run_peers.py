#!/usr/bin/python3
# Driver of `make bench`, `make bench-peers` and `make bench-scale` (issue 4 section 2).
# For each scale N it generates (or reuses) bench/data/n<N>-s<seed>/, runs every engine in its
# own process, one after the other (bench_silkgraph, kuzu_runner.js, sqlite_runner.py,
# nx_runner.py; each prints one JSON document:
#   {"engine", "load_ms", "peak_rss_kb", "queries": {"Q1": {"median_ms", "min_ms", "runs",
#    "rows": [[...], ...]}, ...}}),
# checks that every engine returns the same answers as silkgraph (ordered rows; whole floats
# compare as integers, other floats to 9 significant digits) and prints one table per N with
# each figure per engine and the ratio silkgraph/peer. Disagreements are printed loudly and
# make the exit status 1. The report goes to bench/results/<date>-<label>.md and, with
# --update-docs, between the result markers of docs/benchmarks.md.
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QUERIES = ["Q%d" % i for i in range(1, 9)]
ENGINES = ["silkgraph", "kuzu", "sqlite", "networkx"]
TITLES = {"silkgraph": "silkgraph", "kuzu": "Kuzu", "sqlite": "SQLite", "networkx": "NetworkX"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def data_dir(args, n):
    d = os.path.join(HERE, "data", "n%d-s%d" % (n, args.seed))
    if os.path.exists(os.path.join(d, ".complete")):
        return d
    tmp = d + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    gen = os.path.join(args.build, "bench", "bench_generate")
    log("generating N=%d into %s" % (n, d))
    t = time.perf_counter()
    subprocess.run([gen, "--n", str(n), "--seed", str(args.seed), "--out", tmp], check=True)
    log("  generated in %.1f s" % (time.perf_counter() - t))
    open(os.path.join(tmp, ".complete"), "w").close()
    shutil.rmtree(d, ignore_errors=True)
    os.rename(tmp, d)
    return d


def run_engine(args, engine, data):
    py = "/usr/bin/python3"
    cmd = {
        "silkgraph": [os.path.join(args.build, "bench", "bench_silkgraph"), data, "--json",
                      "--runs", str(args.runs), "--timeout", str(args.timeout)],
        "kuzu": ["node", os.path.join(HERE, "kuzu_runner.js"), data, str(args.runs)],
        "sqlite": [py, os.path.join(HERE, "sqlite_runner.py"), data, str(args.runs)],
        "networkx": [py, os.path.join(HERE, "nx_runner.py"), data, str(args.runs)],
    }[engine]
    log("running %s on %s" % (engine, os.path.basename(data)))
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        log("!!! %s FAILED (exit %d):\n%s" % (engine, p.returncode, p.stderr[-4000:]))
        return None
    res = json.loads(p.stdout)
    # Raw answers and figures, kept next to the data for inspection, in a subdirectory: a
    # .json file in the data directory itself would be loaded as data by the next run.
    os.makedirs(os.path.join(data, "results"), exist_ok=True)
    with open(os.path.join(data, "results", "result-%s-%s.json" % (args.label, engine)), "w") as f:
        f.write(p.stdout)
    log("  %s done in %.1f s (load %.1f s)" % (engine, time.perf_counter() - t, res["load_ms"] / 1000))
    return res


def run_threaded_load(args, data):
    """Load time of silkgraph with --threads N (no queries), beside the one-thread headline."""
    cmd = [os.path.join(args.build, "bench", "bench_silkgraph"), data, "--json", "--no-db-file",
           "--threads", str(args.threads)]
    log("running silkgraph load with --threads %d on %s" % (args.threads, os.path.basename(data)))
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        log("!!! silkgraph --threads %d FAILED (exit %d):\n%s" % (args.threads, p.returncode, p.stderr[-4000:]))
        return None
    res = json.loads(p.stdout)
    log("  load %.1f s" % (res["load_ms"] / 1000))
    return res


def norm(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        f = float(v)
        if f == int(f) and abs(f) < 2**63:
            return int(f)
        return float("%.9g" % f)
    if isinstance(v, list):
        return [norm(x) for x in v]
    return str(v)


def check_answers(results):
    """Returns a list of disagreement messages (empty when all engines agree)."""
    problems = []
    ref = results.get("silkgraph")
    for q in QUERIES:
        answers = {}
        for e, r in results.items():
            if r is None or q not in r["queries"]:
                continue
            entry = r["queries"][q]
            if "error" in entry:
                problems.append("%s: %s raised: %s" % (q, e, entry["error"]))
                continue
            answers[e] = [norm(row) for row in entry["rows"]]
        if ref is not None and "silkgraph" not in answers:
            continue
        base_engine = "silkgraph" if "silkgraph" in answers else next(iter(answers), None)
        for e, rows in answers.items():
            if e == base_engine or rows == answers[base_engine]:
                continue
            a, b = answers[base_engine], rows
            first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            problems.append(
                "%s: %s and %s DISAGREE (%d vs %d rows; first difference at row %d: %s vs %s)"
                % (q, base_engine, e, len(a), len(b), first,
                   a[first] if first < len(a) else "-", b[first] if first < len(b) else "-"))
    return problems


def fmt_ms(x):
    if x is None:
        return "–"
    if x >= 1000:
        return "%.2f s" % (x / 1000)
    if x >= 10:
        return "%.0f ms" % x
    if x >= 1:
        return "%.1f ms" % x
    return "%.3f ms" % x


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    return "%.2f" % (a / b) if a / b >= 0.01 else "%.4f" % (a / b)


def figures(r):
    """figure name -> value (ms for times, MB for memory) of one engine's result."""
    out = {}
    if r is None:
        return out
    out["load"] = r["load_ms"]
    for q in QUERIES:
        e = r["queries"].get(q)
        if e and "median_ms" in e:
            out[q] = e["median_ms"]
    out["peak"] = r["peak_rss_kb"] / 1024
    return out


def table(n, results, engines, threaded=None, threads=1):
    f = {e: figures(results.get(e)) for e in engines}
    peers = [e for e in engines if e != "silkgraph"]
    head = "| N = {:,} | silkgraph |".format(n) + "".join(
        " %s | sg/%s |" % (TITLES[e], TITLES[e]) for e in peers)
    sep = "|---|---:|" + "---:|---:|" * len(peers)
    lines = [head, sep]
    names = [("load", "load CSV → queryable")] + [(q, q + " median") for q in QUERIES] + [
        ("peak", "peak RSS")]
    for key, label in names:
        sg = f["silkgraph"].get(key)
        cell = (lambda v: "–" if v is None else "%.0f MB" % v) if key == "peak" else fmt_ms
        row = "| %s | %s |" % (label, cell(sg))
        for e in peers:
            v = f[e].get(key)
            row += " %s | %s |" % (cell(v), ratio(sg, v))
        lines.append(row)
    if threaded:
        lines.append("| load CSV → queryable, `--threads %d` | %s |" % (threads, fmt_ms(threaded["load_ms"])) +
                     "".join(" %s | %s |" % (fmt_ms(f[e].get("load")), ratio(threaded["load_ms"], f[e].get("load")))
                             for e in peers))
        # Queries that use the threads (aggregations over a whole relationship type): a row
        # where the threaded median is at least a fifth lower than the one-thread median.
        ft = figures(threaded)
        for q in QUERIES:
            one, more = f["silkgraph"].get(q), ft.get(q)
            if one is not None and more is not None and more < 0.8 * one:
                lines.append("| %s median, `--threads %d` | %s |" % (q, threads, fmt_ms(more)) +
                             "".join(" %s | %s |" % (fmt_ms(f[e].get(q)), ratio(more, f[e].get(q)))
                                     for e in peers))
    sg = results.get("silkgraph")
    if sg:
        lines.append("| RSS after load (steady state) | %.0f MB |" % (sg["rss_after_load_kb"] / 1024) +
                     " – | – |" * len(peers))
        lines.append("| bytes per relationship (Graph::stats) | %.1f |" % sg["bytes_per_rel"] +
                     " – | – |" * len(peers))
        if "db_file_open_ms" in sg:
            lines.append("| open the database file (`silkgraph DB.sg`, %.0f MB) | %s |"
                         % (sg["db_file_bytes"] / 1e6, fmt_ms(sg["db_file_open_ms"])) +
                         " – | – |" * len(peers))
    return "\n".join(lines)


def targets(results):
    """The issue-4 targets that this run can check: list of (text, met or None)."""
    sg, kz, sq, nx = (results.get(e) for e in ENGINES)
    out = []
    fs, fk, fq, fn = figures(sg), figures(kz), figures(sq), figures(nx)
    if sg and kz:
        out.append(("load ≥ 5× Kuzu's COPY throughput (sg/Kuzu load ≤ 0.20): %s" % ratio(fs["load"], fk["load"]),
                    fs["load"] <= 0.2 * fk["load"]))
        for q in QUERIES:
            if q in fs and q in fk:
                out.append(("%s ≤ 1/10 of Kuzu (ratio %s)" % (q, ratio(fs[q], fk[q])), fs[q] <= 0.1 * fk[q]))
        out.append(("peak memory ≤ ½ Kuzu's (ratio %s)" % ratio(fs["peak"], fk["peak"]),
                    fs["peak"] <= 0.5 * fk["peak"]))
    if sg and sq:
        for q in ("Q1", "Q5"):
            if q in fs and q in fq:
                out.append(("%s no slower than SQLite with its best index (ratio %s)" % (q, ratio(fs[q], fq[q])),
                            fs[q] <= fq[q]))
    if sg and nx and "Q4" in fs and "Q4" in fn:
        out.append(("Q4 no slower than NetworkX (ratio %s)" % ratio(fs["Q4"], fn["Q4"]), fs["Q4"] <= fn["Q4"]))
    if sg:
        out.append(("≤ 64 bytes per relationship: %.1f" % sg["bytes_per_rel"], sg["bytes_per_rel"] <= 64))
    if sg and "db_file_open_ms" in sg:
        out.append(("opening the database file < 1/10 of loading the CSV (ratio %s)"
                    % ratio(sg["db_file_open_ms"], sg["load_ms"]),
                    sg["db_file_open_ms"] < 0.1 * sg["load_ms"]))
    return out


def machine():
    info = {}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"Model name:\s*(.+)", lscpu)
        info["cpu"] = m.group(1).strip() if m else platform.processor()
    except OSError:
        info["cpu"] = platform.processor()
    info["nproc"] = os.cpu_count()
    with open("/proc/meminfo") as f:
        m = re.search(r"MemTotal:\s*(\d+)", f.read())
        info["mem_gb"] = int(m.group(1)) / 1024 / 1024 if m else 0
    try:
        info["commit"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        info["commit"] = "?"
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", default="1000000,5000000", help="comma-separated SUPPLIES counts")
    ap.add_argument("--seed", type=int, default=20241104)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=600, help="silkgraph per-query cancel, s")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--label", default="peers")
    ap.add_argument("--update-docs", action="store_true")
    ap.add_argument("--threads", type=int, default=1,
                    help="also time silkgraph's load with this many threads (the one-thread "
                         "figures stay the headline)")
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if engines[0] != "silkgraph":
        sys.exit("the first engine must be silkgraph (the reference for answers and ratios)")
    sizes = [int(x) for x in args.n.split(",")]
    date = datetime.datetime.now().strftime("%Y-%m-%d")
    mach = machine()
    report = ["# Benchmark run %s (%s)" % (date, args.label), "",
              "Machine: %s, %d cores (nproc), %.0f GB RAM; silkgraph commit %s; one thread per engine; "
              "seed %d; medians of %d timed runs after one warm-up, all in one harness run. The machine "
              "is shared with other engineers' builds, so figures carry noise." %
              (mach["cpu"], mach["nproc"], mach["mem_gb"], mach["commit"], args.seed, args.runs), ""]
    failed = False
    growth = []
    for n in sizes:
        data = data_dir(args, n)
        results = {}
        for e in engines:
            results[e] = run_engine(args, e, data)
            if results[e] is None:
                failed = True
        threaded = run_threaded_load(args, data) if args.threads > 1 and "silkgraph" in engines else None
        problems = check_answers(results)
        t = table(n, results, engines, threaded, args.threads)
        print("\n" + t + "\n")
        report += ["## N = {:,} SUPPLIES relationships".format(n), "", t, ""]
        if problems:
            failed = True
            print("!" * 72)
            for p in problems:
                print("!!! " + p)
            print("!" * 72)
            report += ["**ANSWERS DISAGREE:**", ""] + ["- " + p for p in problems] + [""]
        else:
            checked = [e for e in engines if results.get(e)]
            msg = "Answers agree across %s on every query each of them runs." % ", ".join(TITLES[e] for e in checked)
            print(msg)
            report += [msg, ""]
        tg = targets(results)
        if len(engines) > 1 or args.label != "bench":
            report += ["Targets (issue 4):", ""] + [
                "- %s %s" % ("met:" if ok else "**missed:**", text) for text, ok in tg] + [""]
            for text, ok in tg:
                print(("  met     " if ok else "  MISSED  ") + text)
        sg = results.get("silkgraph")
        if sg:
            growth.append((n, sg["load_ms"], sg["peak_rss_kb"] / 1024, sg["bytes_per_rel"]))
    if len(growth) > 1:
        g = ["| N SUPPLIES | silkgraph load | load per 1M rels | peak RSS | bytes/rel |",
             "|---:|---:|---:|---:|---:|"]
        for n, ms, mb, b in growth:
            g.append("| {:,} | {} | {} | {:.0f} MB | {:.1f} |".format(n, fmt_ms(ms), fmt_ms(ms / (n / 1e6)), mb, b))
        print("\n".join(g))
        report += ["## Load growth", ""] + g + [""]
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    path = os.path.join(HERE, "results", "%s-%s.md" % (date, args.label))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(report))
    log("wrote %s" % os.path.relpath(path, ROOT))
    if args.update_docs:
        docs = os.path.join(ROOT, "docs", "benchmarks.md")
        text = open(docs, encoding="utf-8").read()
        begin, end = "<!-- results:%s:begin -->" % args.label, "<!-- results:%s:end -->" % args.label
        if begin in text and end in text:
            body = "\n".join(report[2:])
            text = text[: text.index(begin) + len(begin)] + "\n" + body + "\n" + text[text.index(end):]
            open(docs, "w", encoding="utf-8").write(text)
            log("updated docs/benchmarks.md (%s)" % args.label)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
