#!/usr/bin/env python3
"""Crash test of the write-ahead log, as SQLite does it (tests/crash/README.md).

1. Kills: a writer child (crash_writer) runs a random stream of statements and explicit
   transactions on one database file and is killed with SIGKILL at a random moment, again
   and again. After each kill the database is opened read-only with the real `silkgraph`
   binary and compared with a model of every commit the child acknowledged: all of them
   present, none partly applied, nothing else (the one commit in flight when the child died
   may be there whole or not at all).
2. Faults: a write or flush of the log or of a checkpoint fails (LD_PRELOAD fail_writes):
   the statement is refused with an error saying nothing was committed, and the database
   reopens with exactly the previous state.

usage: crash_test.py SILKGRAPH CRASH_WRITER FAIL_WRITES_SO [--kills N] [--seed S]
"""
import argparse
import csv
import io
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import time


def apply(model, ops):
    nodes, rels = model
    for op in ops.split(";"):
        w = op.split()
        kind, i = w[0], int(w[1])
        if kind == "c":
            nodes[i] = [int(w[2]), 0]
            if int(w[3]) >= 0:
                rels[i] = [int(w[3]), int(w[4])]
        elif kind == "u" and i in nodes:
            nodes[i] = [int(w[2]), nodes[i][1] + 1]
        elif kind == "w" and i in rels:
            rels[i][1] += 1
        elif kind == "d" and i in nodes:
            del nodes[i]
            rels.pop(i, None)
            for src in [s for s, (dst, _) in rels.items() if dst == i]:
                del rels[src]


def copy_model(model):
    return ({k: list(v) for k, v in model[0].items()}, {k: list(v) for k, v in model[1].items()})


def expected_rows(model):
    nodes, rels = model
    rows = []
    for i in sorted(nodes):
        v, u = nodes[i]
        b, w = rels.get(i, ["", ""])
        rows.append([str(i), str(v), str(u), "n%d" % i, "1", str(b), str(w)])
    return rows


QUERY = ("MATCH (n) OPTIONAL MATCH (n)-[r]->(m) "
         "RETURN n.id, n.v, coalesce(n.u, 0), n.tag, size(labels(n)), m.id, r.w ORDER BY n.id")


def db_rows(silkgraph, db):
    p = subprocess.run([silkgraph, db, "--read-only", "--format", "csv", "-c", QUERY],
                       capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise AssertionError("reopening failed (status %d): %s" % (p.returncode, p.stderr))
    rows = list(csv.reader(io.StringIO(p.stdout)))[1:]
    return rows, p.stderr


def run_kills(args, workdir, rng):
    db = os.path.join(workdir, "crash.sg")
    model = ({}, {})
    committed = 0
    in_flight_applied = 0
    for k in range(args.kills):
        checkpoint = rng.choice([2048, 16384, 1 << 40])
        child = subprocess.Popen(
            [args.writer, db, str(rng.randrange(1 << 30)), str((k + 1) * 1000000), str(checkpoint)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out = b""
        deadline = None
        while True:
            r, _, _ = select.select([child.stdout], [], [], 0.005)
            if r:
                chunk = os.read(child.stdout.fileno(), 65536)
                if not chunk:
                    break
                out += chunk
                if deadline is None and out.startswith(b"R\n"):
                    deadline = time.monotonic() + rng.uniform(0.0, 0.06)
            if child.poll() is not None:
                break
            if deadline is not None and time.monotonic() >= deadline:
                child.send_signal(signal.SIGKILL)
                break
            if deadline is None and len(out) == 0 and child.poll() is None:
                continue
        child.wait()
        out += child.stdout.read()
        err = child.stderr.read().decode()
        if child.returncode != -signal.SIGKILL:
            raise AssertionError("the writer stopped by itself (status %s): %s" % (child.returncode, err))
        lines = out.decode().split("\n")
        if lines[-1] != "":
            lines = lines[:-1]  # a line cut by the kill: its unit was not acknowledged
        pending = None
        for line in lines:
            if line.startswith("B "):
                pending = line[2:]
            elif line == "A":
                apply(model, pending)
                committed += 1
                pending = None
        rows, warnings = db_rows(args.silkgraph, db)
        if rows == expected_rows(model):
            pass
        elif pending is not None:
            with_pending = copy_model(model)
            apply(with_pending, pending)
            if rows != expected_rows(with_pending):
                raise AssertionError(mismatch(k, rows, model, pending))
            model = with_pending
            in_flight_applied += 1
        else:
            raise AssertionError(mismatch(k, rows, model, pending))
    print("kills: %d, acknowledged commits: %d, in-flight commits found applied: %d, nodes now: %d"
          % (args.kills, committed, in_flight_applied, len(model[0])))
    return db, model


def mismatch(k, rows, model, pending):
    exp = expected_rows(model)
    got = {r[0]: r for r in rows}
    want = {r[0]: r for r in exp}
    diff = [("db", got.get(i), "model", want.get(i)) for i in sorted(set(got) | set(want), key=int)
            if got.get(i) != want.get(i)]
    return "after kill %d the database differs from the model (pending: %r): %r" % (k, pending, diff[:10])


def run_faults(args, workdir, db, model):
    env_base = dict(os.environ)
    # After a clean close there is no log; the faulty run's open creates it empty, and its
    # first commit writes and flushes the header, then writes and flushes the record: the
    # header is the 1st write and flush, the record the 2nd of each.
    cases = [
        ("sync", ".wal", "1", "flush of the log"),
        ("write", ".wal", "1", "write of the log"),
        ("sync", ".wal", "0", "flush of the log's header"),
        ("write", ".wal", "0", "write of the log's header"),
    ]
    for on, path, after, what in cases:
        subprocess.run([args.silkgraph, db, "-c", "RETURN 1"], check=True, capture_output=True)
        env = dict(env_base, LD_PRELOAD=os.path.abspath(args.fail_so), SG_FAIL_ON=on,
                   SG_FAIL_PATH=path, SG_FAIL_AFTER=after)
        p = subprocess.run([args.silkgraph, db, "-c", "CREATE (:P {id: -1, v: 0, tag: 'n-1'})"],
                           capture_output=True, text=True, env=env, timeout=60)
        if "does not come first" in p.stderr:
            print("faults: skipped (a sanitizer build cannot preload the fault library)")
            return
        if p.returncode == 0 or "not committed" not in p.stderr:
            raise AssertionError("a failed %s must fail the statement and say so: rc %d, %s"
                                 % (what, p.returncode, p.stderr))
        rows, _ = db_rows(args.silkgraph, db)
        if rows != expected_rows(model):
            raise AssertionError("a failed %s changed the database" % what)
        print("faults: failed %s -> %s" % (what, p.stderr.strip().splitlines()[0]))
    # A checkpoint that cannot write the new file: the commit stands (it is in the log), the
    # old file and no temporary file remain, and the next open has everything.
    env = dict(env_base, LD_PRELOAD=os.path.abspath(args.fail_so), SG_FAIL_ON="write",
               SG_FAIL_PATH=".tmp.", SG_FAIL_AFTER="0")
    p = subprocess.run([args.silkgraph, db, "-c", "CREATE (:P {id: -2, v: 0, tag: 'n-2'})"],
                       capture_output=True, text=True, env=env, timeout=60)
    if p.returncode == 0 or "cannot write" not in p.stderr:
        raise AssertionError("a failed checkpoint must be reported: rc %d, %s" % (p.returncode, p.stderr))
    apply(model, "c -2 0 -1 0")
    rows, _ = db_rows(args.silkgraph, db)
    if rows != expected_rows(model):
        raise AssertionError("after a failed checkpoint the log must still hold the commit")
    leftovers = [f for f in os.listdir(workdir) if ".tmp." in f]
    if leftovers:
        raise AssertionError("temporary files left behind: %r" % leftovers)
    print("faults: failed checkpoint write -> %s" % p.stderr.strip().splitlines()[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("silkgraph")
    ap.add_argument("writer")
    ap.add_argument("fail_so")
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print("seed %d (rerun with --seed %d)" % (seed, seed))
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="sg-crash-") as workdir:
        db, model = run_kills(args, workdir, rng)
        run_faults(args, workdir, db, model)
    print("ok")


if __name__ == "__main__":
    main()
