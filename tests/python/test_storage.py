"""A database file opened from Python keeps what is written (docs/storage.md): statements and
transactions reach the log before they return, close() checkpoints, read_only shares."""
import pytest

import silkgraph


def test_writes_are_kept(tmp_path):
    path = str(tmp_path / "world.sg")
    with silkgraph.Database(path) as db:
        db.execute("CREATE (:Nation {id: 'XKX', name: 'Kosovo'})")
    with silkgraph.Database(path, read_only=True) as db:
        assert db.execute("MATCH (n:Nation) RETURN n.name").fetchall() == [("Kosovo",)]
        with pytest.raises(silkgraph.IOError, match="read-only"):
            db.execute("CREATE (:Nation {id: 'X'})")


def test_transaction_context_manager(tmp_path):
    path = str(tmp_path / "world.sg")
    db = silkgraph.Database(path)
    with db.transaction():
        db.execute("CREATE (:N {i: 1})")
        db.execute("CREATE (:N {i: 2})")
    with pytest.raises(silkgraph.ArgumentError):
        with db.transaction():
            db.execute("CREATE (:N {i: 3})")
            db.execute("RETURN range(1, 2, 0)")
    assert not db.in_transaction
    db.begin()
    db.execute("CREATE (:N {i: 4})")
    db.rollback()
    db.close()
    again = silkgraph.Database(path)
    assert again.execute("MATCH (n:N) RETURN n.i ORDER BY n.i").fetchall() == [(1,), (2,)]


def test_second_writer_is_refused(tmp_path):
    path = str(tmp_path / "world.sg")
    writer = silkgraph.Database(path)
    with pytest.raises(silkgraph.IOError, match="open for writing"):
        silkgraph.Database(path)
    reader = silkgraph.Database(path, read_only=True)
    assert reader.read_only
    writer.close()
