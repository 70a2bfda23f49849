"""execute(..., why=True): Result.sources and Result.conflicts (docs/provenance.md)."""

import silkgraph

Q2022 = ("MATCH (s:Nation)-[r:SUPPLIES {year: 2022, resource_id: 'ree'}]->(:Nation {id: 'KOR'}) "
         "RETURN r.share_pct AS share ORDER BY share")


def test_sources_and_conflicts_per_row(sample_db):
    result = sample_db.execute(Q2022, why=True)
    assert result.fetchall() == [(50.0,), (61.2,)]
    sources = result.sources
    assert len(sources) == 2
    assert any("F106" in s for s in sources[0]) and not any("F105" in s for s in sources[0])
    assert any("F105" in s for s in sources[1])
    conflicts = result.conflicts
    assert [len(c) for c in conflicts] == [1, 1]
    claims = sorted(c["claim"] for c in conflicts[0][0]["claims"])
    assert claims == ["share_pct 50.0", "share_pct 61.2"]
    assert conflicts[0][0]["fact"].startswith("(CHN)-[:SUPPLIES")


def test_without_why_there_is_nothing(sample_db):
    result = sample_db.execute(Q2022)
    assert result.sources is None and result.conflicts is None


def test_prepared_statement_and_graph_without_sources():
    db = silkgraph.Database()
    db.execute("CREATE (:A {sources: ['a1']})-[:T {sources: 'a2'}]->(:A)")
    prepared = db.prepare("MATCH (x:A)-[t:T]->() RETURN count(t) AS n")
    result = db.execute(prepared, why=True)
    assert result.fetchall() == [(1,)]
    assert result.sources == [["a1", "a2"]]
    assert result.conflicts == [[]]
    empty = silkgraph.Database()
    assert empty.execute("RETURN 1 AS one", why=True).sources == [[]]


def test_streaming_result_reads_sources_for_every_row(sample_db):
    # A statement that would stream (many rows from a MATCH): with why=True it runs to the
    # end first, and the rows read one at a time, by fetchmany and by iteration line up with
    # result.sources.
    query = ("UNWIND range(1, 3000) AS i MATCH (n:Nation {id: 'KOR'}) "
             "RETURN i, n.id AS id")
    want = sample_db.execute("MATCH (n:Nation {id: 'KOR'}) RETURN n.sources").fetchone()[0]
    result = sample_db.execute(query, why=True)
    assert result.fetchone() == (1, "KOR")
    assert result.fetchmany(2) == [(2, "KOR"), (3, "KOR")]
    assert [row[0] for row in result] == list(range(4, 3001))
    sources = result.sources
    assert len(sources) == 3000
    assert all(sorted(s) == sorted(want) for s in sources)
    assert result.conflicts == [[]] * 3000


def test_why_with_a_view_date(sample_db):
    result = sample_db.execute(Q2022, why=True, as_of="2022-06-30")
    assert result.fetchall() == [(50.0,), (61.2,)]
    assert [len(c) for c in result.conflicts] == [1, 1]
