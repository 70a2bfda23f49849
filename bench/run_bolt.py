#!/usr/bin/env python3
"""Bolt benchmark (issue 15; docs/benchmarks.md, "The Bolt server"; docs/server.md): a point
query, MATCH (n:Nation {id: $id}) RETURN n.name AS name with a random one of the 250 nation
ids each time, on the benchmark graph (bench_generate --n N, bench/data/, as make bench-peers
makes it), measured three ways:

- over Bolt: `silkgraph serve DATA --no-auth` and the official neo4j-driver for Node
  (bench/bolt_clients.js), with 1, 8 and 32 concurrent sessions spread over up to --procs
  Node processes (one Node process is single-threaded and would itself be the limit);
- over Bolt without a driver: a minimal Bolt 4.4 client in this script (one connection,
  RUN and PULL sent together, the answer read whole), so the server's own cost per query
  shows apart from the driver's;
- in process in Kuzu 0.11.3 (bench/bolt_kuzu.js: Node, a prepared statement, one Connection
  per concurrent client, the same counts of clients);
- in process in silkgraph's shell: `silkgraph DATA -f FILE` running K statements (the same
  query with literal ids) in one process; per statement = (time for K - time for 1) / (K - 1).

Reports queries per second and latency percentiles (p50, p95, p99) of each, and the protocol
overhead: Bolt's latency with one client minus the shell's time per statement (the statement
is parsed and planned each time both ways), with the driver (its own time in Node included)
and with the minimal client. Targets (issue 15): overhead under 50 us per small query; read throughput scaling with
the cores.

Run: make bench-bolt (N=1,000,000, 10 s per measurement), or for a quick check
     /usr/bin/python3 bench/run_bolt.py --n 100000 --seconds 2 --label bolt-small
Writes bench/results/DATE-LABEL.md; --update-docs puts it into docs/benchmarks.md.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def data_dir(build, n, seed):
    """bench_generate's graph for N, made once (the same cache as bench/run_peers.py)."""
    d = os.path.join(HERE, "data", "n%d-s%d" % (n, seed))
    if os.path.exists(os.path.join(d, ".complete")):
        return d
    tmp = d + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    log("generating N=%d into %s" % (n, d))
    subprocess.run([os.path.join(build, "bench", "bench_generate"), "--n", str(n), "--seed",
                    str(seed), "--out", tmp], check=True)
    open(os.path.join(tmp, ".complete"), "w").close()
    shutil.rmtree(d, ignore_errors=True)
    os.rename(tmp, d)
    return d


def install_driver(node_dir):
    if os.path.isdir(os.path.join(node_dir, "node_modules", "neo4j-driver")):
        return
    os.makedirs(node_dir, exist_ok=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", node_dir,
                    "neo4j-driver@6"], check=True, capture_output=True)


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[i]


def summarize(latencies, seconds, failures):
    lat = sorted(latencies)
    return {"queries": len(lat), "qps": len(lat) / seconds, "p50": percentile(lat, 50),
            "p95": percentile(lat, 95), "p99": percentile(lat, 99),
            "mean": sum(lat) / len(lat) if lat else float("nan"), "failures": failures}


def run_json(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (cmd[1], p.stderr[-2000:]))
    return json.loads(p.stdout)


def pack_str(text):
    b = text.encode("utf-8")
    if len(b) < 16:
        return bytes([0x80 | len(b)]) + b
    return (b"\xd0" + bytes([len(b)]) if len(b) < 256 else b"\xd1" + struct.pack(">H", len(b))) + b


def chunk(payload):
    return struct.pack(">H", len(payload)) + payload + b"\x00\x00"


class RawBolt:
    """A minimal Bolt 4.4 client: HELLO, then point queries as RUN + PULL in one send."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.sendall(b"\x60\x60\xb0\x17\x00\x00\x04\x04" + b"\x00" * 12)
        assert self.sock.recv(4) == b"\x00\x00\x04\x04"
        self.buf = b""
        self.sock.sendall(chunk(b"\xb1\x01\xa1\x8auser_agent\x83raw"))
        self.messages(1)

    def messages(self, count):
        """Reads until `count` SUCCESS/FAILURE messages have arrived; returns the RECORDs."""
        records = 0
        while count:
            while True:
                end = self.buf.find(b"\x00\x00")
                # A message is one or more chunks, then 00 00; ours are single small chunks.
                if len(self.buf) >= 2:
                    size = struct.unpack(">H", self.buf[:2])[0]
                    if len(self.buf) >= size + 4:
                        break
                part = self.sock.recv(65536)
                if not part:
                    raise RuntimeError("the server closed the connection")
                self.buf += part
            size = struct.unpack(">H", self.buf[:2])[0]
            tag = self.buf[3]
            self.buf = self.buf[size + 4:]
            if tag == 0x71:
                records += 1
            else:
                count -= 1
        return records

    def query(self, text, id_):
        self.sock.sendall(chunk(b"\xb3\x10" + pack_str(text) + b"\xa1\x82id" + pack_str(id_) +
                                b"\xa0") + chunk(b"\xb1\x3f\xa1\x81n\xff"))
        return self.messages(2)


def raw_bolt(args, port, ids):
    c = RawBolt(port)
    text = "MATCH (n:Nation {id: $id}) RETURN n.name AS name"
    latencies, failures, i = [], 0, 0
    for phase, length in (("warm-up", args.warmup), ("timed", args.seconds)):
        end = time.perf_counter() + length
        start = time.perf_counter()
        while time.perf_counter() < end:
            t = time.perf_counter()
            failures += c.query(text, ids[(i * 7919) % len(ids)]) != 1
            if phase == "timed":
                latencies.append((time.perf_counter() - t) * 1e6)
            i += 1
    c.sock.close()
    r = summarize(latencies, time.perf_counter() - start, failures)
    log("raw Bolt client, 1 connection: %s" % fmt(r))
    return r


def bolt(args, data, ids_file, node_dir, ids):
    server = subprocess.Popen([args.binary, "serve", data, "--no-auth", "--bolt", "127.0.0.1:0"],
                              stderr=subprocess.PIPE, text=True)
    port = None
    for line in server.stderr:
        m = re.search(r"Bolt listening on 127\.0\.0\.1:(\d+)", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        raise RuntimeError("the server did not start")
    env = dict(os.environ, NODE_PATH=os.path.join(node_dir, "node_modules"))
    out = {}
    try:
        out["raw"] = raw_bolt(args, port, ids)
        for clients in args.clients:
            procs = max(1, min(clients, args.procs))
            share = [clients // procs + (1 if i < clients % procs else 0) for i in range(procs)]
            running = [subprocess.Popen(
                ["node", os.path.join(HERE, "bolt_clients.js"), "bolt://127.0.0.1:%d" % port,
                 str(s), str(args.seconds), str(args.warmup), ids_file],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for s in share]
            latencies, failures, seconds = [], 0, 0.0
            for p in running:
                o, e = p.communicate()
                if p.returncode != 0:
                    raise RuntimeError("bolt_clients.js failed:\n" + e[-2000:])
                d = json.loads(o)
                latencies += d["latencies_us"]
                failures += d["failures"]
                seconds = max(seconds, d["seconds"])
            out[clients] = summarize(latencies, seconds, failures)
            out[clients]["procs"] = procs
            log("bolt, %d clients: %s" % (clients, fmt(out[clients])))
    finally:
        server.terminate()
        server.communicate(timeout=60)
    return out


def kuzu(args, data, ids_file):
    if not os.path.exists(os.path.join(HERE, "peers", "node_modules", "kuzu", "kuzujs.node")):
        return None
    out = {}
    for clients in args.clients:
        d = run_json(["node", os.path.join(HERE, "bolt_kuzu.js"), data, str(clients),
                      str(args.seconds), str(args.warmup), ids_file])
        out[clients] = summarize(d["latencies_us"], d["seconds"], d["failures"])
        log("kuzu, %d clients: %s" % (clients, fmt(out[clients])))
    return out


def shell(args, data, ids):
    """Microseconds per statement of the shell running many in one process (best of 3)."""
    with tempfile.TemporaryDirectory(prefix="sg-bench-bolt-") as tmp:
        def script(k):
            path = os.path.join(tmp, "q%d.cypher" % k)
            with open(path, "w", encoding="utf-8") as f:
                for i in range(k):
                    f.write("MATCH (n:Nation {id: '%s'}) RETURN n.name AS name;\n"
                            % ids[(i * 7919) % len(ids)])
            return path

        def best(path):
            times = []
            for _ in range(3):
                t = time.perf_counter()
                subprocess.run([args.binary, data, "-f", path, "--format", "csv"], check=True,
                               stdout=subprocess.DEVNULL)
                times.append(time.perf_counter() - t)
            return min(times)

        k = args.statements
        many, one = best(script(k)), best(script(1))
        us = (many - one) / (k - 1) * 1e6
        log("shell: %.1f us per statement (%d statements: %.3f s, 1: %.3f s)" % (us, k, many, one))
        return {"us_per_statement": us, "statements": k, "seconds_many": many, "seconds_one": one}


def fmt(r):
    return ("%.0f queries/s, p50 %.0f us, p95 %.0f us, p99 %.0f us (%d queries, %d failed)"
            % (r["qps"], r["p50"], r["p95"], r["p99"], r["queries"], r["failures"]))


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read()).group(1)
    except (OSError, AttributeError):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=HERE).stdout.strip()
    return "%s, %d cores (nproc); silkgraph commit %s" % (cpu, os.cpu_count(), commit)


def report(args, results):
    b, k, s = results["bolt"], results["kuzu"], results["shell"]
    check = args.n != 1_000_000 or args.seconds < 10
    head = ["**A small check run (--n %d, %g s per line), not the benchmark: on a busy machine "
            "these figures are mostly noise.**" % (args.n, args.seconds), ""] if check else []
    lines = head + ["Machine: %s. N = %d, %g s timed after %g s of warm-up per line; load average "
             "%s before, %s after." % (machine(), args.n, args.seconds, args.warmup,
                                       results["load_before"], results["load_after"]), "",
             "| clients | Bolt queries/s | Bolt p50 / p95 / p99 (us) | Kuzu in process "
             "queries/s | Kuzu p50 / p95 / p99 (us) |", "|---|---|---|---|---|"]
    for c in args.clients:
        kz = ("%.0f | %.0f / %.0f / %.0f" % (k[c]["qps"], k[c]["p50"], k[c]["p95"], k[c]["p99"])
              if k else "not run (no bench/peers Kuzu) | -")
        lines.append("| %d | %.0f | %.0f / %.0f / %.0f | %s |"
                     % (c, b[c]["qps"], b[c]["p50"], b[c]["p95"], b[c]["p99"], kz))
    one = args.clients[0]
    raw = b["raw"]
    lines += ["", "Minimal Bolt client (this script, one connection): %.0f queries/s, p50 / p95 / "
              "p99 %.0f / %.0f / %.0f us." % (raw["qps"], raw["p50"], raw["p95"], raw["p99"]),
              "", "silkgraph's shell, in process: %.1f us per statement (%d statements in %.3f s, "
              "1 in %.3f s)." % (s["us_per_statement"], s["statements"], s["seconds_many"],
                                 s["seconds_one"]), ""]
    for who, p50 in (("the minimal client", raw["p50"]), ("neo4j-driver", b[one]["p50"])):
        overhead = p50 - s["us_per_statement"]
        lines.append("Protocol overhead with %s (its p50 with one client minus the shell's time "
                     "per statement): %.0f us (target under 50 us: %s)." %
                     (who, overhead, "met" if overhead < 50 else "NOT met"))
    top = args.clients[-1]
    lines.append("Read throughput with %d clients: %.2f times that with %d (%d cores)."
                 % (top, b[top]["qps"] / b[one]["qps"], one, os.cpu_count()))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20241104)
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--procs", type=int, default=4, help="Node processes for the Bolt clients")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--warmup", type=float, default=2)
    ap.add_argument("--statements", type=int, default=20000, help="for the shell")
    ap.add_argument("--label", default="bolt")
    ap.add_argument("--update-docs", action="store_true")
    args = ap.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    args.binary = os.path.join(args.build, "silkgraph")
    node_dir = os.path.join(args.build, "node")
    install_driver(node_dir)
    data = data_dir(args.build, args.n, args.seed)
    with open(os.path.join(data, "kuzu", "nation.csv"), encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    results = {"load_before": "%.2f" % os.getloadavg()[0]}
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(ids) + "\n")
        ids_file = f.name
    try:
        results["bolt"] = bolt(args, data, ids_file, node_dir, ids)
        results["kuzu"] = kuzu(args, data, ids_file)
        results["shell"] = shell(args, data, ids)
    finally:
        os.unlink(ids_file)
    results["load_after"] = "%.2f" % os.getloadavg()[0]
    text = report(args, results)
    print(text)
    when = datetime.date.today().isoformat()
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "%s-%s.md" % (when, args.label)), "w") as f:
        f.write(text + "\n")
    if args.update_docs:
        path = os.path.join(ROOT, "docs", "benchmarks.md")
        doc = open(path, encoding="utf-8").read()
        begin, end = "<!-- results:bolt:begin -->", "<!-- results:bolt:end -->"
        a, b = doc.index(begin) + len(begin), doc.index(end)
        with open(path, "w", encoding="utf-8") as f:
            f.write(doc[:a] + "\n" + text + "\n" + doc[b:])


if __name__ == "__main__":
    main()
