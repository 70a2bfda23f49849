"""Streaming results (issue 10 D4, issue 14): iterating a Result pulls rows from the running
statement, fetchone() does not compute the rest, closing or dropping a Result stops it,
reading stays flat in memory, errors met late are raised by the read that reaches them, and
another statement first reads the open result's rows into it. max_memory= on the Database
and on one execute()."""

import gc
import resource
import threading
import time

import pytest

import silkgraph

# 172^4 rows on the sample: practically endless.
ENDLESS = "MATCH (a), (b), (c), (d) RETURN id(a), id(b), id(c), id(d)"


def test_fetchone_does_not_compute_the_rest(sample_db):
    started = time.monotonic()
    r = sample_db.execute(ENDLESS)
    assert r.fetchone() == (0, 0, 0, 0)
    assert r.fetchmany(3) == [(0, 0, 0, 1), (0, 0, 0, 2), (0, 0, 0, 3)]
    assert "streaming" in repr(r)
    r.close()
    assert r.fetchone() is None
    assert time.monotonic() - started < 20  # all of it would take hours
    # The database is free again.
    assert sample_db.execute("MATCH (n:Nation) RETURN count(n)").fetchone() == (44,)


def test_dropping_a_result_stops_its_statement(sample_db):
    r = sample_db.execute(ENDLESS)
    r.fetchone()
    del r
    gc.collect()
    started = time.monotonic()
    assert sample_db.execute("RETURN 1").fetchone() == (1,)
    assert time.monotonic() - started < 10


def test_context_manager_closes(sample_db):
    with sample_db.execute(ENDLESS) as r:
        assert r.fetchone() == (0, 0, 0, 0)
    assert r.fetchone() is None


def test_iteration_holds_memory_flat(sample_db):
    # 34 * 172 * 172 = 1,005,856 rows; held at once they would take well over 100 MB.
    query = "MATCH (a), (b), (c) WHERE id(a) < 34 RETURN id(a), id(b), id(c)"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    n = 0
    last = None
    for row in sample_db.execute(query):
        n += 1
        last = row
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert n == 34 * 172 * 172
    assert last == (33, 171, 171)
    assert grown_mb < 60, "peak RSS grew %.0f MB" % grown_mb


def test_error_after_rows_is_raised_by_the_read(db):
    r = db.execute("UNWIND range(1, 5000) AS x RETURN 10 / (x - 4000) AS y")
    got = 0
    with pytest.raises(silkgraph.Error) as info:
        for _ in r:
            got += 1
    assert got == 3999
    assert "division by zero" in str(info.value)
    assert info.value.line == 1 and info.value.column == 35
    # Every later read raises it too (it used to give None, as if the result had ended).
    with pytest.raises(silkgraph.ArgumentError, match="division by zero"):
        r.fetchone()


def test_error_before_the_first_row_is_raised_by_execute(db):
    with pytest.raises(silkgraph.Error, match="division by zero"):
        db.execute("UNWIND range(0, 5) AS x RETURN 10 / x")


def test_another_statement_reads_the_open_result_first(db):
    db.execute("UNWIND range(1, 3000) AS i CREATE (:P {i: i})")
    r = db.execute("MATCH (n:P) RETURN n ORDER BY n.i")
    first = r.fetchone()[0]
    assert first["i"] == 1
    db.execute("MATCH (n:P) SET n.i = -n.i")
    rest = r.fetchall()
    assert len(rest) == 2999
    assert [row[0]["i"] for row in rest[:3]] == [2, 3, 4]  # as the statement saw them
    assert len(r) == 3000


def test_to_df_and_len_of_a_streaming_result(sample_db):
    r = sample_db.execute("MATCH (a), (b) RETURN id(a) AS a, id(b) AS b")
    assert len(r) == 172 * 172
    df = r.to_df()
    assert len(df) == 172 * 172 and str(df["a"].dtype) == "int64"


def test_interrupt_while_reading(sample_db):
    r = sample_db.execute(ENDLESS)
    r.fetchone()
    timer = threading.Timer(0.5, sample_db.interrupt)
    timer.start()
    with pytest.raises(silkgraph.Cancelled):
        for _ in r:
            pass
    timer.join()
    assert sample_db.execute("RETURN 2").fetchone() == (2,)


# 172^3 rows: a few seconds to read, so that a cancel lands in the middle.
TRIPLES = "MATCH (a), (b), (c) RETURN id(a) AS a"


@pytest.mark.parametrize("read", ["iterate", "fetchall", "to_df", "len"])
def test_reads_after_a_cancel_raise_again(sample_db, read):
    # A read after a cancelled one used to end quietly: [] after iterating, and after
    # fetchall() or to_df() the rows made before the cancel, as if they were all.
    r = sample_db.execute(TRIPLES)
    timer = threading.Timer(0.3, sample_db.interrupt)
    timer.start()
    with pytest.raises(silkgraph.Cancelled) as first:
        {"iterate": lambda: [None for _ in r], "fetchall": r.fetchall, "to_df": r.to_df,
         "len": lambda: len(r)}[read]()
    timer.join()
    for again in (r.fetchone, r.fetchall, lambda: len(r), r.to_df, lambda: next(iter(r)),
                  lambda: r.summary):
        with pytest.raises(silkgraph.Cancelled) as later:
            again()
        assert str(later.value) == str(first.value)
    assert sample_db.execute("RETURN 2").fetchone() == (2,)


def test_keyboard_interrupt_while_reading(sample_db):
    import os
    import signal
    r = sample_db.execute(TRIPLES)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            r.to_df()  # 5,088,448 rows: stopped long before the end
    finally:
        timer.cancel()
        timer.join()
    assert time.monotonic() - started < 20
    # The statement is stopped: later reads say so rather than give the rest (or a part).
    with pytest.raises(silkgraph.Cancelled, match="KeyboardInterrupt"):
        r.fetchall()
    assert sample_db.execute("RETURN 3").fetchone() == (3,)


def test_timeout_while_reading(sample_db):
    r = sample_db.execute(ENDLESS, timeout=1)
    with pytest.raises(silkgraph.Cancelled, match="timeout of 1 second"):
        for _ in r:
            pass


def test_close_database_stops_a_streaming_result():
    db = silkgraph.Database()
    db.execute("UNWIND range(1, 200) AS i CREATE (:P {i: i})")
    r = db.execute("MATCH (a), (b), (c), (d) RETURN a.i")
    r.fetchone()
    db.close()
    with pytest.raises(silkgraph.ArgumentError):
        r.fetchone()


def test_max_memory(db):
    big = "UNWIND range(1, 200000) AS x RETURN collect(x) AS xs"
    with pytest.raises(silkgraph.MemoryLimitExceeded, match="1 MB"):
        db.execute(big, max_memory="1MB")
    assert len(db.execute(big).fetchone()[0]) == 200000
    limited = silkgraph.Database(max_memory=1 << 20)
    with pytest.raises(silkgraph.MemoryLimitExceeded):
        limited.execute(big)
    assert len(limited.execute(big, max_memory="64MB").fetchone()[0]) == 200000
    with pytest.raises(silkgraph.ArgumentError, match="not a size"):
        db.execute("RETURN 1", max_memory="lots")
    with pytest.raises(silkgraph.ArgumentError):
        db.execute("RETURN 1", max_memory=0)
    with pytest.raises(silkgraph.TypeError):
        silkgraph.Database(max_memory=1.5)
