// Implements Database (main/database.h): loads data, and runs a statement through parse ->
// bind -> plan -> execute inside a graph transaction, so that a failing statement changes
// nothing.
#include "main/database.h"

#include <sys/stat.h>

#include <chrono>
#include <optional>

#include "engine/alias_index.h"
#include "engine/graph_file.h"
#include "engine/index_catalog.h"
#include "engine/validity.h"
#include "procedures/procedures.h"
#include "query/binder/binder.h"
#include "query/execution/plan_runner.h"
#include "query/execution/schema_check.h"
#include "query/function/citations.h"
#include "query/parser/parser.h"
#include "query/planner/planner.h"

namespace silkgraph {

namespace {

// ExecuteOptions::readOnly refusing a write, at the clause that writes when it is known.
[[noreturn]] void refuseWrite(SourcePos pos, const std::string& what) {
  throw Error(ErrorKind::Forbidden,
              "this session may only read (a read-only user): " + what + " is not allowed", pos, "",
              ErrorPhase::Runtime);
}

bool sameFile(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return a == b;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

Database::Database()
    : graph_(std::make_unique<Graph>()), procedures_(std::make_unique<ProcedureRegistry>()) {
  registerBuiltinProcedures(*procedures_);
}

LoadReport Database::load(const std::vector<std::string>& paths, const LoadOptions& options) {
  settleCursor();
  if (inTransaction())
    throw Error(ErrorKind::SemanticError,
                "cannot load data inside a transaction; commit or roll it back first");
  if (readOnly_)
    throw Error(ErrorKind::IOError, "cannot load data into a database opened read-only");
  LoadReport report = loadPaths(*graph_, schema_, paths, options);
  applySchemaIndexes();
  // A load into an open database is made durable at once, as a whole (the file is rewritten).
  if (wal_) checkpoint();
  return report;
}

void Database::applySchemaIndexes() {
  settleCursor();
  for (const auto& l : schema_.labels()) {
    if (l.key.empty()) continue;
    graph_->createKeyIndex(graph_->internLabel(l.name), graph_->internKey(l.key));
  }
  for (const auto& t : schema_.relTypes()) {
    if (t.index.empty()) continue;
    std::vector<KeyId> keys;
    for (const auto& k : t.index) keys.push_back(graph_->internKey(k));
    graph_->setAdjacencyOrder(graph_->internType(t.name), std::move(keys), threads_);
  }
  applyIndexes(*graph_, schema_, threads_);  // those made by CREATE INDEX / CONSTRAINT
}

std::string Database::clusterRelationships(std::string_view type, Direction dir) {
  settleCursor();
  if (isOpen())
    return "the database file " + path_ + " is open: its log names relationships by their ids";
  if (graph_->inTransaction()) return "a transaction is open";
  const TypeId t = graph_->typeId(type);
  if (t == kNoType || graph_->typeCardinality(t) == 0) {
    std::string known;
    for (TypeId i = 0; i < graph_->typeCount(); ++i)
      if (graph_->typeCardinality(i) > 0)
        known += (known.empty() ? "" : ", ") + graph_->typeName(i);
    return "the graph has no relationship of type " + std::string(type) +
           (known.empty() ? "" : " (its types: " + known + ")");
  }
  if (!graph_->compacted()) graph_->compact(threads_);
  return graph_->clusterRelationships(t, dir);
}

void Database::save(const std::string& path) const {
  settleCursor();
  if (isOpen() && sameFile(path, path_))
    throw Error(ErrorKind::IOError,
                "this is the open database's own file: checkpoint() writes it (save() writes "
                "copies)");
  // Another process with the target open for writing holds its log: fail rather than replace
  // the file under it. The target's log follows the file being replaced, so it goes too.
  WriteAheadLog targetLog(path);
  {
    ProgressPhase progress(progress_, "Writing " + path, 0, ProgressUnit::Bytes);
    writeGraphFile(*graph_, schema_, path);
  }
  targetLog.remove();
}

bool Database::isDatabaseFile(std::string_view path) {
  return isGraphFilePath(path);
}

PreparedQuery Database::prepare(std::string_view query, bool keepText) const {
  PreparedQuery q;
  if (keepText) q.text_ = std::string(query);
  q.statement_ = std::make_shared<const ast::Statement>(parseStatement(query));
  return q;
}

PreparedQuery Database::prepare(std::shared_ptr<const std::string> script,
                                std::string_view statement) const {
  PreparedQuery q;
  q.statement_ =
      std::make_shared<const ast::Statement>(parseStatement(std::move(script), statement));
  return q;
}

namespace {

bool clauseOnlyReads(ast::ClauseKind k) {
  using K = ast::ClauseKind;
  return k != K::Create && k != K::Merge && k != K::Set && k != K::Remove && k != K::Delete &&
         k != K::Call;
}

// The bound form of Database::isRead: what decides whether runPlanned starts a transaction.
bool onlyReads(const BoundStatement& statement) {
  for (const auto& q : statement.queries) {
    if (q.updates) return false;
    for (const auto& c : q.clauses)
      if (!clauseOnlyReads(c.kind)) return false;
  }
  return true;
}

}  // namespace

bool Database::isRead(const PreparedQuery& query) {
  if (!query.statement_ || query.statement_->schema) return false;
  for (const auto& q : query.statement_->queries)
    for (const auto& c : q.clauses)
      if (!clauseOnlyReads(c.kind)) return false;
  return true;
}

std::vector<std::string> Database::nodeNames() const {
  return AliasIndex::of(*graph_)->names();
}

std::vector<Notice> Database::notices(const PreparedQuery& query) const {
  if (!query.statement_) return {};
  std::vector<Notice> out = unknownNameNotices(*query.statement_, *graph_, schema_);
  for (Notice& n : usageNotices(*query.statement_, *graph_, schema_)) out.push_back(std::move(n));
  return out;
}

QueryResult Database::execute(std::string_view query, const Params& params,
                              const std::atomic<bool>* cancel) {
  ExecuteOptions options;
  options.cancel = cancel;
  return execute(query, params, options);
}

QueryResult Database::execute(std::string_view query, const Params& params,
                              const ExecuteOptions& options) {
  auto start = std::chrono::steady_clock::now();
  ast::Statement statement = parseStatement(query);
  return run(statement, params, options, start);
}

QueryResult Database::execute(const PreparedQuery& query, const Params& params,
                              const std::atomic<bool>* cancel) {
  ExecuteOptions options;
  options.cancel = cancel;
  return execute(query, params, options);
}

QueryResult Database::execute(const PreparedQuery& query, const Params& params,
                              const ExecuteOptions& options) {
  auto start = std::chrono::steady_clock::now();
  if (!query.statement_)
    throw Error(ErrorKind::InternalError, "execute: the prepared query is empty", {}, "",
                ErrorPhase::Runtime);
  return run(*query.statement_, params, options, start);
}

QueryResult Database::execute(const PreparedQuery& query, const Params& params,
                              const ExecuteOptions& options, ResultReceiver& receiver) {
  auto start = std::chrono::steady_clock::now();
  if (!query.statement_)
    throw Error(ErrorKind::InternalError, "execute: the prepared query is empty", {}, "",
                ErrorPhase::Runtime);
  return run(*query.statement_, params, options, start, &receiver);
}

std::unique_ptr<Plan> Database::planFor(const ast::Statement& statement, const Params& params,
                                        bool why, bool& explain, bool& profile) {
  // Binding reads only the statement, the schema and the procedures, which no running cursor
  // changes; a read then leaves other reads' cursors running (isRead).
  BoundStatement bound = bindStatement(statement, params, procedures_.get(), &schema_);
  explain = bound.explain;
  profile = bound.profile;
  settleCursor(false, tx_ == Tx::None && onlyReads(bound));
  // --why on a graph where nothing has `sources` has no citations to find: plan it plainly.
  const bool trackWhy = why && sourcesKey(*graph_) != kNoKey;
  std::unique_ptr<Plan> plan = planStatement(std::move(bound), *graph_, trackWhy);
  optimize(*plan, *graph_, optimizer_);
  return plan;
}

QueryResult Database::run(const ast::Statement& statement, const Params& params,
                          const ExecuteOptions& options,
                          std::chrono::steady_clock::time_point start, ResultReceiver* receiver) {
  if (statement.schema) {
    if (options.readOnly) refuseWrite(statement.schema->pos, "an index or constraint command");
    QueryResult result = runSchemaCommand(statement, start);
    if (receiver) receiver->start(result);
    return result;
  }
  bool explain = false, profile = false;
  std::unique_ptr<Plan> plan = planFor(statement, params, options.why, explain, profile);
  return runPlanned(*plan, explain, profile, options, start, receiver);
}

QueryResult Database::runPlanned(Plan& plan, bool explain, bool profile,
                                 const ExecuteOptions& options,
                                 std::chrono::steady_clock::time_point start,
                                 ResultReceiver* receiver, const std::atomic<bool>* stop) {
  QueryResult result;
  result.columns = plan.statement.queries.front().columns;
  if (explain) {
    result.explain = true;
    result.plan = plan.explain();
    if (receiver) receiver->start(result);
    return result;
  }
  if (tx_ == Tx::Failed)
    throw Error(ErrorKind::SemanticError,
                "the transaction failed at an earlier statement and was rolled back; roll it "
                "back to end it before running more statements",
                {}, "TransactionMarkedAsFailed", ErrorPhase::Runtime);
  if (options.readOnly)
    for (const auto& q : plan.statement.queries)
      if (q.updates) refuseWrite(q.firstUpdate, "a statement that writes");
  StatementLimits limits(options.cancel, options.timeoutSeconds, options.maxMemoryBytes);
  limits.setStopFlag(stop);
  ExecContext ctx{*graph_, schema_, result.stats, limits, threads_, {}, {}, nullptr, importDir_};
  std::optional<ValidView> view;
  if (options.asOf) {
    // A statement that only reads may answer from visibility bitmaps: nothing it does
    // changes the validity columns (engine/validity.h).
    view.emplace(*graph_, *options.asOf, onlyReads(plan.statement));
    if (view->active()) ctx.view = &*view;
  }
  // A statement that writes runs to the end and commits before its rows are handed over; so
  // does one with --why, whose citations are numbered for the whole result.
  const bool streaming = receiver && !profile && !options.why && planStreams(plan);
  const bool autocommit = tx_ == Tx::None;
  // A read outside a transaction changes nothing, so it starts no graph transaction: other
  // reads may run beside it (Database::isRead).
  const bool transactional = !autocommit || !onlyReads(plan.statement);
  if (autocommit && transactional) graph_->begin();
  try {
    if (streaming) {
      receiver->start(result);
      runPlanStreaming(plan, ctx,
                       [receiver](std::vector<Value>& row) { return receiver->row(row); });
    } else {
      runPlan(plan, ctx, profile, result);
    }
    // A typed graph stays typed: writes are checked like loaded data, before commit.
    checkWritesAgainstSchema(*graph_, schema_, ctx.touchedNodes, ctx.touchedRels);
    if (options.readOnly && transactionChangedGraph(*graph_))
      refuseWrite({}, "a statement that writes (through a procedure)");
    if (autocommit && transactional) {
      logCommit();
      graph_->commit();
    } else if (!autocommit && readOnly_ && transactionChangedGraph(*graph_)) {
      logCommit();  // refuses it
    }
  } catch (Error& e) {
    if (transactional) graph_->rollback();
    if (!autocommit) tx_ = Tx::Failed;
    if (e.kind() != ErrorKind::SyntaxError && e.kind() != ErrorKind::SemanticError)
      e.setPhase(ErrorPhase::Runtime);
    throw;
  } catch (const std::exception& e) {
    if (transactional) graph_->rollback();
    if (!autocommit) tx_ = Tx::Failed;
    throw Error(ErrorKind::InternalError, e.what(), {}, "", ErrorPhase::Runtime);
  }
  if (options.why) {
    result.why = true;
    result.provenance.rowSources.resize(result.rows.size());
    result.provenance.rowConflicts.resize(result.rows.size());
  }
  if (autocommit && transactional) checkpointIfLarge();
  result.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (receiver && !streaming) {
    std::vector<std::vector<Value>> rows = std::move(result.rows);
    result.rows.clear();
    receiver->start(result);
    for (auto& row : rows)
      if (!receiver->row(row)) break;
  }
  return result;
}

}  // namespace silkgraph
