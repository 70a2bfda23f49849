"""Exceptions of silkgraph: one class per kind of error, all under silkgraph.Error.

str(error) is the message the silkgraph shell prints for the same error: "line:col: Kind:
message", then the offending line and a caret under the place when the place is known.
"""

import builtins


class Error(Exception):
    """Base class of every silkgraph error.

    Attributes: kind (e.g. "SyntaxError"), line and column (1-based, None when unknown),
    caret (the offending line and a caret under the column, "" when unknown), detail (a
    code such as "UndefinedVariable", or None) and file (the data file of a load error, or
    None).
    """

    kind = "Error"
    line = None
    column = None
    caret = ""
    detail = None
    file = None


class SyntaxError(Error):  # noqa: A001 - silkgraph.SyntaxError, as the shell names it
    """The statement is not valid openCypher."""


class SemanticError(Error):
    """The statement is well formed but meaningless (e.g. an undefined variable)."""


class TypeError(Error, builtins.TypeError):  # noqa: A001
    """A value of the wrong type: in the query, or a Python parameter with no Cypher type."""


class ArgumentError(Error, builtins.ValueError):
    """A bad argument: to a Cypher function, or to the Python API (e.g. a closed database)."""


class ParameterMissing(Error):
    """The statement uses a $parameter that was not given."""


class EntityNotFound(Error):
    """The statement refers to a node or relationship that no longer exists."""


class ConstraintVerificationFailed(Error):
    """A write would break a constraint (e.g. deleting a node that still has relationships)."""


class ProcedureError(Error):
    """CALL names an unknown procedure, or a procedure fails."""


class LoadError(Error):
    """A data file is malformed or invalid; .file, .line and .column name the place."""


class IOError(Error):  # noqa: A001
    """A file cannot be read or written."""


class Cancelled(Error):
    """The statement was cancelled: Database.interrupt(), or its timeout."""


class MemoryLimitExceeded(Error):
    """The statement needed more memory than its limit (max_memory)."""


class Forbidden(Error):
    """Not allowed to this session (a read-only user's statement that writes)."""


class InternalError(Error):
    """A bug in silkgraph; please report it with the statement."""


ERROR_CLASSES = {
    cls.__name__: cls
    for cls in (SyntaxError, SemanticError, TypeError, ArgumentError, ParameterMissing,
                EntityNotFound, ConstraintVerificationFailed, ProcedureError, LoadError, IOError, Cancelled,
                MemoryLimitExceeded, Forbidden, InternalError)
}
