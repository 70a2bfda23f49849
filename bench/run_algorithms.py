#!/usr/bin/env python3
"""Graph algorithms (issue 12): silkgraph's algo.* procedures against NetworkX on one generated
power-law graph, answers cross-checked. Run it small to check it works:

    python3 bench/run_algorithms.py --nodes 20000 --rels 100000 --build build

The graph: --nodes nodes, each new node linking to existing ones with probability proportional
to their degree (preferential attachment, seeded) until --rels relationships exist. Times are
wall-clock seconds of the call alone (silkgraph: the CALL with count(*); NetworkX: the function
on an nx.DiGraph built beforehand). Betweenness runs on --betweenness-nodes nodes only (exact
Brandes is O(n m) for everyone). Not yet here: python3-igraph and Kuzu 0.11.3 (the issue's other
peers), peak memory, and a `make bench-peers` target; the lead's full comparison needs them.
"""
import argparse
import os
import random
import sys
import time


def power_law_edges(n, m, seed):
    rng = random.Random(seed)
    targets, edges, seen = [0], [], set()
    per_node = max(1, m // max(1, n - 1))
    for v in range(1, n):
        for _ in range(per_node):
            if len(edges) >= m:
                break
            u = rng.choice(targets)
            if (v, u) in seen:  # no parallel relationships: NetworkX's DiGraph would merge them
                continue
            seen.add((v, u))
            edges.append((v, u))
            targets.append(u)
        targets.append(v)
    return edges


def timed(f):
    t = time.perf_counter()
    out = f()
    return out, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=1_000_000)
    ap.add_argument("--rels", type=int, default=10_000_000)
    ap.add_argument("--betweenness-nodes", type=int, default=2000)
    ap.add_argument("--build", default="build")
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(args.build, "python"))
    import networkx as nx
    import silkgraph

    def graph(n, m):
        edges = power_law_edges(n, m, args.seed)
        db = silkgraph.Database()
        db.execute("UNWIND range(0, $n - 1) AS i CREATE (:V {i: i})", {"n": n})
        for k in range(0, len(edges), 100_000):
            db.execute("UNWIND $e AS e MATCH (a:V {i: e[0]}), (b:V {i: e[1]}) CREATE (a)-[:E]->(b)",
                       {"e": [list(e) for e in edges[k:k + 100_000]]})
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(edges)
        return db, g

    def ours(db, call, column):
        rows, secs = timed(lambda: db.execute(
            f"CALL {call} YIELD node, {column} RETURN node.i, {column}").fetchall())
        return dict(rows), secs

    db, g = graph(args.nodes, args.rels)
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} relationships")
    rows = []
    pr, t1 = ours(db, "algo.pageRank({maxIterations: 20, tolerance: 0})", "score")
    nxpr, t2 = timed(lambda: nx.pagerank(g, max_iter=10_000, tol=1e-12))
    # 20 fixed iterations against NetworkX's converged answer: within 1e-3 of each score.
    assert max(abs(pr[k] - nxpr[k]) for k in nxpr) < 1e-3
    rows.append(("pageRank (20 it)", t1, t2))
    wcc, t1 = ours(db, "algo.wcc()", "component")
    nxw, t2 = timed(lambda: list(nx.weakly_connected_components(g)))
    assert len(set(wcc.values())) == len(nxw)
    rows.append(("wcc", t1, t2))
    scc, t1 = ours(db, "algo.scc()", "component")
    nxs, t2 = timed(lambda: list(nx.strongly_connected_components(g)))
    assert len(set(scc.values())) == len(nxs)
    rows.append(("scc", t1, t2))
    n = min(args.betweenness_nodes, args.nodes)
    db2, g2 = graph(n, n * max(1, args.rels // max(1, args.nodes)))
    bc, t1 = ours(db2, "algo.betweenness()", "score")
    nxb, t2 = timed(lambda: nx.betweenness_centrality(g2, normalized=False))
    assert max(abs(bc[k] - nxb[k]) for k in nxb) < 1e-6
    rows.append((f"betweenness ({n} nodes)", t1, t2))
    print(f"{'algorithm':28} {'silkgraph s':>12} {'networkx s':>12}")
    for name, a, b in rows:
        print(f"{name:28} {a:12.3f} {b:12.3f}")
    print("answers cross-checked against NetworkX")


if __name__ == "__main__":
    main()
