"""Result.to_df() dtypes and Result.to_networkx() against the shell's GraphML export of the
same query."""

import datetime
import math
import os
import subprocess
import sys

import pytest

import silkgraph
from conftest import BUILD_DIR, SAMPLE

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")


def test_dtypes(db):
    df = db.execute(
        "UNWIND [1, 2, 3] AS i "
        "RETURN i AS int, CASE WHEN i = 2 THEN null ELSE i END AS int_null, "
        "i / 2.0 AS float, CASE WHEN i = 2 THEN null ELSE i * 1.5 END AS float_null, "
        "CASE WHEN i = 1 THEN 1 ELSE 2.5 END AS mixed_number, "
        "i > 1 AS bool, CASE WHEN i = 2 THEN null ELSE i > 1 END AS bool_null, "
        "toString(i) AS str, CASE WHEN i = 2 THEN null ELSE 'x' END AS str_null, "
        "date('2024-01-0' + toString(i)) AS date, "
        "CASE WHEN i = 2 THEN null ELSE date('2024-01-01') END AS date_null, "
        "[i, i] AS list, {k: i} AS map, null AS nothing, "
        "CASE WHEN i = 2 THEN 'a' ELSE i END AS mixed").to_df()
    dtypes = {k: str(v) for k, v in df.dtypes.items()}
    assert dtypes == {
        "int": "int64", "int_null": "Int64", "float": "float64", "float_null": "float64",
        "mixed_number": "float64", "bool": "bool", "bool_null": "boolean", "str": "object",
        "str_null": "object", "date": "datetime64[ns]", "date_null": "datetime64[ns]",
        "list": "object", "map": "object", "nothing": "object", "mixed": "object"}
    assert list(df["int"]) == [1, 2, 3]
    assert df["int_null"].isna().tolist() == [False, True, False]
    assert df["int_null"][2] == 3
    assert math.isnan(df["float_null"][1]) and df["float_null"][2] == 4.5
    assert df["bool_null"].isna().tolist() == [False, True, False]
    assert df["str"].tolist() == ["1", "2", "3"] and df["str_null"][1] is None
    assert df["date"][0] == pd.Timestamp("2024-01-01")
    assert pd.isna(df["date_null"][1])
    assert df["list"][0] == [1, 1] and df["map"][2] == {"k": 3}
    assert df["nothing"].tolist() == [None, None, None]
    assert df["mixed"].tolist() == [1, "a", 3]


def test_dates_outside_datetime64_stay_dates(db):
    df = db.execute("RETURN date('1500-01-01') AS d").to_df()
    assert df["d"].dtype == object and df["d"][0] == datetime.date(1500, 1, 1)


def test_empty_result_and_entities(sample_db):
    df = sample_db.execute("MATCH (n:Nation) WHERE n.id = 'nowhere' RETURN n.name AS name").to_df()
    assert list(df.columns) == ["name"] and len(df) == 0
    df = sample_db.execute("MATCH (n:Nation {id: 'KOR'}) RETURN n").to_df()
    assert isinstance(df["n"][0], silkgraph.Node) and df["n"][0]["id"] == "KOR"


def test_to_df_reads_the_rows_not_yet_read(db):
    r = db.execute("UNWIND range(1, 4) AS x RETURN x")
    r.fetchone()
    assert list(r.to_df()["x"]) == [2, 3, 4]
    assert list(r.to_df()["x"]) == [2, 3, 4]  # the cursor does not move
    assert r.fetchone() == (2,)


def _graphml_of(query, tmp_path):
    shell = os.path.join(BUILD_DIR, "silkgraph")
    if not os.path.exists(shell):
        pytest.skip("the silkgraph shell is not built")
    out = tmp_path / "out.graphml"
    subprocess.run([shell, "export", "graphml", SAMPLE, "--query", query, "-o", str(out)],
                   check=True)
    nx = pytest.importorskip("networkx")
    return nx.read_graphml(str(out))


def _comparable(value):
    # GraphML keeps scalars typed and writes dates as text, lists and maps as JSON.
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        import json
        return json.loads(json.dumps(value))
    return value


def _graphml_value(value):
    if isinstance(value, str) and value[:1] in "[{":
        import json
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


QUERIES = [
    "MATCH p = (n:Nation)-[:SUPPLIES]->(:Nation {id: 'KOR'}) RETURN p",
    "MATCH (l:Leader)-[h:HOLDS_OFFICE]->(n:Nation {id: 'KAZ'}) RETURN l, h, n.name",
    "MATCH (n:Nation)-[b:BORDERS]->(m:Nation) RETURN collect(b) AS borders",
]


@pytest.mark.parametrize("query", QUERIES)
def test_to_networkx_matches_graphml_export(sample_db, query, tmp_path):
    nx = pytest.importorskip("networkx")
    exported = _graphml_of(query, tmp_path)
    graph = sample_db.execute(query).to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == exported.number_of_nodes() > 0
    assert graph.number_of_edges() == exported.number_of_edges()
    for node, attrs in graph.nodes(data=True):
        theirs = dict(exported.nodes[f"n{node}"])
        labels = theirs.pop("labels", "")
        assert ":" + ":".join(attrs["labels"]) == labels if attrs["labels"] else labels == ""
        ours = {k: _comparable(v) for k, v in attrs.items() if k != "labels" and v is not None}
        assert ours == {k: _graphml_value(v) for k, v in theirs.items()}
    # read_graphml keeps an edge's GraphML id as its key or as an "id" attribute.
    exported_edges = {}
    multi = exported.is_multigraph()
    for edge in exported.edges(keys=True, data=True) if multi else exported.edges(data=True):
        u, v, d = edge[0], edge[1], dict(edge[-1])
        exported_edges[(u, v, d.pop("id", edge[2] if multi else None))] = d
    for start, end, key, attrs in graph.edges(keys=True, data=True):
        theirs = exported_edges[(f"n{start}", f"n{end}", f"e{key}")]
        ours = {k: _comparable(v) for k, v in attrs.items() if v is not None}
        assert ours == {k: _graphml_value(v) for k, v in theirs.items()}


def test_shortest_path_on_borders(sample_db):
    nx = pytest.importorskip("networkx")
    g = sample_db.execute("MATCH (a:Nation)-[b:BORDERS]->(c:Nation) RETURN a, b, c").to_networkx()
    names = {n: d["name"] for n, d in g.nodes(data=True)}
    by_id = {d["id"]: n for n, d in g.nodes(data=True)}
    path = nx.shortest_path(g.to_undirected(), by_id["KAZ"], by_id["CHN"])
    assert [names[n] for n in path][0] == names[by_id["KAZ"]] and len(path) == 2


@pytest.mark.parametrize("module,method", [("pandas", "to_df"), ("numpy", "to_df"),
                                           ("networkx", "to_networkx")])
def test_missing_pandas_or_networkx_is_named(db, monkeypatch, module, method):
    # A pyenv python3 imports silkgraph from the user site but has no Debian pandas: it used
    # to fail with a bare "No module named 'numpy'".
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ImportError, match=rf"Result.{method}\(\) needs {module}, .*"
                                          rf"/usr/bin/python3 with python3-{module}"):
        getattr(db.execute("RETURN 1 AS x"), method)()


def test_string_columns_many_rows(db):
    df = db.execute("UNWIND range(0, 69999) AS i "
                    "RETURN toString(i % 3) AS few, toString(i) AS distinct").to_df()
    assert df["few"].tolist() == [str(i % 3) for i in range(70000)]
    assert df["distinct"].tolist() == [str(i) for i in range(70000)]
