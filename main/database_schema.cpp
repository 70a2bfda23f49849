// Database::runSchemaCommand: CREATE / DROP INDEX and CONSTRAINT run outside transactions
// (Neo4j refuses schema commands in a transaction that writes data; silkgraph refuses them in
// any explicit transaction, whose rollback could not undo them), and are made durable at once
// by a checkpoint, which writes the schema's indexes into the database file (docs/storage.md).
#include "engine/index_catalog.h"
#include "main/database.h"
#include "query/execution/schema_commands.h"

namespace silkgraph {

QueryResult Database::runSchemaCommand(const ast::Statement& statement,
                                       std::chrono::steady_clock::time_point start) {
  settleCursor();
  const ast::SchemaCommand& c = *statement.schema;
  if (tx_ != Tx::None)
    throw Error(ErrorKind::SemanticError,
                "index and constraint commands cannot run inside an explicit transaction; "
                "commit or roll it back first",
                c.pos, "SchemaModificationInTransaction", ErrorPhase::Runtime);
  if (readOnly_) {
    Error e(ErrorKind::IOError, "the database is open read-only; the command was not applied",
            c.pos, "", ErrorPhase::Runtime);
    e.setFile(path_);
    throw e;
  }
  const Schema before = schema_;
  QueryResult result;
  result.stats = silkgraph::runSchemaCommand(c, *graph_, schema_, threads_);
  if (wal_ && schema_.indexes() != before.indexes()) {
    try {
      checkpoint();
    } catch (...) {
      // Not durable: undo it in memory too.
      for (const IndexDef& d : schema_.indexes())
        if (!before.findIndex(d.name)) unapplyIndex(*graph_, d);
      schema_ = before;
      applySchemaIndexes();
      throw;
    }
  }
  result.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace silkgraph
