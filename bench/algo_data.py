"""The graphs of the algorithm benchmark (bench/run_algorithms.py), written once per size and
seed under bench/data/ in one shape every engine reads:

    nodes.csv   `i:ID,:LABEL` (silkgraph; Kuzu COPYs it into V(i, l))
    rels.csv    `:START_ID,:END_ID,:TYPE` (silkgraph)
    edges.txt   `u v` per line, node indexes 0..n-1 (igraph's Read_Edgelist, NetworkX, Kuzu)
    meta.json   {"n": nodes, "m": relationships, "kind": ..., "source": ...}

Two kinds:
- powerlaw: n nodes, each new node v linking to `m // (n - 1)` earlier nodes chosen with
  probability proportional to their degree (preferential attachment, Python's seeded
  random.Random), stopping at m relationships; no parallel relationships (a repeated pick for
  the same v is drawn again), so simple-graph engines see the same graph.
- supplies: the Nation nodes and SUPPLIES relationships of the issue-4 benchmark graph
  (bench_generate --n N, docs/benchmarks.md), parallel relationships kept as they are.
"""
import json
import os
import random
import subprocess
from array import array


def _write(out, n, edges_iter, meta):
    os.makedirs(out, exist_ok=True)
    tmp = out + ".partial"
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "nodes.csv"), "w") as f:
        f.write("i:ID,:LABEL\n")
        f.writelines(f"{i},V\n" for i in range(n))
    m = 0
    with open(os.path.join(tmp, "rels.csv"), "w") as rels, \
            open(os.path.join(tmp, "edges.txt"), "w") as txt:
        rels.write(":START_ID,:END_ID,:TYPE\n")
        for u, v in edges_iter:
            rels.write(f"{u},{v},E\n")
            txt.write(f"{u} {v}\n")
            m += 1
    meta = dict(meta, n=n, m=m)
    with open(os.path.join(tmp, "meta.json"), "w") as f:
        json.dump(meta, f)
    for name in os.listdir(tmp):
        os.replace(os.path.join(tmp, name), os.path.join(out, name))
    os.rmdir(tmp)
    return meta


def powerlaw_edges(n, m, seed):
    rng = random.Random(seed)
    targets = array("I", [0])  # every endpoint so far: picking from it is degree-proportional
    per_node = max(1, m // max(1, n - 1))
    made = 0
    for v in range(1, n):
        picked = set()
        for _ in range(4 * per_node):
            if made >= m or len(picked) == per_node:
                break
            u = targets[rng.randrange(len(targets))]
            if u in picked:
                continue
            picked.add(u)
            made += 1
            targets.append(u)
            yield v, u
        targets.extend([v] * max(1, len(picked)))


def powerlaw(data_root, n, m, seed):
    out = os.path.join(data_root, f"algo-powerlaw-n{n}-m{m}-s{seed}")
    if os.path.exists(os.path.join(out, "meta.json")):
        return out, json.load(open(os.path.join(out, "meta.json")))
    meta = {"kind": "powerlaw", "seed": seed,
            "source": "synthetic: preferential attachment (bench/algo_data.py)"}
    return out, _write(out, n, powerlaw_edges(n, m, seed), meta)


def supplies(data_root, n, seed, build):
    """The SUPPLIES graph of bench_generate --n N (generated first when missing)."""
    src = os.path.join(data_root, f"n{n}-s{seed}")
    if not os.path.exists(os.path.join(src, "supplies.csv")):
        subprocess.run([os.path.join(build, "bench", "bench_generate"), "--n", str(n),
                        "--seed", str(seed), "--out", src], check=True)
    out = os.path.join(data_root, f"algo-supplies-n{n}-s{seed}")
    if os.path.exists(os.path.join(out, "meta.json")):
        return out, json.load(open(os.path.join(out, "meta.json")))
    index = {}
    with open(os.path.join(src, "nations.csv")) as f:
        next(f)
        for line in f:
            index.setdefault(line.split(",", 1)[0], len(index))

    def edges():
        with open(os.path.join(src, "supplies.csv")) as f:
            next(f)
            for line in f:
                a, b, _ = line.split(",", 2)
                yield index[a], index[b]

    meta = {"kind": "supplies", "seed": seed,
            "source": f"Nation and SUPPLIES of bench_generate --n {n} --seed {seed}"}
    return out, _write(out, len(index), edges(), meta)


def read_edges(directory):
    """(n, [(u, v), ...]) of a dataset, for the Python engines."""
    meta = json.load(open(os.path.join(directory, "meta.json")))
    edges = []
    with open(os.path.join(directory, "edges.txt")) as f:
        for line in f:
            u, v = line.split()
            edges.append((int(u), int(v)))
    return meta["n"], edges
