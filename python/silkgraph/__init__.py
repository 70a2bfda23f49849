"""silkgraph: an embedded graph database with an openCypher engine.

    import silkgraph
    db = silkgraph.Database(["samples/central-asia-korea"])
    result = db.execute("MATCH (n:Nation) RETURN n.name AS name ORDER BY name")
    result.to_df()          # a pandas DataFrame
    for (name,) in result:  # or rows as tuples; fetchone(), fetchall(), rows_as_dict()
        ...

See docs/python.md.
"""

import contextlib as _contextlib

from . import _native
from ._errors import (ArgumentError, Cancelled, ConstraintVerificationFailed, EntityNotFound,
                      Error, Forbidden, InternalError, IOError, LoadError, MemoryLimitExceeded,
                      ParameterMissing, ProcedureError, SemanticError, SyntaxError, TypeError,
                      ERROR_CLASSES)
from ._result import dicts as _dicts, to_df as _to_df, to_networkx as _to_networkx
from ._types import Duration, Node, Path, Relationship, Summary

Database = _native.Database
Result = _native.Result
PreparedStatement = _native.PreparedStatement

@_contextlib.contextmanager
def _transaction(self):
    """with db.transaction(): ... runs the block as one transaction: committed when it ends,
    rolled back when it raises."""
    self.begin()
    try:
        yield self
    except BaseException:
        if self.in_transaction:
            self.rollback()
        raise
    self.commit()


Database.transaction = _transaction
Result.to_df = _to_df
Result.dicts = _dicts
Result.to_networkx = _to_networkx

_native._register_types(dict(ERROR_CLASSES, Error=Error, Node=Node, Relationship=Relationship,
                             Path=Path, Summary=Summary, Duration=Duration))

__version__ = "0.1.0"

__all__ = [
    "Database", "Result", "PreparedStatement", "Node", "Relationship", "Path", "Summary",
    "Duration",
    "Error", "SyntaxError", "SemanticError", "TypeError", "ArgumentError", "ParameterMissing",
    "EntityNotFound", "ConstraintVerificationFailed", "ProcedureError", "LoadError", "IOError", "Cancelled",
    "MemoryLimitExceeded", "Forbidden", "InternalError",
]
