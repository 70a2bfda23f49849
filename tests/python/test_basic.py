"""The silkgraph Python module: opening databases, running statements, reading rows, values
both ways, errors with positions, cancellation, and garbage input (raises, never crashes)."""

import datetime
import os
import threading
import time

import pytest

import silkgraph
from conftest import SAMPLE


def test_acceptance_count_of_nations(sample_db):
    result = sample_db.execute("MATCH (n:Nation) RETURN count(n) AS n")
    assert result.columns == ["n"]
    assert result.fetchall() == [(44,)]


def test_empty_database_and_path_forms(tmp_path):
    assert silkgraph.Database().execute("MATCH (n) RETURN count(n)").fetchone() == (0,)
    assert silkgraph.Database(SAMPLE).execute("MATCH (n:Nation) RETURN count(n)").fetchone() == (44,)
    import pathlib
    db = silkgraph.Database([pathlib.Path(SAMPLE)], threads=2)
    assert db.threads == 2
    path = str(tmp_path / "sample.sg")
    db.save(path)
    reopened = silkgraph.Database(path, read_only=True)
    assert reopened.read_only
    assert reopened.execute("MATCH (n:Nation) RETURN count(n)").fetchone() == (44,)
    with pytest.raises(silkgraph.ArgumentError):
        reopened.save(path)


def test_cursor(db):
    r = db.execute("UNWIND range(1, 5) AS x RETURN x, x * 2 AS y")
    assert len(r) == 5
    assert r.fetchone() == (1, 2)
    assert r.fetchmany(2) == [(2, 4), (3, 6)]
    assert list(r) == [(4, 8), (5, 10)]
    assert r.fetchone() is None
    assert r.fetchall() == []
    r = db.execute("UNWIND [1, 2] AS x RETURN x, toString(x) AS s")
    assert r.rows_as_dict() == [{"x": 1, "s": "1"}, {"x": 2, "s": "2"}]
    r = db.execute("UNWIND range(1, 3) AS x RETURN x, -x AS y")
    r.fetchone()
    rows = r.dicts()
    assert next(rows) == {"x": 2, "y": -2}
    assert r.fetchone() == (3, -3)  # dicts() reads the cursor as it goes
    assert list(rows) == [] and list(r.dicts()) == []
    assert "columns=[x, y]" in repr(r)


def test_summary(db):
    r = db.execute("CREATE (a:P {name: 'a'})-[:K]->(b:P {name: 'b'})")
    s = r.summary
    assert (s.nodes_created, s.relationships_created, s.properties_set) == (2, 1, 2)
    assert s.contains_updates and s.elapsed_ms >= 0
    assert not db.execute("MATCH (n) RETURN n").summary.contains_updates
    assert db.execute("EXPLAIN MATCH (n) RETURN n").summary.plan


SCALARS = [None, True, False, 0, -1, 2**63 - 1, -2**63, 1.5, -0.0, float("inf"), "", "text",
           "한국어 ß", datetime.date(2024, 11, 4), datetime.date(1, 1, 1),
           datetime.date(9999, 12, 31)]


@pytest.mark.parametrize("value", SCALARS + [[1, "a", None, [2.5]], {"k": [1, {"n": None}]},
                                             [], {}, (1, 2)])
def test_values_round_trip(db, value):
    got = db.execute("RETURN $v AS v", {"v": value}).fetchone()[0]
    expected = list(value) if isinstance(value, tuple) else value
    assert got == expected and type(got) is type(expected)


def test_nan_round_trip(db):
    got = db.execute("RETURN $v AS v", {"v": float("nan")}).fetchone()[0]
    assert got != got


def test_numpy_integers_as_parameters(db):
    np = pytest.importorskip("numpy")
    assert db.execute("RETURN $v + 1", {"v": np.int64(41)}).fetchone() == (42,)
    assert db.execute("RETURN $v", {"v": np.float64(0.5)}).fetchone() == (0.5,)


def test_cypher_values_to_python(db):
    row = db.execute("RETURN 1 AS i, 2.0 AS f, 'x' AS s, true AS b, null AS z, "
                     "date('2024-02-29') AS d, [1, [2]] AS l, {a: 1, b: 'c'} AS m").fetchone()
    assert row == (1, 2.0, "x", True, None, datetime.date(2024, 2, 29), [1, [2]],
                   {"a": 1, "b": "c"})


def test_nodes_relationships_paths(db):
    db.execute("CREATE (:Person:Admin {name: 'Ann', age: 40})-[:KNOWS {since: 2001}]->"
               "(:Person {name: 'Bob'})")
    n, r, m, p = db.execute("MATCH p = (n {name: 'Ann'})-[r:KNOWS]->(m) RETURN n, r, m, p").fetchone()
    assert isinstance(n, silkgraph.Node)
    assert n.labels == ("Admin", "Person")
    assert n["name"] == "Ann" and n.properties == {"age": 40, "name": "Ann"}
    assert n.get("missing") is None and "age" in n
    with pytest.raises(KeyError):
        n["missing"]
    assert isinstance(r, silkgraph.Relationship)
    assert (r.type, r.start, r.end, r["since"]) == ("KNOWS", n.id, m.id, 2001)
    assert isinstance(p, silkgraph.Path) and len(p) == 1
    assert p.start_node == n and p.end_node == m and p[0] == r
    assert "Ann" in repr(n) and "KNOWS" in repr(r) and "->" in repr(p)
    # A snapshot: later writes do not change a result already read.
    result = db.execute("MATCH (n {name: 'Ann'}) RETURN n")
    db.execute("MATCH (n {name: 'Ann'}) SET n.age = 41")
    assert result.fetchone()[0]["age"] == 40


@pytest.mark.parametrize("query,kind,line,column", [
    ("MATCH (n RETURN n", silkgraph.SyntaxError, 1, 10),
    ("MATCH (n)\nRETURN m", silkgraph.SemanticError, 2, 8),
    ("RETURN $missing", silkgraph.ParameterMissing, None, None),
    ("WITH 'a' AS s RETURN s - 1", silkgraph.TypeError, None, None),
])
def test_errors_with_positions(db, query, kind, line, column):
    with pytest.raises(kind) as info:
        db.execute(query)
    e = info.value
    assert isinstance(e, silkgraph.Error)
    assert e.kind == kind.__name__
    if line is not None:
        assert (e.line, e.column) == (line, column)
        assert e.caret.endswith("^")
        assert str(e).startswith(f"{line}:{column}: {kind.__name__}: ")
        assert str(e).endswith(e.caret)


def test_error_message_is_the_shells(db):
    import subprocess
    from conftest import BUILD_DIR
    shell = os.path.join(BUILD_DIR, "silkgraph")
    if not os.path.exists(shell):
        pytest.skip("the silkgraph shell is not built")
    query = "MATCH (n)\nRETURN m"
    shell_out = subprocess.run([shell, "-c", query], capture_output=True, text=True)
    with pytest.raises(silkgraph.SemanticError) as info:
        db.execute(query)
    assert str(info.value) in shell_out.stderr


def test_load_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [ {"id": 1, ')
    with pytest.raises((silkgraph.LoadError, silkgraph.IOError)) as info:
        silkgraph.Database([str(bad)])
    assert info.value.file is not None
    with pytest.raises(silkgraph.IOError):
        silkgraph.Database([str(tmp_path / "missing.json")])


def test_a_failed_statement_changes_nothing(db):
    with pytest.raises(silkgraph.Error):
        db.execute("CREATE (:A) WITH 1 AS x RETURN 1 / 0")
    assert db.execute("MATCH (n) RETURN count(n)").fetchone() == (0,)


LONG_QUERY = ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
              "WITH a, b WHERE a + b < 0 RETURN count(*)")


def test_interrupt_from_another_thread(db):
    errors = []

    def run():
        try:
            db.execute(LONG_QUERY)
        except silkgraph.Error as e:
            errors.append(e)

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.3)
    db.interrupt()
    t.join(30)
    assert not t.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], silkgraph.Cancelled)
    # The database still works.
    assert db.execute("RETURN 1").fetchone() == (1,)


def test_timeout(db):
    started = time.monotonic()
    with pytest.raises(silkgraph.Cancelled):
        db.execute(LONG_QUERY, timeout=0.2)
    assert time.monotonic() - started < 20
    slow = silkgraph.Database(timeout=0.2)
    with pytest.raises(silkgraph.Cancelled):
        slow.execute(LONG_QUERY)


def test_keyboard_interrupt_cancels(db):
    import signal
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            db.execute(LONG_QUERY)
    finally:
        timer.cancel()
        timer.join()
    assert time.monotonic() - started < 20
    assert db.execute("RETURN 2").fetchone() == (2,)


def test_gil_released_while_running(db):
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.01)

    t = threading.Thread(target=tick)
    t.start()
    with pytest.raises(silkgraph.Cancelled):
        db.execute(LONG_QUERY, timeout=0.5)
    stop.set()
    t.join()
    assert len(ticks) >= 10


def test_two_databases_in_one_process(sample_db):
    a = silkgraph.Database()
    b = silkgraph.Database()
    a.execute("CREATE (:X {v: 1})")
    assert a.execute("MATCH (n:X) RETURN count(n)").fetchone() == (1,)
    assert b.execute("MATCH (n:X) RETURN count(n)").fetchone() == (0,)
    assert sample_db.execute("MATCH (n:X) RETURN count(n)").fetchone() == (0,)

    results = {}

    def count(name, database):
        results[name] = database.execute("MATCH (n) RETURN count(n)").fetchone()[0]

    threads = [threading.Thread(target=count, args=(k, d)) for k, d in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {"a": 1, "b": 0}


class Opaque:
    pass


@pytest.mark.parametrize("value", [Opaque(), b"bytes", {1: "int key"}, 2**64, {1, 2},
                                   object, 1j, "\ud800"])
def test_bad_parameter_types(db, value):
    with pytest.raises(silkgraph.TypeError) as info:
        db.execute("RETURN $v", {"v": value})
    assert isinstance(info.value, TypeError)


def test_garbage_input(db):
    cyclic = []
    cyclic.append(cyclic)
    with pytest.raises(silkgraph.TypeError):
        db.execute("RETURN $v", {"v": cyclic})
    with pytest.raises(silkgraph.TypeError):
        db.execute("RETURN 1", ["not", "a", "dict"])
    with pytest.raises(silkgraph.TypeError):
        db.execute("RETURN $v", {1: 2})
    with pytest.raises(silkgraph.TypeError):
        db.execute(42)
    with pytest.raises(silkgraph.TypeError):
        silkgraph.Database(42)
    with pytest.raises(silkgraph.Error):
        db.execute("\x00\xff garbage ((( [[[")
    with pytest.raises(silkgraph.Error):
        db.execute("")
    with pytest.raises(silkgraph.ArgumentError):
        db.execute("RETURN 1", timeout=-1)


@pytest.mark.parametrize("threads", [0, -1, 257, 2**62])
def test_thread_counts_outside_what_the_shell_takes(threads):
    # The shell's --threads takes 1 to 256; 0 was silently taken as 1, -1 failed in pybind11.
    with pytest.raises(silkgraph.ArgumentError, match="threads: expected a number from 1 to 256"):
        silkgraph.Database(threads=threads)
    with pytest.raises(TypeError):
        silkgraph.Database(threads="2")
    assert silkgraph.Database(threads=256).threads == 256


def test_closed_database_and_orphan_results():
    db = silkgraph.Database([SAMPLE])
    result = db.execute("MATCH (n:Nation) RETURN n LIMIT 3")
    prepared = db.prepare("RETURN 1")
    db.close()
    db.close()  # twice is fine
    assert db.closed
    for call in (lambda: db.execute("RETURN 1"), lambda: db.execute(prepared),
                 result.fetchone, result.fetchall, result.to_df, result.to_networkx,
                 lambda: db.load([SAMPLE]), lambda: db.prepare("RETURN 1")):
        with pytest.raises(silkgraph.ArgumentError, match="closed"):
            call()
    # A result whose database was only dropped (not closed) stays readable.
    other = silkgraph.Database([SAMPLE]).execute("MATCH (n:Nation) RETURN n.name LIMIT 2")
    import gc
    gc.collect()
    assert len(other.fetchall()) == 2


def test_context_manager_and_prepare():
    with silkgraph.Database() as db:
        q = db.prepare("RETURN $x * 2 AS y")
        assert q.query == "RETURN $x * 2 AS y"
        assert [db.execute(q, {"x": i}).fetchone()[0] for i in range(3)] == [0, 2, 4]
        with pytest.raises(silkgraph.SyntaxError):
            db.prepare("RETURN (")
    assert db.closed


def test_help_shows_signatures_and_docstrings():
    import pydoc
    text = pydoc.render_doc(silkgraph.Database, renderer=pydoc.plaintext)
    assert ("query: object, parameters: object = None, *, timeout: object = None, "
            "max_memory: object = None, as_of: object = None, why: bool = False) -> ") in text
    assert "Runs one openCypher statement" in text
    assert "to_df" in pydoc.render_doc(silkgraph.Result, renderer=pydoc.plaintext)
    assert os.path.exists(os.path.join(os.path.dirname(silkgraph.__file__), "__init__.pyi"))
