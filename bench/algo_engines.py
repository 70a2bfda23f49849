"""One engine of the algorithm benchmark (bench/run_algorithms.py) in its own process, so that
its peak memory is its own: loads a dataset of bench/algo_data.py, runs the algorithms asked
for, times each (--runs times, after nothing else) and writes one JSON document:

    {"engine", "version", "load_s", "algorithms": {name: {"seconds": [...], "values": [...]}}, ...}

with "threads" (silkgraph's statement threads), "cpu_seconds" and "timed_seconds" (the
process's CPU time and the wall time of all timed calls). `values` is indexed by node (0..n-1): the PageRank score, the component (named by its
smallest node), the betweenness. What is timed:
- silkgraph (Python module, `threads=` --threads): `CALL algo.X(...) YIELD node, v RETURN
  count(*)`: the algorithm and its rows streamed into an aggregate inside the engine; the
  answers come from a second, untimed call returning every row;
- igraph (python3-igraph, C core): the method call, which returns a Python list;
- networkx (python3-networkx): the function call on a DiGraph (a MultiDiGraph when the dataset
  has parallel relationships), which returns a dict.

    python3 bench/algo_engines.py ENGINE DATASET OUT.json --algos pagerank,wcc,scc,betweenness
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from algo_data import read_edges  # noqa: E402

ITERATIONS = 20  # PageRank iterations where the engine lets them be fixed


CPU = []  # the process's CPU time of each timed call, in order


def timed(runs, f):
    secs, out = [], None
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        out = f()
        secs.append(time.perf_counter() - t)
        CPU.append(time.process_time() - c)
    return secs, out


def canonical(labels):
    """Components named by their smallest node."""
    first = {}
    return [first.setdefault(c, i) for i, c in enumerate(labels)]


def run_silkgraph(args, n):
    sys.path.insert(0, os.path.join(args.build, "python"))
    import silkgraph
    t = time.perf_counter()
    db = silkgraph.Database([os.path.join(args.dataset, "nodes.csv"),
                             os.path.join(args.dataset, "rels.csv")], threads=args.threads)
    load = time.perf_counter() - t
    calls = {
        "pagerank": (f"algo.pageRank({{maxIterations: {ITERATIONS}, tolerance: 0}})", "score"),
        "wcc": ("algo.wcc()", "component"),
        "scc": ("algo.scc()", "component"),
        "betweenness": ("algo.betweenness()", "score"),
    }
    out = {}
    for name in args.algos:
        call, col = calls[name]
        secs, _ = timed(args.runs, lambda: db.execute(
            f"CALL {call} YIELD node, {col} RETURN count(*)").fetchall())
        values = [0.0] * n
        result = db.execute(f"CALL {call} YIELD node, {col} RETURN node.i, {col}")
        while rows := result.fetchmany(10_000):  # not all 1M rows as tuples at once
            for i, v in rows:
                values[int(i)] = v
        del result
        out[name] = {"seconds": secs, "values": canonical(values) if col == "component" else values}
    return {"engine": "silkgraph", "version": "this tree", "threads": args.threads,
            "load_s": load, "algorithms": out}


def run_igraph(args, n):
    import igraph
    t = time.perf_counter()
    g = igraph.Graph.Read_Edgelist(os.path.join(args.dataset, "edges.txt"), directed=True)
    if g.vcount() < n:
        g.add_vertices(n - g.vcount())
    load = time.perf_counter() - t
    calls = {
        # PRPACK solves the PageRank system exactly: there is no iteration count to fix.
        "pagerank": lambda: g.pagerank(damping=0.85, directed=True),
        "wcc": lambda: g.connected_components(mode="weak").membership,
        "scc": lambda: g.connected_components(mode="strong").membership,
        "betweenness": lambda: g.betweenness(directed=True),
    }
    out = {}
    for name in args.algos:
        secs, values = timed(args.runs, calls[name])
        out[name] = {"seconds": secs,
                     "values": canonical(values) if name in ("wcc", "scc") else list(values)}
    return {"engine": "igraph", "version": igraph.__version__, "load_s": load, "algorithms": out}


def run_networkx(args, n):
    import networkx as nx
    t = time.perf_counter()
    _, edges = read_edges(args.dataset)
    multi = len(set(edges)) != len(edges)
    g = nx.MultiDiGraph() if multi else nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    del edges
    load = time.perf_counter() - t

    def by_node(mapping):
        return [mapping[i] for i in range(n)]

    def components(parts):
        labels = [0] * n
        for comp in parts:
            low = min(comp)
            for v in comp:
                labels[v] = low
        return labels

    calls = {
        # Converged (NetworkX stops at a tolerance, not after a fixed number of iterations).
        "pagerank": lambda: by_node(nx.pagerank(g, alpha=0.85, max_iter=10_000, tol=1e-12)),
        "wcc": lambda: components(nx.weakly_connected_components(g)),
        "scc": lambda: components(nx.strongly_connected_components(g)),
        "betweenness": lambda: by_node(nx.betweenness_centrality(g, normalized=False)),
    }
    out = {}
    for name in args.algos:
        secs, values = timed(args.runs, calls[name])
        out[name] = {"seconds": secs, "values": values}
    return {"engine": "networkx", "version": nx.__version__, "load_s": load, "algorithms": out}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("engine", choices=["silkgraph", "igraph", "networkx"])
    ap.add_argument("dataset")
    ap.add_argument("out")
    ap.add_argument("--algos", default="pagerank,wcc,scc")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--build", default="build")
    ap.add_argument("--threads", type=int, default=1, help="silkgraph's statement threads")
    args = ap.parse_args()
    args.algos = [a for a in args.algos.split(",") if a]
    n = json.load(open(os.path.join(args.dataset, "meta.json")))["n"]
    run = {"silkgraph": run_silkgraph, "igraph": run_igraph, "networkx": run_networkx}
    result = run[args.engine](args, n)
    result["cpu_seconds"] = sum(CPU)
    result["timed_seconds"] = sum(sum(a["seconds"]) for a in result["algorithms"].values())
    with open(args.out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
