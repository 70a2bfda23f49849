#!/usr/bin/python3
# NetworkX side of `make bench-peers` (Debian's python3-networkx). Load = building a DiGraph
# of the nations and their SUPPLIES edges from the same CSV files; then the queries of
# queries/networkx_queries.py run once as warm-up and RUNS timed times. Prints one JSON
# document (format: run_peers.py).
#
#   nx_runner.py DATA RUNS
import csv
import json
import os
import resource
import statistics
import sys
import time

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "queries"))
import networkx_queries  # noqa: E402


def main():
    data, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5
    t0 = time.perf_counter()
    g = nx.DiGraph()
    with open(os.path.join(data, "nations.csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        g.add_nodes_from((row[0], {"name": row[2]}) for row in r)
    with open(os.path.join(data, "supplies.csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        g.add_edges_from((row[0], row[1]) for row in r)
    load_ms = (time.perf_counter() - t0) * 1000
    out = {"engine": "networkx", "version": nx.__version__, "load_ms": load_ms, "queries": {}}
    for name, fn in networkx_queries.QUERIES.items():
        times, rows = [], None
        i, spent = 0, 0.0
        # Fast queries run more often (until 1 s of timed runs, at most 200), as in bench_silkgraph.
        while i <= runs or (spent < 1000 and i <= 200):
            s = time.perf_counter()
            got = fn(g)
            ms = (time.perf_counter() - s) * 1000
            if i == 0:
                rows = got
            else:
                times.append(ms)
                spent += ms
            i += 1
        out["queries"][name] = {
            "median_ms": statistics.median(times),
            "min_ms": min(times),
            "runs": len(times),
            "rows": rows,
        }
    out["peak_rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
