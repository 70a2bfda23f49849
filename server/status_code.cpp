// Neo4j status codes for our error kinds (the "Status codes" page of the Neo4j operations
// manual), so that drivers raise their matching error classes.
#include "server/session.h"

namespace silkgraph::server {

const char* neo4jStatusCode(const Error& e) {
  switch (e.kind()) {
    case ErrorKind::SyntaxError:
      return "Neo.ClientError.Statement.SyntaxError";
    case ErrorKind::SemanticError:
      return "Neo.ClientError.Statement.SemanticError";
    case ErrorKind::TypeError:
      return "Neo.ClientError.Statement.TypeError";
    case ErrorKind::ArgumentError:
      return "Neo.ClientError.Statement.ArgumentError";
    case ErrorKind::ParameterMissing:
      return "Neo.ClientError.Statement.ParameterMissing";
    case ErrorKind::EntityNotFound:
      return "Neo.ClientError.Statement.EntityNotFound";
    case ErrorKind::ConstraintVerificationFailed:
      return "Neo.ClientError.Schema.ConstraintValidationFailed";
    case ErrorKind::ProcedureError:
      return "Neo.ClientError.Procedure.ProcedureCallFailed";
    case ErrorKind::LoadError:
      return "Neo.ClientError.Statement.ExternalResourceFailed";
    case ErrorKind::Cancelled:
      return "Neo.ClientError.Transaction.Terminated";
    case ErrorKind::MemoryLimitExceeded:
      return "Neo.TransientError.General.TransactionMemoryLimit";
    case ErrorKind::Forbidden:
      return "Neo.ClientError.Security.Forbidden";
    case ErrorKind::IOError:
    case ErrorKind::InternalError:
      return "Neo.DatabaseError.General.UnknownError";
  }
  return "Neo.DatabaseError.General.UnknownError";
}

}  // namespace silkgraph::server
