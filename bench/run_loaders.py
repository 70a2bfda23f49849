#!/usr/bin/python3
"""`make bench-loaders`: each source loader of `silkgraph import` (docs/world.md) per row against
the Neo4j-CSV loader (issue 13: each at least as fast per row), and the time of `make world`.

Each loader runs in its own process (bench_import: in-process timing, wall and CPU; countries is
imported first, untimed, for the sources that resolve against its Nations):
  countries, usgs-mcs, wikidata-offices, factbook, gdelt, facts on ../shared/data as published, and
  gdelt on the generated export of `make bench-gdelt` when it exists (--gdelt FILE);
  neo4j-csv: Database::load of Neo4j bulk-import CSVs cut from bench_generate's at --n: for
  each source the same number of rows (its 250 nations, then as many SUPPLIES rows as needed),
  and the whole set.
Rows are what each loader reads (data rows, records); the per-row figure is CPU time per row
read, since on a shared machine the wall time counts the waits too. Then the six `silkgraph
import` commands of `make world`, timed end to end. Prints a markdown table and writes it to
bench/results/<date>-<label>.md. Timings on a shared machine are noisy: one run each.

    run_loaders.py [--build build] [--n 200000] [--gdelt FILE] [--label loaders]
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
WORLD = [("countries", "countries"), ("usgs-mcs", "usgs_mcs"), ("wikidata-offices", "leaders"),
         ("factbook", "factbook"), ("gdelt", "gdelt"), ("facts", "facts")]


def bench_import(build, source, paths, countries=True):
    cmd = [os.path.join(build, "bench", "bench_import"), source, *paths]
    if countries:
        cmd += ["--countries", os.path.join(SHARED, "countries")]
    print("$ " + " ".join(cmd), file=sys.stderr)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        print("failed (status %d): %s" % (p.returncode, p.stderr), file=sys.stderr)
        return None
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--gdelt", default=os.path.join(HERE, "data", "gdelt-n200000-s20191024",
                                                     "events.export.CSV"))
    ap.add_argument("--label", default="loaders")
    a = ap.parse_args()
    csv_dir = os.path.join(HERE, "data", "loaders-n%d" % a.n)
    if not os.path.exists(os.path.join(csv_dir, "supplies.csv")):
        r = subprocess.run([os.path.join(a.build, "bench", "bench_generate"), "--n", str(a.n),
                            "--out", csv_dir])
        if r.returncode != 0:
            sys.exit("bench_generate failed")
    def baseline(rows):
        """A directory of bench_generate's schema, nations and the first SUPPLIES rows: `rows` in all."""
        d = os.path.join(csv_dir, "rows-%d" % rows)
        if not os.path.exists(os.path.join(d, "supplies.csv")):
            os.makedirs(d, exist_ok=True)
            for name in ("schema.json", "nations.csv"):
                if not os.path.exists(os.path.join(d, name)):
                    os.symlink(os.path.join("..", name), os.path.join(d, name))
            with open(os.path.join(csv_dir, "supplies.csv")) as f, \
                    open(os.path.join(d, "supplies.csv"), "w") as out:
                out.write(f.readline())
                for _ in range(max(0, rows - 250)):
                    out.write(f.readline())
        return bench_import(a.build, "neo4j-csv", [d], countries=False)

    runs = [("neo4j-csv", "bench_generate CSVs, %d SUPPLIES" % a.n,
             bench_import(a.build, "neo4j-csv", [csv_dir], countries=False), None)]
    for source, folder in WORLD:
        r = bench_import(a.build, source, [os.path.join(SHARED, folder)],
                         countries=source != "countries")
        runs.append((source, "../shared/data/" + folder, r, baseline(r["rows"]) if r else None))
    if os.path.exists(a.gdelt):
        r = bench_import(a.build, "gdelt", [a.gdelt])
        runs.append(("gdelt", os.path.relpath(a.gdelt, ROOT), r, baseline(r["rows"]) if r else None))
    lines = ["# Source loaders per row against the Neo4j-CSV loader (%s)" %
             datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), "",
             "| loader | input | rows read | nodes | relationships | wall ms | CPU ms | CPU µs per row | Neo4j-CSV, same rows: CPU µs per row | ratio |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    failed = False
    for source, what, r, base in runs:
        if not r:
            lines.append("| %s | %s | failed | | | | | | | |" % (source, what))
            failed = True
            continue
        us = r["cpu_ms"] * 1000 / r["rows"] if r["rows"] else 0
        base_us = base["cpu_ms"] * 1000 / base["rows"] if base and base["rows"] else None
        lines.append("| %s | %s | %d | %d | %d | %.0f | %.0f | %.2f | %s | %s |" %
                     (source, what, r["rows"], r["nodes"], r["relationships"], r["ms"], r["cpu_ms"], us,
                      "%.2f" % base_us if base_us else "-",
                      "%.2f×" % (us / base_us) if base_us else "-"))
    # make world: the six imports into a new database file, end to end (processes included).
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "world.sg")
        started = time.monotonic()
        for source, folder in WORLD:
            p = subprocess.run([os.path.join(a.build, "silkgraph"), "import", source,
                                os.path.join(SHARED, folder), "-o", db], capture_output=True, text=True)
            if p.returncode != 0:
                print(p.stderr, file=sys.stderr)
                failed = True
        world_s = time.monotonic() - started
    lines += ["", "A ratio above 1 is slower per row than the Neo4j-CSV loader on the same number of "
              "rows. Rows differ in width: a USGS row gives up to a dozen figures, a Neo4j-CSV row "
              "one node or relationship. CPU time has a resolution of a few ms: small files are "
              "mostly fixed costs.", "",
              "`make world` (the six `silkgraph import` commands): %.1f s wall (the issue's limit: 30 s)." % world_s]
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    out = os.path.join(HERE, "results", "%s-%s.md" % (datetime.date.today().isoformat(), a.label))
    with open(out, "w") as f:
        f.write(text)
    print("written to " + out, file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
