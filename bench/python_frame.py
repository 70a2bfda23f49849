#!/usr/bin/env python3
"""Python module benchmark (docs/python.md, "Performance"): 1,000,000 rows of four columns
(int, float, str, bool) into a pandas DataFrame through Result.to_df(), against
pandas.read_csv of the same rows from a CSV file; and the per-call overhead of a trivial
query (execute + fetchone), with and without a prepared statement.

Run: PYTHONPATH=build/python /usr/bin/python3 bench/python_frame.py [--rows N] [--repeat R]
Prints the best of R runs of each measurement.
"""

import argparse
import os
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
    args = ap.parse_args()

    db = silkgraph.Database()
    params = {"n": args.rows}
    result = db.execute(QUERY, params)
    df = result.to_df()
    print(f"rows {len(df)}, dtypes {dict((k, str(v)) for k, v in df.dtypes.items())}")

    t_query = best(lambda: db.execute(QUERY, params), args.repeat)
    t_convert = best(result.to_df, args.repeat)
    t_total = best(lambda: db.execute(QUERY, params).to_df(), args.repeat)

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "rows.csv")
        df.to_csv(path, index=False)
        t_csv = best(lambda: pd.read_csv(path), args.repeat)

    print(f"execute only (engine, GIL released):  {t_query * 1000:8.1f} ms")
    print(f"to_df of a finished result:            {t_convert * 1000:8.1f} ms")
    print(f"execute + to_df:                       {t_total * 1000:8.1f} ms")
    print(f"pandas.read_csv of the same rows:      {t_csv * 1000:8.1f} ms")
    print(f"to_df / read_csv:                      {t_convert / t_csv:8.2f}x")
    print(f"execute + to_df / read_csv:            {t_total / t_csv:8.2f}x")

    prepared = db.prepare("RETURN 1")
    for label, q in (("execute('RETURN 1').fetchone()", "RETURN 1"),
                     ("execute(prepared).fetchone()", prepared)):
        def calls(q=q):
            for _ in range(args.calls):
                db.execute(q).fetchone()
        t = best(calls, args.repeat)
        print(f"per call, {label:34s} {t / args.calls * 1e6:8.1f} us")


if __name__ == "__main__":
    main()
