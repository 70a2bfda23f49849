# Q2 and Q4 written for NetworkX (imported by bench/nx_runner.py). The graph is a DiGraph of
# nations with one edge per (supplier, customer) pair: parallel SUPPLIES collapse, which
# changes neither the two-hop reach nor a shortest path.
import networkx as nx


def q2(g):
    """Distinct nations reachable from KOR in exactly two SUPPLIES hops."""
    return [[len({c for m in g.successors("KOR") for c in g.successors(m)})]]


def q4(g):
    """Shortest SUPPLIES path KOR -> TKL (bidirectional BFS)."""
    path = nx.shortest_path(g, "KOR", "TKL")
    return [[path, len(path) - 1]]


QUERIES = {"Q2": q2, "Q4": q4}
