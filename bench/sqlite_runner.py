#!/usr/bin/python3
# SQLite side of `make bench-peers` (Debian's python3 sqlite3 module, in-memory database).
# Load = inserting nations, borders and SUPPLIES from the same CSV files plus building the
# indexes of queries/sqlite_schema.sql; then each queries/qN.sql runs once as warm-up and
# RUNS timed times. Prints one JSON document (format: run_peers.py).
#
#   sqlite_runner.py DATA RUNS [SCHEMA.sql]
#
# SCHEMA.sql (default queries/sqlite_schema.sql) chooses other indexes, e.g.
# queries/sqlite_schema_index_ddl.sql (bench/run_index_ddl.py).
import csv
import json
import os
import resource
import sqlite3
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QDIR = os.path.join(HERE, "queries")


def rows_of(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        yield from r


def main():
    data, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    schema = sys.argv[3] if len(sys.argv) > 3 else os.path.join(QDIR, "sqlite_schema.sql")
    ddl = open(schema, encoding="utf-8").read()
    tables, indexes = ddl.split("-- @indexes")
    indexes = indexes.split("\n", 1)[1]  # drop the rest of the marker line
    t0 = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.executescript(tables)
    db.executemany(
        "INSERT INTO nation VALUES (?,?,?,?)",
        ((r[0], r[2], r[3] or None, r[4] or None) for r in rows_of(os.path.join(data, "nations.csv"))),
    )
    db.executemany(
        "INSERT INTO borders VALUES (?,?)",
        ((r[0], r[1]) for r in rows_of(os.path.join(data, "borders.csv"))),
    )
    db.executemany(
        "INSERT INTO supplies VALUES (?,?,?,?,?)",
        ((r[0], r[1], r[3], int(r[4]), float(r[5])) for r in rows_of(os.path.join(data, "supplies.csv"))),
    )
    db.executescript(indexes)
    db.commit()
    load_ms = (time.perf_counter() - t0) * 1000
    out = {"engine": "sqlite", "version": sqlite3.sqlite_version, "load_ms": load_ms, "queries": {}}
    for q in range(1, 9):
        path = os.path.join(QDIR, "q%d.sql" % q)
        if not os.path.exists(path):
            continue
        sql = open(path, encoding="utf-8").read()
        times, rows, cols = [], None, None
        i, spent = 0, 0.0
        # Fast queries run more often (until 1 s of timed runs, at most 200), as in bench_silkgraph.
        while i <= runs or (spent < 1000 and i <= 200):
            s = time.perf_counter()
            cur = db.execute(sql)
            got = cur.fetchall()
            ms = (time.perf_counter() - s) * 1000
            if i == 0:
                rows = [list(r) for r in got]
                cols = [d[0] for d in cur.description]
            else:
                times.append(ms)
                spent += ms
            i += 1
        out["queries"]["Q%d" % q] = {
            "median_ms": statistics.median(times),
            "min_ms": min(times),
            "runs": len(times),
            "columns": cols,
            "rows": rows,
        }
    out["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
