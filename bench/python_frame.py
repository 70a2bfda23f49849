#!/usr/bin/env python3
"""Python module benchmark (docs/python.md, "Performance"; issue 14): 1,000,000 rows of four
columns (int, float, str, bool) into a pandas DataFrame through Result.to_df(), against
pandas.read_csv of the same rows from a CSV file and against Kuzu 0.11.3's Node.js client
reading the same rows with QueryResult.getAll() (bench/python_frame_kuzu.js, run after the
silkgraph part in its own process; skipped with a note when bench/peers has no Kuzu); and the
per-call overhead of a trivial query (execute + fetchone), with and without a prepared
statement.

Run: make bench-python (installs Kuzu into bench/peers with npm, as make bench-peers does), or
     PYTHONPATH=build/python /usr/bin/python3 bench/python_frame.py [--rows N] [--repeat R]
Prints the best of R runs of each measurement and the load average before and after.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "build", "python"))

import pandas as pd  # noqa: E402

import silkgraph  # noqa: E402

QUERY = ("UNWIND range(1, $n) AS i "
         "RETURN i AS id, i * 0.5 AS score, 'name' + toString(i % 1000) AS name, "
         "i % 7 = 0 AS flag")


def best(f, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--calls", type=int, default=20_000)
    ap.add_argument("--no-kuzu", action="store_true", help="skip the Kuzu comparison")
    args = ap.parse_args()
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())

    db = silkgraph.Database()
    params = {"n": args.rows}
    result = db.execute(QUERY, params)
    df = result.to_df()
    print(f"rows {len(df)}, dtypes {dict((k, str(v)) for k, v in df.dtypes.items())}")

    # execute() returns once the first rows are ready (results stream); len() runs the
    # statement to its end and keeps the rows in the engine's form, converting none.
    t_query = best(lambda: len(db.execute(QUERY, params)), args.repeat)
    t_convert = best(result.to_df, args.repeat)
    t_total = best(lambda: db.execute(QUERY, params).to_df(), args.repeat)

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rows.csv")
        df.to_csv(path, index=False)
        t_csv = best(lambda: pd.read_csv(path), args.repeat)

    print(f"len(execute) (engine only, no Python): {t_query * 1000:8.1f} ms")
    print(f"to_df of a finished result:            {t_convert * 1000:8.1f} ms")
    print(f"execute + to_df:                       {t_total * 1000:8.1f} ms")
    print(f"pandas.read_csv of the same rows:      {t_csv * 1000:8.1f} ms")
    print(f"to_df / read_csv:                      {t_convert / t_csv:8.2f}x")
    print(f"execute + to_df / read_csv:            {t_total / t_csv:8.2f}x")
    calls_overhead(db, args)
    if not args.no_kuzu:
        kuzu(args, t_total, df.iloc[-1].to_dict())
    print("load average after:  %.2f %.2f %.2f" % os.getloadavg())


def calls_overhead(db, args):
    prepared = db.prepare("RETURN 1")
    for label, q in (("execute('RETURN 1').fetchone()", "RETURN 1"),
                     ("execute(prepared).fetchone()", prepared)):
        def calls(q=q):
            for _ in range(args.calls):
                db.execute(q).fetchone()
        t = best(calls, args.repeat)
        print(f"per call, {label:34s} {t / args.calls * 1e6:8.1f} us")


def kuzu(args, t_total, last_row):
    """The same rows read by Kuzu's Node.js client; the ratio to silkgraph's execute + to_df.
    The last rows of both are compared, so that both computed the same values."""
    script = os.path.join(HERE, "python_frame_kuzu.js")
    if not os.path.exists(os.path.join(HERE, "peers", "node_modules", "kuzu", "kuzujs.node")):
        print("Kuzu: not installed in bench/peers (make bench-python installs it): skipped")
        return
    out = subprocess.run(["node", script, str(args.rows), str(args.repeat)], check=True,
                         capture_output=True, text=True).stdout
    k = json.loads(out)
    if k["rows"] != args.rows:
        sys.exit(f"Kuzu returned {k['rows']} rows, not {args.rows}")
    ours = {key: (v.item() if hasattr(v, "item") else v) for key, v in last_row.items()}
    if k["last"] != ours:
        sys.exit(f"the last rows differ: Kuzu {k['last']}, silkgraph {ours}")
    print(f"Kuzu {k['version']} (Node.js, 1 thread), {k['rows']} rows, last {k['last']}:")
    print(f"  query only:                          {k['query_ms']:8.1f} ms")
    print(f"  query + getAll():                    {k['total_ms']:8.1f} ms")
    print(f"  query + getAllSync():                {k['total_sync_ms']:8.1f} ms")
    print(f"Kuzu getAll() / silkgraph execute + to_df:     "
          f"{k['total_ms'] / (t_total * 1000):6.1f}x")
    print(f"Kuzu getAllSync() / silkgraph execute + to_df: "
          f"{k['total_sync_ms'] / (t_total * 1000):6.1f}x")


if __name__ == "__main__":
    main()
