#!/usr/bin/python3
"""LOAD CSV ... MERGE of N rows (issue 17, item 3): silkgraph's `LOAD CSV WITH HEADERS ...
MERGE` into an empty graph (every row creates a node) and again (every row updates one),
against Kuzu 0.11.3's bulk `COPY` and its `LOAD FROM ... MERGE` (the same Neo4j-style
semantics) on the same file, each engine in its own process. The file is generated: N rows
`id,name,population,area` (ids N0000000, ...), the shape of the merge workload of
bench/run_writes.py. Prints a markdown table and writes it to bench/results/<date>-<label>.md.
Timings on a shared machine are noisy: one run each; run it small to check it works.

    load_csv_merge.py [--rows 1000000] [--build build] [--engines silkgraph,kuzu] [--label load-csv]
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STATEMENT = ("LOAD CSV WITH HEADERS FROM 'file:///rows.csv' AS row "
             "MERGE (n:Nation {id: row.id}) "
             "SET n.name = row.name, n.population = toInteger(row.population), "
             "n.area = toFloat(row.area)")


def generate(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("id,name,population,area\n")
        for i in range(rows):
            f.write("N%07d,nation %d,%d,%.1f\n" % (i, i, (i * 7919) % 1000000000, i % 100000 / 10))


def silkgraph(build, data, rows):
    """Seconds of the creating and of the updating statement (the shell's --timer)."""
    cmd = [os.path.join(build, "silkgraph"), "--import-dir", data, "--timer", "--format", "csv",
           "-c", STATEMENT + ";\n" + STATEMENT + ";\nMATCH (n:Nation) RETURN count(n) AS n;",
           # The schema declares Nation's key (as Kuzu's PRIMARY KEY), so MERGE finds a node
           # through the key index; an open graph without it scans the label for every row.
           os.path.join(HERE, "writes_schema.json")]
    print("$ " + " ".join(cmd[:6]) + " ...", file=sys.stderr)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        print("silkgraph failed: " + p.stderr, file=sys.stderr)
        return None
    times = [float(m) / 1000 for m in re.findall(r"Time: ([0-9.]+) ms", p.stderr + p.stdout)]
    count = int(p.stdout.strip().splitlines()[-1])
    if count != rows or len(times) < 2:
        print("silkgraph: unexpected output: %r %r" % (p.stdout, p.stderr), file=sys.stderr)
        return None
    return {"merge_create_seconds": times[0], "merge_update_seconds": times[1]}


def kuzu(data, csv):
    script = os.path.join(HERE, "load_csv_kuzu.js")
    module = os.path.join(HERE, "peers", "node_modules", "kuzu", "kuzujs.node")
    if not os.path.exists(module):
        print("kuzu: %s missing (make bench-peers installs it)" % module, file=sys.stderr)
        return None
    p = subprocess.run(["node", script, os.path.join(data, "kuzu"), csv], capture_output=True,
                       text=True)
    if p.returncode != 0:
        print("kuzu failed: " + p.stderr, file=sys.stderr)
        return None
    return json.loads(p.stdout)


def cell(seconds, rows):
    return "—" if seconds is None else "%.2f s (%s rows/s)" % (seconds, format(int(rows / seconds), ","))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--engines", default="silkgraph,kuzu")
    ap.add_argument("--label", default="load-csv")
    a = ap.parse_args()
    data = os.path.join(HERE, "data", "load_csv")
    os.makedirs(data, exist_ok=True)
    csv = os.path.join(data, "rows.csv")
    generate(csv, a.rows)
    engines = a.engines.split(",")
    sg = silkgraph(a.build, data, a.rows) if "silkgraph" in engines else None
    kz = kuzu(data, csv) if "kuzu" in engines else None
    get = lambda d, k: d.get(k) if d else None
    lines = [
        "| %s rows, %s | silkgraph LOAD CSV MERGE | Kuzu LOAD FROM MERGE | Kuzu COPY |" % (
            format(a.rows, ","), datetime.date.today().isoformat()),
        "|---|---|---|---|",
        "| into an empty graph (creates) | %s | %s | %s |" % (
            cell(get(sg, "merge_create_seconds"), a.rows), cell(get(kz, "merge_create_seconds"), a.rows),
            cell(get(kz, "copy_seconds"), a.rows)),
        "| again (updates) | %s | %s | — |" % (
            cell(get(sg, "merge_update_seconds"), a.rows), cell(get(kz, "merge_update_seconds"), a.rows)),
    ]
    table = "\n".join(lines)
    print(table)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    out = os.path.join(HERE, "results", "%s-%s.md" % (datetime.date.today().isoformat(), a.label))
    with open(out, "w", encoding="utf-8") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
