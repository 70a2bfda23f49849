#!/usr/bin/env python3
"""Graph algorithms (issue 12): silkgraph's algo.* procedures against python3-igraph (C core),
Kuzu 0.11.3's algo extension and NetworkX on the same graphs, answers cross-checked, peak
memory per engine (docs/benchmarks.md, "Graph algorithms"). `make bench-algorithms` runs the
full size; run it small to check it works:

    python3 bench/run_algorithms.py --small --build build

Graphs (bench/algo_data.py): a generated power-law graph (--nodes, --rels; 1M and 10M by
default), a smaller one for exact betweenness (--betweenness-nodes, same mean degree: exact
Brandes is O(n m) for everyone), and the Nation/SUPPLIES graph of the issue-4 benchmark
(--supplies-n relationships between 250 nations). Each engine runs in its own process
(bench/algo_engines.py, bench/algo_kuzu.js); its peak memory is the process's maximum resident
set (os.wait4), load included, started by a small launcher process (bench/algo_launcher.py)
so that it is the engine's own and not the harness's. silkgraph and Kuzu get --threads threads
(2 by default; silkgraph is then also run on one, as its own column), igraph and NetworkX have
no such setting. NetworkX runs only on graphs of at most --nx-max-rels
relationships (it needs several GB per 10M edges). Times are of the algorithm call alone, the
median of --runs runs.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import algo_data  # noqa: E402

ENGINES = ["silkgraph", "igraph", "kuzu", "networkx"]
# silkgraph1: silkgraph on one thread, run beside silkgraph when --threads is more than 1
TITLES = {"silkgraph": "silkgraph", "silkgraph1": "silkgraph, 1 thread", "igraph": "igraph",
          "kuzu": "Kuzu", "networkx": "NetworkX"}
PAGERANK_L1 = 1e-2  # PageRank answers agree when the normalised score vectors are this close


def run_engine(engine, dataset, algos, args):
    """Runs one engine in its own process; (result, peak RSS in bytes) or (None, error)."""
    out = os.path.join(dataset, f"result-{engine}.json")
    if engine == "kuzu":
        cmd = ["node", os.path.join(HERE, "algo_kuzu.js"), dataset, out, ",".join(algos),
               str(args.runs), str(args.threads)]
    else:
        threads = {"silkgraph": args.threads, "silkgraph1": 1}.get(engine, 1)
        cmd = [sys.executable, os.path.join(HERE, "algo_engines.py"),
               "silkgraph" if engine == "silkgraph1" else engine, dataset, out,
               "--algos", ",".join(algos), "--runs", str(args.runs), "--build", args.build,
               "--threads", str(threads)]
    done = LAUNCHER.run(cmd, args.timeout)
    if "error" in done:
        return None, done["error"]
    if done["exit"] != 0:
        return None, f"exit {done['exit']}"
    with open(out) as f:
        result = json.load(f)
    os.remove(out)
    return result, done["maxrss"]


class Launcher:
    """The small process that starts every engine (bench/algo_launcher.py), started before the
    harness reads anything so that an engine's peak memory is not the harness's."""

    def __init__(self):
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, "algo_launcher.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, cmd, timeout):
        self.proc.stdin.write(json.dumps({"cmd": cmd, "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())


LAUNCHER = None


def canonical(labels):
    first = {}
    return [first.setdefault(c, i) for i, c in enumerate(labels)]


def compare(name, ours, theirs):
    """(agrees, note) for one engine's answer against silkgraph's."""
    if name in ("wcc", "scc"):
        a, b = canonical(ours), canonical(theirs)
        return a == b, f"{len(set(b))} components" + ("" if a == b else f" (silkgraph {len(set(a))})")
    if name == "pagerank":
        sa, sb = sum(ours), sum(theirs)
        l1 = sum(abs(x / sa - y / sb) for x, y in zip(ours, theirs))
        note = f"L1 distance {l1:.2g} of the normalised scores"
        if abs(sb - 1) > 1e-6:
            note += f"; its scores sum to {sb:.3g}"
        return l1 <= PAGERANK_L1, note
    worst = max((abs(x - y) / max(1.0, abs(x)) for x, y in zip(ours, theirs)), default=0)
    return worst <= 1e-6, f"largest relative difference {worst:.2g}"


def median(xs):
    s = sorted(xs)
    return s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2


def fmt_s(x):
    if x is None:
        return "–"
    return f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def column_title(engine, args):
    """An engine's column: its name and the threads it was given."""
    if engine in ("silkgraph", "kuzu") and args.threads > 1:
        return f"{TITLES[engine]}, {args.threads} threads"
    return TITLES[engine]


def short(engine):
    return "sg1" if engine == "silkgraph1" else TITLES[engine]


def cpu_note(engine, res):
    """The CPU time an engine's process spent per second of its timed calls: about its
    threads' count when they all worked."""
    if not res.get("timed_seconds"):
        return None
    return (f"{TITLES[engine]}: CPU time / wall time of the timed calls "
            f"{res['cpu_seconds'] / res['timed_seconds']:.2f}")


def bench_dataset(title, dataset, meta, algos, engines, args):
    results, notes, disagreements = {}, [], []
    for engine in engines:
        if engine == "networkx" and meta["m"] > args.nx_max_rels:
            notes.append(f"NetworkX not run: {meta['m']:,} relationships > --nx-max-rels "
                         f"{args.nx_max_rels:,}")
            continue
        res, peak = run_engine(engine, dataset, algos, args)
        if res is None:
            notes.append(f"{TITLES[engine]} failed: {peak}")
            continue
        res["peak_bytes"] = peak
        results[engine] = res
    ours = results.get("silkgraph")
    notes += [n for n in (cpu_note(e, r) for e, r in results.items()) if n]
    for engine, res in results.items():
        if engine == "silkgraph" or ours is None:
            continue
        for name, a in res["algorithms"].items():
            ok, note = compare(name, ours["algorithms"][name]["values"], a["values"])
            notes.append(f"{name}, {TITLES[engine]}: {'agrees' if ok else 'DISAGREES'} ({note})")
            if not ok:
                disagreements.append(f"{title}: {name}, {TITLES[engine]}")
    cols = [e for e in engines if e in results]
    head = f"| {title} | " + " | ".join(
        column_title(e, args) + ("" if e == "silkgraph" else f" | sg/{short(e)}")
        for e in cols) + " |"
    lines = [head, "|---|" + "---:|" * (2 * len(cols) - 1)]

    def row(label, get, fmt):
        cells = []
        base = get(results["silkgraph"]) if "silkgraph" in results else None
        for e in cols:
            v = get(results[e])
            cells.append(fmt(v))
            if e != "silkgraph":
                cells.append(ratio(base, v))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    for name in algos:
        label = {"pagerank": "pageRank (20 iterations)", "wcc": "wcc", "scc": "scc",
                 "betweenness": "betweenness (exact)"}[name]
        row(label, lambda r, n=name: median(r["algorithms"][n]["seconds"])
            if n in r["algorithms"] else None, fmt_s)
    row("load (not a target)", lambda r: r["load_s"], fmt_s)
    row("peak RSS (process, load included)", lambda r: r["peak_bytes"],
        lambda v: "–" if v is None else f"{v / 2**20:.0f} MB")
    return lines, notes, disagreements, results


def targets(results, algos):
    """The issue's targets for one graph: ≥ 3× faster than igraph, ≥ 10× than Kuzu, peak
    memory ≤ igraph's."""
    out, ours = [], results.get("silkgraph")
    if ours is None:
        return out
    one = results.get("silkgraph1")
    for name in algos:
        t = median(ours["algorithms"][name]["seconds"])
        t1 = median(one["algorithms"][name]["seconds"]) if one else None
        for engine, factor in (("igraph", 3), ("kuzu", 10)):
            other = results.get(engine, {}).get("algorithms", {}).get(name)
            if other:
                r = t / median(other["seconds"])
                alone = "" if t1 is None else \
                    f"; silkgraph on one thread: {t1 / median(other['seconds']):.2f}"
                out.append(f"{'met' if r <= 1 / factor else 'NOT met'}: {name} ≥ {factor}× "
                           f"faster than {TITLES[engine]} (ratio {r:.2f}{alone})")
    if "igraph" in results:
        r = ours["peak_bytes"] / results["igraph"]["peak_bytes"]
        out.append(f"{'met' if r <= 1 else 'NOT met'}: peak memory ≤ igraph's (ratio {r:.2f})")
    return out


def load_average():
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg()) + " (1 / 5 / 15 min)"
    except OSError:
        return "unknown"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read()).group(1)
    except (OSError, AttributeError):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=HERE).stdout.strip()
    return f"{cpu}, {os.cpu_count()} cores (nproc); silkgraph commit {commit}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--rels", type=int, default=10_000_000)
    ap.add_argument("--betweenness-nodes", type=int, default=5000)
    ap.add_argument("--supplies-n", type=int, default=1_000_000)
    ap.add_argument("--small", action="store_true",
                    help="a quick check: 20,000 nodes / 200,000 rels, 1,000 for betweenness, "
                         "100,000 SUPPLIES")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--nx-max-rels", type=int, default=2_000_000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2,
                    help="silkgraph's and Kuzu's threads (silkgraph is also run on one)")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--build", default="build")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--supplies-seed", type=int, default=20241104)
    ap.add_argument("--label", default="algorithms")
    ap.add_argument("--update-docs", action="store_true")
    ap.add_argument("--algos", default="",
                    help="only these algorithms (comma-separated, of pagerank, wcc, scc, "
                         "betweenness); graphs left without any are skipped (not even "
                         "generated), and docs/benchmarks.md is not updated")
    args = ap.parse_args()
    known = {"pagerank", "wcc", "scc", "betweenness"}
    only = {a for a in args.algos.split(",") if a}
    if only - known:
        ap.error("--algos: unknown " + ", ".join(sorted(only - known)))
    global LAUNCHER
    LAUNCHER = Launcher()  # first, while this process is small
    load_before = load_average()
    if args.small:
        args.nodes, args.rels, args.betweenness_nodes, args.supplies_n = 20_000, 200_000, 1000, 100_000
        if args.label == "algorithms":
            args.label = "algorithms-small"
    engines = [e for e in args.engines.split(",") if e]
    if args.threads > 1 and "silkgraph" in engines:
        engines.insert(engines.index("silkgraph") + 1, "silkgraph1")
    data = os.path.join(HERE, "data")
    per_node = max(1, args.rels // max(1, args.nodes - 1))
    bn = min(args.betweenness_nodes, args.nodes)
    graphs = [  # (title, the dataset made on first use, algorithms)
        ("power-law", lambda: algo_data.powerlaw(data, args.nodes, args.rels, args.seed),
         ["pagerank", "wcc", "scc"]),
        ("power-law, betweenness", lambda: algo_data.powerlaw(data, bn, bn * per_node, args.seed),
         ["betweenness"]),
        ("SUPPLIES",
         lambda: algo_data.supplies(data, args.supplies_n, args.supplies_seed, args.build),
         ["pagerank", "wcc", "scc"]),
    ]
    if only:
        graphs = [(t, d, [a for a in algos if a in only]) for t, d, algos in graphs]
        graphs = [g for g in graphs if g[2]]
        if args.label.startswith("algorithms"):  # not the whole run's record
            args.label += "-" + "-".join(sorted(only))
    when = datetime.date.today().isoformat()
    threads = ("one thread per engine" if args.threads == 1 else
               f"silkgraph and Kuzu with {args.threads} threads (silkgraph also on one, its own "
               "column), igraph and NetworkX as they run (no threads setting; their CPU/wall "
               "ratio is in the notes)")
    report = [f"Machine: {machine()}; {threads}; medians of {args.runs} run(s) of each "
              f"algorithm call; load average {load_before} at the start, LOAD_AFTER at the "
              "end. The machine is shared, so figures carry noise.", ""]
    if args.small:
        report = ["**A small check run (`--small`), not the benchmark: graphs of 20,000 nodes, "
                  "1,000 for betweenness and 100,000 SUPPLIES; such short calls are dominated "
                  "by fixed costs and noise.**", ""] + report
    bad = []
    for title, make, algos in graphs:
        dataset, meta = make()
        lines, notes, disagreements, results = bench_dataset(
            f"{title}: {meta['n']:,} nodes, {meta['m']:,} rels", dataset, meta, algos,
            engines, args)
        bad += disagreements
        report += [f"### {title} ({meta['source']})", ""] + lines + [""]
        report += [f"- {n}" for n in notes] + [""]
        t = targets(results, algos)
        if t:
            report += ["Targets (issue 12):", ""] + [f"- {x}" for x in t] + [""]
    text = "\n".join(report).replace("LOAD_AFTER", load_average())
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", f"{when}-{args.label}.md"), "w") as f:
        f.write(text + "\n")
    if args.update_docs and only:
        print("docs/benchmarks.md not updated: --algos ran only part of the benchmark")
    elif args.update_docs:
        path = os.path.join(HERE, "..", "docs", "benchmarks.md")
        doc = open(path).read()
        begin, end = "<!-- results:algorithms:begin -->", "<!-- results:algorithms:end -->"
        a, b = doc.index(begin) + len(begin), doc.index(end)
        with open(path, "w") as f:
            f.write(doc[:a] + "\n" + text + "\n" + doc[b:])
    if bad:
        print("ANSWERS DISAGREE: " + "; ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
