#!/usr/bin/python3
# SQLite side of `make bench-writes` (bench/run_writes.py): the same write workloads as
# bench/writes_silkgraph.cpp on a database file with journal_mode=WAL and synchronous=FULL
# (every commit flushed), through Debian's python3 sqlite3 module. Prints one JSON document.
#
#   writes_sqlite.py DIR [--autocommit N] [--batch N] [--merge M] [--recovery-mib L]
import argparse
import json
import os
import shutil
import sqlite3
import time


def fresh(d, name):
    path = os.path.join(d, name + ".sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)  # autocommit unless BEGIN
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    return path, db


def autocommit(d, n):
    _, db = fresh(d, "autocommit")
    db.execute("CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT)")
    cpu = time.process_time()
    t = time.perf_counter()
    for i in range(n):
        db.execute("INSERT INTO item VALUES (?, ?)", (i, "item %d" % i))
    s = time.perf_counter() - t
    return {"statements": n, "seconds": s, "cpu_seconds": time.process_time() - cpu,
            "per_second": n / s}


def batch(d, n):
    _, db = fresh(d, "batch")
    db.execute("CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT)")
    t = time.perf_counter()
    db.execute("BEGIN")
    for i in range(n):
        db.execute("INSERT INTO item VALUES (?, ?)", (i, "item %d" % i))
    db.execute("COMMIT")
    s = time.perf_counter() - t
    return {"statements": n, "seconds": s, "per_second": n / s}


def merge(d, m):
    _, db = fresh(d, "merge")
    db.execute("CREATE TABLE nation(id TEXT PRIMARY KEY, name TEXT, population INTEGER, area REAL)")
    rows = [("N%07d" % i, "Nation %d" % i, 1000 + (i * 7919) % 100000000,
             ((i * 104729) % 1000000) / 10) for i in range(m)]
    t = time.perf_counter()
    db.execute("BEGIN")
    db.executemany("INSERT INTO nation VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                   "name = excluded.name, population = excluded.population, area = excluded.area",
                   rows)
    db.execute("COMMIT")
    s = time.perf_counter() - t
    return {"rows": m, "seconds": s, "per_second": m / s}


def recovery(d, mib):
    path, db = fresh(d, "recovery")
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT)")
    i = 0
    while os.path.getsize(path + "-wal") < mib << 20:
        db.execute("BEGIN")
        db.executemany("INSERT INTO item VALUES (?, ?)", ((k, "item %d" % k) for k in range(i, i + 1000)))
        db.execute("COMMIT")
        i += 1000
    copy = os.path.join(d, "recovery-copy.sqlite")
    for suffix in ("", "-wal"):
        shutil.copyfile(path + suffix, copy + suffix)  # as a crash leaves them (no -shm)
    db.close()
    size = os.path.getsize(copy + "-wal")
    t = time.perf_counter()
    c = sqlite3.connect(copy)
    n = c.execute("SELECT count(*) FROM item").fetchone()[0]
    s = time.perf_counter() - t
    return {"log_bytes": size, "rows": n, "seconds": s, "mib_per_second": size / (1 << 20) / s}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--autocommit", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=100000)
    ap.add_argument("--merge", type=int, default=1000000)
    ap.add_argument("--recovery-mib", type=int, default=1024)
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    out = {"engine": "sqlite", "version": sqlite3.sqlite_version}
    if a.autocommit > 0:
        out["autocommit"] = autocommit(a.dir, a.autocommit)
    if a.batch > 0:
        out["batch"] = batch(a.dir, a.batch)
    if a.merge > 0:
        out["merge"] = merge(a.dir, a.merge)
    if a.recovery_mib > 0:
        out["recovery"] = recovery(a.dir, a.recovery_mib)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
