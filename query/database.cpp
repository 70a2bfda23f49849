// Implements Database (query/database.h): runs a statement through parse -> bind -> plan ->
// execute inside a graph transaction, so that a failing statement changes nothing.
#include "query/database.h"

#include <chrono>
#include <unordered_set>

#include "query/binder/binder.h"
#include "query/execution/schema_check.h"
#include "query/parser/parser.h"
#include "query/planner/planner.h"

namespace silkgraph {

Database::Database() : graph_(std::make_unique<Graph>()) {}
Database::~Database() = default;

void Database::applySchemaIndexes() {
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
}

namespace {

// Runs every chain; `elapsed` (if given) receives each chain's time.
void runChains(Plan& plan, ExecContext& ctx,
               std::vector<std::chrono::steady_clock::duration>* elapsed = nullptr) {
  for (auto& chain : plan.chains) {
    auto t = std::chrono::steady_clock::now();
    for (auto& op : chain.operators) op->ctx = &ctx;
    Row row(plan.statement.slotCount);
    Operator* first = chain.operators.front().get();
    first->push(row);
    first->finish();
    if (elapsed) elapsed->push_back(std::chrono::steady_clock::now() - t);
  }
}

}  // namespace

PreparedQuery Database::prepare(std::string_view query) const {
  PreparedQuery q;
  q.text_ = std::string(query);
  q.statement_ = std::make_shared<const ast::Statement>(parseStatement(query));
  return q;
}

std::vector<Notice> Database::notices(const PreparedQuery& query) const {
  if (!query.statement_) return {};
  return unknownNameNotices(*query.statement_, *graph_, schema_);
}

QueryResult Database::execute(std::string_view query, const Params& params,
                              const std::atomic<bool>* cancel) {
  auto start = std::chrono::steady_clock::now();
  ast::Statement statement = parseStatement(query);
  return run(statement, params, cancel, start);
}

QueryResult Database::execute(const PreparedQuery& query, const Params& params,
                              const std::atomic<bool>* cancel) {
  auto start = std::chrono::steady_clock::now();
  if (!query.statement_)
    throw Error(ErrorKind::InternalError, "execute: the prepared query is empty", {}, "",
                ErrorPhase::Runtime);
  return run(*query.statement_, params, cancel, start);
}

QueryResult Database::run(const ast::Statement& statement, const Params& params,
                          const std::atomic<bool>* cancel,
                          std::chrono::steady_clock::time_point start) {
  BoundStatement bound = bindStatement(statement, params);
  bool explain = bound.explain;
  bool profile = bound.profile;
  std::unique_ptr<Plan> plan = planStatement(std::move(bound), *graph_);

  QueryResult result;
  result.columns = plan->statement.queries.front().columns;
  if (explain) {
    result.explain = true;
    result.plan = plan->explain();
    return result;
  }
  // PROFILE: a row counter after every operator but the last; the plan is printed with the
  // counts and each operator's own time once the statement has run.
  std::vector<std::vector<std::unique_ptr<RowCounterOp>>> counters;
  if (profile) {
    for (auto& chain : plan->chains) {
      auto& cs = counters.emplace_back();
      for (size_t i = 0; i + 1 < chain.operators.size(); ++i) {
        auto& c = cs.emplace_back(std::make_unique<RowCounterOp>());
        c->next = chain.operators[i]->next;
        chain.operators[i]->next = c.get();
      }
    }
  }
  ExecContext ctx{*graph_, schema_, result.stats, cancel, 0, threads_, {}, {}};
  std::vector<std::chrono::steady_clock::duration> chainTimes;
  graph_->begin();
  try {
    runChains(*plan, ctx, profile ? &chainTimes : nullptr);
    // A typed graph stays typed: writes are checked like loaded data, before commit.
    checkWritesAgainstSchema(*graph_, schema_, ctx.touchedNodes, ctx.touchedRels);
    graph_->commit();
  } catch (Error& e) {
    graph_->rollback();
    if (e.kind() != ErrorKind::SyntaxError && e.kind() != ErrorKind::SemanticError)
      e.setPhase(ErrorPhase::Runtime);
    throw;
  } catch (const std::exception& e) {
    graph_->rollback();
    throw Error(ErrorKind::InternalError, e.what(), {}, "", ErrorPhase::Runtime);
  }
  if (profile) {
    std::vector<std::vector<uint64_t>> rows;
    std::vector<std::vector<double>> ms;
    for (size_t i = 0; i < plan->chains.size(); ++i) {
      auto& r = rows.emplace_back();
      for (auto& c : counters[i]) r.push_back(c->rows);
      r.push_back(plan->chains[i].rows.size());
      // Own time of operator k: the time below the counter before it (the whole chain for
      // the first) minus the time below its own counter (nothing after the last).
      auto& m = ms.emplace_back();
      const auto& cs = counters[i];
      for (size_t k = 0; k <= cs.size(); ++k) {
        auto in = k == 0 ? chainTimes[i] : cs[k - 1]->below;
        auto out = k < cs.size() ? cs[k]->below : std::chrono::steady_clock::duration{};
        m.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(in - out).count()));
      }
    }
    result.plan = plan->explain(&rows, &ms);
  }
  bool unionAll = std::all_of(plan->statement.unionAll.begin(), plan->statement.unionAll.end(),
                              [](bool b) { return b; });
  if (plan->chains.size() == 1 || unionAll) {
    for (auto& chain : plan->chains) {
      for (auto& r : chain.rows) result.rows.push_back(std::move(r));
    }
  } else {
    std::unordered_set<Value, ValueHash, ValueIdentical> seen;
    for (auto& chain : plan->chains) {
      for (auto& r : chain.rows) {
        if (seen.insert(Value(ValueList(r))).second) result.rows.push_back(std::move(r));
      }
    }
  }
  result.elapsedMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace silkgraph
