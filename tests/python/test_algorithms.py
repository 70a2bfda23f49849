"""The algo.* procedures against NetworkX (python3-networkx) on seeded random graphs and on the
sample's land borders. Tolerances: PageRank scores within 1e-6 (both iterate to a tolerance of
1e-10 per node), betweenness within 1e-9 (both exact); everything else must be equal."""

import csv
import os

import networkx as nx
import pytest

from conftest import SAMPLE


def load(db, graph, weighted=False):
    """Creates graph's nodes as (:V {i}) and its edges as [:E {w}] (each undirected edge once)."""
    db.execute("UNWIND $ids AS i CREATE (:V {i: i})", {"ids": list(graph.nodes)})
    edges = [[u, v, float(d.get("w", 1.0))] for u, v, d in graph.edges(data=True)]
    db.execute("UNWIND $edges AS e MATCH (a:V {i: e[0]}), (b:V {i: e[1]}) "
               "CREATE (a)-[:E {w: e[2]}]->(b)", {"edges": edges})


def per_node(db, call, column="score"):
    rows = db.execute(f"CALL {call} YIELD node, {column} RETURN node.i AS i, {column} AS v")
    return {i: v for i, v in rows.fetchall()}


def partition(mapping):
    groups = {}
    for node, comp in mapping.items():
        groups.setdefault(comp, set()).add(node)
    return sorted(sorted(g) for g in groups.values())


def random_graph(seed, directed, n=80, p=0.04, weighted=False):
    g = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    if weighted:
        for k, (u, v) in enumerate(g.edges):
            g.edges[u, v]["w"] = 1.0 + (k * 7919 % 13)
    return g


SEEDS = [1, 2, 3]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [True, False])
def test_pagerank(db, seed, directed):
    g = random_graph(seed, directed)
    load(db, g)
    direction = "OUTGOING" if directed else "BOTH"
    ours = per_node(db, f"algo.pageRank({{direction: '{direction}', maxIterations: 1000, "
                        f"tolerance: 1e-10}})")
    theirs = nx.pagerank(g, alpha=0.85, max_iter=1000, tol=1e-10)
    assert ours.keys() == theirs.keys()
    for k in theirs:
        assert ours[k] == pytest.approx(theirs[k], abs=1e-6)


def load_files(tmp_path, graph):
    """A database loaded from CSV files of graph (so its relationships are in the compressed
    rows, which algo.pageRank reads directly), the edges' w as a float property."""
    import silkgraph
    nodes, rels = tmp_path / "nodes.csv", tmp_path / "rels.csv"
    nodes.write_text("i:ID,:LABEL\n" + "".join(f"{v},V\n" for v in graph.nodes))
    rels.write_text(":START_ID,:END_ID,:TYPE,w:float\n" + "".join(
        f"{u},{v},E,{float(d.get('w', 1.0))}\n" for u, v, d in graph.edges(data=True)))
    return silkgraph.Database([str(nodes), str(rels)])


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("direction", ["OUTGOING", "INCOMING"])
@pytest.mark.parametrize("weighted", [False, True])
def test_pagerank_compact_rows(db, tmp_path, seed, direction, weighted):
    """Loaded from files, pageRank reads the compressed rows directly; created with CREATE, it
    goes through the Boost view. Both give the same scores, and NetworkX's."""
    g = random_graph(seed, True, weighted=weighted)
    load(db, g)
    files = load_files(tmp_path, g)
    weight = ", weightProperty: 'w'" if weighted else ""
    call = (f"algo.pageRank({{direction: '{direction}', maxIterations: 1000, "
            f"tolerance: 1e-10{weight}}})")
    ours = {int(i): v for i, v in per_node(files, call).items()}  # an :ID column is a string
    created = per_node(db, call)
    nxg = g.reverse() if direction == "INCOMING" else g
    theirs = nx.pagerank(nxg, alpha=0.85, max_iter=1000, tol=1e-10,
                         weight="w" if weighted else None)
    assert ours == created
    assert ours.keys() == theirs.keys()
    for k in theirs:
        assert ours[k] == pytest.approx(theirs[k], abs=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_pagerank_parallel_relationships(db, tmp_path, seed):
    """Many parallel relationships, as in the SUPPLIES graph (here 30 nodes, 3,000
    relationships between at most 150 pairs, and a node without relationships out): over the
    compressed rows pageRank collapses them into counts. NetworkX's pagerank on the
    MultiDiGraph counts them too; created with CREATE (the Boost view, one addition per
    relationship), the scores after 20 iterations are the same but for rounding."""
    import random
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(30))
    ends = {u: rng.sample(range(30), 5) for u in range(29)}
    for _ in range(3000):
        u = rng.randrange(29)
        g.add_edge(u, rng.choice(ends[u]))
    load(db, g)
    files = load_files(tmp_path, g)
    converged = "algo.pageRank({maxIterations: 1000, tolerance: 1e-10})"
    ours = {int(i): v for i, v in per_node(files, converged).items()}
    theirs = nx.pagerank(g, alpha=0.85, max_iter=1000, tol=1e-10)
    assert ours.keys() == theirs.keys()
    for k in theirs:
        assert ours[k] == pytest.approx(theirs[k], abs=1e-6)
    twenty = "algo.pageRank({maxIterations: 20, tolerance: 0})"
    collapsed = {int(i): v for i, v in per_node(files, twenty).items()}
    created = per_node(db, twenty)
    for k in created:
        assert collapsed[k] == pytest.approx(created[k], rel=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
def test_betweenness(db, seed, directed, weighted):
    g = random_graph(seed, directed, weighted=weighted)
    load(db, g)
    direction = "OUTGOING" if directed else "BOTH"
    weight = ", weightProperty: 'w'" if weighted else ""
    for normalized in (False, True):
        ours = per_node(db, f"algo.betweenness({{direction: '{direction}'{weight}, "
                            f"normalized: {str(normalized).lower()}}})")
        theirs = nx.betweenness_centrality(g, normalized=normalized,
                                           weight="w" if weighted else None)
        for k in theirs:
            assert ours[k] == pytest.approx(theirs[k], abs=1e-9), (k, normalized)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("direction", ["OUTGOING", "INCOMING"])
def test_betweenness_compact_rows(db, tmp_path, seed, direction):
    """Loaded from files, unweighted betweenness runs its own Brandes over the compressed rows
    (breadth-first, no predecessor lists); created with CREATE, Boost's. Both give NetworkX's
    scores, normalised or not."""
    g = random_graph(seed, True)
    load(db, g)
    files = load_files(tmp_path, g)
    nxg = g.reverse() if direction == "INCOMING" else g
    for normalized in (False, True):
        call = (f"algo.betweenness({{direction: '{direction}', "
                f"normalized: {str(normalized).lower()}}})")
        ours = {int(i): v for i, v in per_node(files, call).items()}
        created = per_node(db, call)
        theirs = nx.betweenness_centrality(nxg, normalized=normalized)
        assert ours.keys() == theirs.keys() == created.keys()
        for k in theirs:
            assert ours[k] == pytest.approx(theirs[k], abs=1e-9), (k, normalized)
            assert ours[k] == pytest.approx(created[k], abs=1e-9), (k, normalized)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [True, False])
def test_betweenness_sources_and_sampling(db, tmp_path, seed, directed):
    """`sources`: the dependencies from those nodes only, scaled by n/k as NetworkX scales a
    sample of k (its betweenness_centrality_subset from those sources to every node, times
    n/k); `samplingSize` k with `samplingSeed`: the same as `sources` set to the k nodes it
    draws, the same draw for the same seed, every node when k >= n."""
    import silkgraph
    g = random_graph(seed, directed)
    load(db, g)
    files = load_files(tmp_path, g)
    direction = "OUTGOING" if directed else "BOTH"
    chosen = sorted(g.nodes)[seed::7]
    n, k = g.number_of_nodes(), len(chosen)
    subset = nx.betweenness_centrality_subset(g, chosen, list(g.nodes), normalized=False)
    for base in (db, files):
        given = {int(i): v for i, v in base.execute(
            f"MATCH (s:V) WHERE s.i IN $chosen WITH collect(s) AS s "
            f"CALL algo.betweenness({{direction: '{direction}', sources: s}}) "
            "YIELD node, score RETURN node.i, score",
            {"chosen": chosen if base is db else [str(c) for c in chosen]}).fetchall()}
        for v in g.nodes:
            assert given[v] == pytest.approx(subset[v] * n / k, abs=1e-9), v
    sample = per_node(db, f"algo.betweenness({{direction: '{direction}', samplingSize: 10, "
                          "samplingSeed: 5})")
    again = per_node(db, f"algo.betweenness({{direction: '{direction}', samplingSize: 10, "
                         "samplingSeed: 5})")
    assert sample == again
    everything = per_node(db, f"algo.betweenness({{direction: '{direction}', "
                              "samplingSize: 1000})")
    exact = nx.betweenness_centrality(g, normalized=False)
    for v in g.nodes:
        assert everything[v] == pytest.approx(exact[v], abs=1e-9), v
    assert sample != everything  # 10 of 80 sources: an estimate, not the exact scores
    for bad, message in (("samplingSize: 0", "whole number"), ("samplingSize: 2.5", "whole"),
                         ("sources: [1]", "must be a node"),
                         ("sources: [], samplingSize: 3", "not both"),
                         ("samplingSize: 3, weightProperty: 'w'", "unweighted")):
        with pytest.raises(silkgraph.ArgumentError, match=message):
            db.execute(f"CALL algo.betweenness({{{bad}}})").fetchall()


@pytest.mark.parametrize("types", [1, 3])
def test_betweenness_compact_rows_parallel_relationships(db, tmp_path, types):
    """Parallel relationships, over one type's rows or several: the compressed-rows Brandes
    gives what Boost's gives on the same graph created with CREATE (each relationship a path)."""
    import random
    import silkgraph
    rng = random.Random(7)
    n = 60
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(240)]
    edges += edges[:40]  # 40 parallel pairs
    nodes, rels = tmp_path / "nodes.csv", tmp_path / "rels.csv"
    nodes.write_text("i:ID,:LABEL\n" + "".join(f"{v},V\n" for v in range(n)))
    rels.write_text(":START_ID,:END_ID,:TYPE\n" + "".join(
        f"{u},{v},E{k % types}\n" for k, (u, v) in enumerate(edges)))
    files = silkgraph.Database([str(nodes), str(rels)])
    db.execute("UNWIND range(0, $n - 1) AS i CREATE (:V {i: i})", {"n": n})
    db.execute("UNWIND $edges AS e MATCH (a:V {i: e[0]}), (b:V {i: e[1]}) "
               "CREATE (a)-[:E0]->(b)",
               {"edges": [[u, v] for u, v in edges]})
    call = "algo.betweenness()"
    ours = {int(i): v for i, v in per_node(files, call).items()}
    boost = per_node(db, call)
    assert ours.keys() == boost.keys()
    assert any(v > 0 for v in ours.values())
    for k in boost:
        assert ours[k] == pytest.approx(boost[k], abs=1e-9), k


@pytest.mark.parametrize("seed", SEEDS)
def test_components(db, seed):
    g = random_graph(seed, True, p=0.02)
    load(db, g)
    assert partition(per_node(db, "algo.wcc()", "component")) == \
        sorted(sorted(c) for c in nx.weakly_connected_components(g))
    assert partition(per_node(db, "algo.scc()", "component")) == \
        sorted(sorted(c) for c in nx.strongly_connected_components(g))


@pytest.mark.parametrize("seed", SEEDS)
def test_wcc_many_merges(tmp_path, seed):
    """wcc's union-find (Rem's, with splicing) on 3,000 nodes whose 2,600 relationships, in
    random order and direction, merge many trees: NetworkX's components, each named by the
    smallest id(node) in it."""
    import random
    import silkgraph
    rng = random.Random(seed)
    n = 3000
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(2600)]
    nodes, rels = tmp_path / "nodes.csv", tmp_path / "rels.csv"
    nodes.write_text("i:ID,:LABEL\n" + "".join(f"{v},V\n" for v in range(n)))
    rels.write_text(":START_ID,:END_ID,:TYPE\n" + "".join(f"{u},{v},E\n" for u, v in edges))
    g = nx.MultiDiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    db = silkgraph.Database([str(nodes), str(rels)])
    rows = db.execute("CALL algo.wcc() YIELD node, component "
                      "RETURN toInteger(node.i), id(node), component").fetchall()
    assert partition({i: c for i, _, c in rows}) == sorted(
        sorted(c) for c in nx.weakly_connected_components(g))
    smallest = {}
    for _, node_id, c in rows:
        smallest[c] = min(smallest.get(c, node_id), node_id)
    assert all(c == smallest[c] for c in smallest)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("types", [1, 3])
def test_components_compact_rows(tmp_path, seed, types):
    """Loaded from files, wcc, scc and pageRank read the compressed rows in place (one row per
    type: the out-edges of a node continue from one type's row to the next); after a CREATE
    they go through the Boost view. Both give NetworkX's components and scores."""
    import silkgraph
    g = random_graph(seed, True, p=0.03)
    nodes, rels = tmp_path / "nodes.csv", tmp_path / "rels.csv"
    nodes.write_text("i:ID,:LABEL\n" + "".join(f"{v},V\n" for v in g.nodes))
    rels.write_text(":START_ID,:END_ID,:TYPE\n" + "".join(
        f"{u},{v},E{k % types}\n" for k, (u, v) in enumerate(g.edges)))
    db = silkgraph.Database([str(nodes), str(rels)])

    def check():
        ours = lambda call: partition(
            {int(i): c for i, c in per_node(db, call, "component").items()})
        assert ours("algo.wcc()") == sorted(sorted(c) for c in nx.weakly_connected_components(g))
        assert ours("algo.scc()") == sorted(
            sorted(c) for c in nx.strongly_connected_components(g))
        assert ours("algo.scc({direction: 'INCOMING'})") == sorted(
            sorted(c) for c in nx.strongly_connected_components(g))
        for direction, nxg in (("OUTGOING", g), ("INCOMING", g.reverse())):
            scores = per_node(db, f"algo.pageRank({{direction: '{direction}', "
                                  "maxIterations: 1000, tolerance: 1e-10})")
            theirs = nx.pagerank(nxg, alpha=0.85, max_iter=1000, tol=1e-10)
            assert {int(i) for i in scores} == set(theirs)
            for i, v in scores.items():
                assert v == pytest.approx(theirs[int(i)], abs=1e-6)

    check()
    u, v = 0, max(g.nodes)  # a relationship in the delta: the view path
    db.execute("MATCH (a:V {i: $u}), (b:V {i: $v}) CREATE (a)-[:E0]->(b)",
               {"u": str(u), "v": str(v)})
    g.add_edge(u, v)
    check()


@pytest.mark.parametrize("seed", SEEDS)
def test_articulation_points_bridges_and_cores(db, seed):
    g = random_graph(seed, False, p=0.03)
    load(db, g)
    ours = db.execute("CALL algo.articulationPoints({direction: 'BOTH'}) YIELD node "
                      "RETURN node.i ORDER BY node.i").fetchall()
    assert [i for (i,) in ours] == sorted(nx.articulation_points(g))
    ours = db.execute("CALL algo.bridges() YIELD source, target "
                      "RETURN source.i AS a, target.i AS b").fetchall()
    assert sorted(tuple(sorted(e)) for e in ours) == sorted(tuple(sorted(e)) for e in nx.bridges(g))
    assert per_node(db, "algo.kCore()", "coreNumber") == nx.core_number(g)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [True, False])
def test_degree_and_dijkstra(db, seed, directed):
    g = random_graph(seed, directed, p=0.06, weighted=True)
    load(db, g)
    direction = "OUTGOING" if directed else "BOTH"
    degrees = g.out_degree(weight="w") if directed else g.degree(weight="w")
    assert per_node(db, f"algo.degree({{direction: '{direction}', weightProperty: 'w'}})") == \
        pytest.approx(dict(degrees))
    lengths = nx.single_source_dijkstra_path_length(g, 0, weight="w")
    for target in list(g.nodes)[1:20]:
        row = db.execute(
            "MATCH (s:V {i: 0}), (t:V {i: $t}) "
            f"CALL algo.shortestPath.dijkstra(s, t, {{direction: '{direction}', "
            "weightProperty: 'w'}) YIELD totalCost, nodes, costs "
            "RETURN totalCost, [n IN nodes | n.i] AS path, costs", {"t": target}).fetchall()
        if target not in lengths:
            assert row == []
            continue
        cost, path, costs = row[0]
        assert cost == pytest.approx(lengths[target])
        assert path[0] == 0 and path[-1] == target
        assert nx.path_weight(g, path, "w") == pytest.approx(cost)
        assert costs[-1] == pytest.approx(cost)


@pytest.mark.parametrize("seed", SEEDS)
def test_node_label_projection(db, seed):
    """nodeLabels keeps the labelled nodes and the relationships between them (a Boost
    filtered_graph over the storage): the same as NetworkX on the induced subgraph."""
    g = random_graph(seed, False, p=0.06)
    load(db, g)
    db.execute("MATCH (n:V) WHERE n.i % 3 = 0 SET n:W")
    sub = g.subgraph([i for i in g.nodes if i % 3 == 0])
    assert partition(per_node(db, "algo.wcc({nodeLabels: ['W']})", "component")) == \
        sorted(sorted(c) for c in nx.connected_components(sub))
    ours = per_node(db, "algo.betweenness({nodeLabels: ['W'], direction: 'BOTH'})")
    for k, v in nx.betweenness_centrality(sub, normalized=False).items():
        assert ours[k] == pytest.approx(v, abs=1e-9)


def test_sample_articulation_points_of_the_borders(sample_db):
    """Acceptance (issue 12): the chokepoints of the land-border network of the sample equal
    NetworkX's articulation_points on the same borders, read from the sample's borders.csv."""
    with open(os.path.join(SAMPLE, "borders.csv"), newline="", encoding="utf-8") as f:
        borders = [(r[":START_ID"], r[":END_ID"]) for r in csv.DictReader(f)
                   if r[":TYPE"] == "BORDERS"]
    g = nx.Graph(borders)
    ours = sample_db.execute(
        "CALL algo.articulationPoints({relationshipTypes: ['BORDERS'], direction: 'BOTH'}) "
        "YIELD node RETURN node.id ORDER BY node.id").fetchall()
    assert [i for (i,) in ours] == sorted(nx.articulation_points(g))
    assert len(ours) > 0


def test_config_errors(db):
    import silkgraph
    with pytest.raises(silkgraph.ArgumentError, match="unknown config key 'dampingfactor'"):
        db.execute("CALL algo.pageRank({dampingfactor: 0.5})")
    with pytest.raises(silkgraph.ArgumentError, match="no relationship type 'NOPE'"):
        db.execute("CALL algo.wcc({relationshipTypes: ['NOPE']})")


def nx_min_source_side(g, s, t):
    """The smallest source side of a minimum cut: what s reaches in the residual network of a
    maximum flow (the same set for every maximum flow)."""
    residual = nx.algorithms.flow.edmonds_karp(g, s, t, capacity="w")
    seen, stack = {s}, [s]
    while stack:
        u = stack.pop()
        for v, d in residual[u].items():
            if v not in seen and d["capacity"] - d["flow"] > 0:
                seen.add(v)
                stack.append(v)
    return residual.graph["flow_value"], seen


def our_max_flow(db, s, t, config):
    return db.execute(
        "MATCH (s:V {i: $s}), (t:V {i: $t}) "
        f"CALL algo.maxFlow(s, t, {config}) YIELD maxFlow, cut, sourceSide "
        "RETURN maxFlow, [r IN cut | [startNode(r).i, endNode(r).i, r.w]] AS cut, "
        "[n IN sourceSide | n.i] AS side", {"s": s, "t": t}).fetchall()[0]


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("directed", [True, False])
def test_max_flow_and_min_cut(db, seed, directed):
    """algo.maxFlow (Boost.Graph boykov_kolmogorov_max_flow) against NetworkX's maximum flow
    (edmonds_karp); the cut's source side is the smallest one, which every maximum flow gives,
    so it must be equal, and the cut relationships must be exactly those leaving it."""
    g = random_graph(seed, directed, p=0.08, weighted=True)
    load(db, g)
    direction = "OUTGOING" if directed else "BOTH"
    for s, t in [(0, 1), (2, 40), (79, 5), (10, 60)]:
        ours, cut, side = our_max_flow(
            db, s, t, f"{{direction: '{direction}', capacityProperty: 'w'}}")
        value, theirs = nx_min_source_side(g, s, t)
        assert ours == pytest.approx(value), (s, t)
        assert set(side) == theirs, (s, t)
        expected = sorted((u, v) for u, v in g.edges
                          if (u in theirs) != (v in theirs) and (not directed or u in theirs))
        assert sorted((a, b) for a, b, _ in cut) == expected, (s, t)
        assert sum(w for _, _, w in cut) == pytest.approx(value)


def test_max_flow_unit_capacities_and_node_labels(db):
    """Without a capacity every relationship carries 1 (the number of relationship-disjoint
    paths); nodeLabels keeps the induced subgraph, as elsewhere."""
    g = random_graph(4, True, p=0.08)
    load(db, g)
    db.execute("MATCH (n:V) WHERE n.i % 4 <> 3 SET n:W")
    for u, v in g.edges:
        g.edges[u, v]["w"] = 1
    sub = g.subgraph([i for i in g.nodes if i % 4 != 3])
    for s, t in [(0, 1), (5, 8), (12, 40)]:
        ours, _, side = our_max_flow(db, s, t, "{}")
        assert ours == nx.maximum_flow_value(g, s, t, capacity="w")
        ours, _, side = our_max_flow(db, s, t, "{nodeLabels: ['W']}")
        value, theirs = nx_min_source_side(sub, s, t)
        assert ours == value and set(side) == theirs


def test_sample_max_flow_of_the_borders(sample_db):
    """On the sample's land borders (each usable either way, one unit each), the maximum flow
    between two nations is the number of border-disjoint land paths: NetworkX's
    maximum_flow_value on the same borders, read from borders.csv."""
    with open(os.path.join(SAMPLE, "borders.csv"), newline="", encoding="utf-8") as f:
        borders = [(r[":START_ID"], r[":END_ID"]) for r in csv.DictReader(f)
                   if r[":TYPE"] == "BORDERS"]
    g = nx.Graph(borders)
    nx.set_edge_attributes(g, 1, "w")
    for s, t in [("CHN", "TUR"), ("KAZ", "IRN"), ("CHN", "KOR"), ("RUS", "AFG"), ("KAZ", "GRC")]:
        ours = sample_db.execute(
            "MATCH (s:Nation {id: $s}), (t:Nation {id: $t}) "
            "CALL algo.maxFlow(s, t, {relationshipTypes: ['BORDERS'], direction: 'BOTH'}) "
            "YIELD maxFlow, sourceSide RETURN maxFlow, [n IN sourceSide | n.id]",
            {"s": s, "t": t}).fetchall()
        value, side = nx_min_source_side(g, s, t)
        assert ours[0][0] == value, (s, t)
        assert set(ours[0][1]) == side, (s, t)
