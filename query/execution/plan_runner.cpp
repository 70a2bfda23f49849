// Implements query/execution/plan_runner.h.
#include "query/execution/plan_runner.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>

#include "common/assert.h"
#include "query/execution/entity_list.h"
#include "query/execution/provenance.h"
#include "query/execution/why_index.h"
#include "query/function/statement_clock.h"

namespace silkgraph {

namespace {

using Clock = std::chrono::steady_clock;

// Runs every chain; `elapsed` (if given) receives each chain's time. Stops after a chain
// whose streaming sink asked for no more rows.
void runChains(Plan& plan, ExecContext& ctx, std::vector<Clock::duration>* elapsed) {
  for (auto& chain : plan.chains) {
    auto t = Clock::now();
    for (auto& op : chain.operators) op->ctx = &ctx;
    Row row(plan.statement.slotCount);
    Operator* first = chain.operators.front().get();
    first->push(row);
    first->finish();
    if (elapsed) elapsed->push_back(Clock::now() - t);
    auto* last = dynamic_cast<ResultOp*>(chain.operators.back().get());
    if (last && last->stopped()) break;
  }
}

using Counters = std::vector<std::vector<std::unique_ptr<RowCounterOp>>>;

// PROFILE: a row counter after every operator but the last of each chain.
Counters insertCounters(Plan& plan) {
  Counters counters;
  for (auto& chain : plan.chains) {
    auto& cs = counters.emplace_back();
    for (size_t i = 0; i + 1 < chain.operators.size(); ++i) {
      auto& c = cs.emplace_back(std::make_unique<RowCounterOp>());
      c->next = chain.operators[i]->next;
      chain.operators[i]->next = c.get();
    }
  }
  return counters;
}

// The plan text with each operator's rows and own time: the time below the counter before
// it (the whole chain for the first) minus the time below its own counter (none after the
// last).
std::string profiledPlan(const Plan& plan, const Counters& counters,
                         const std::vector<Clock::duration>& chainTimes) {
  std::vector<std::vector<uint64_t>> rows;
  std::vector<std::vector<double>> ms;
  for (size_t i = 0; i < plan.chains.size(); ++i) {
    auto& r = rows.emplace_back();
    for (auto& c : counters[i]) r.push_back(c->rows);
    r.push_back(plan.chains[i].rows.size());
    auto& m = ms.emplace_back();
    const auto& cs = counters[i];
    for (size_t k = 0; k <= cs.size(); ++k) {
      auto in = k == 0 ? chainTimes[i] : cs[k - 1]->below;
      auto out = k < cs.size() ? cs[k]->below : Clock::duration{};
      m.push_back(std::max(0.0, std::chrono::duration<double, std::milli>(in - out).count()));
    }
  }
  return plan.explain(&rows, &ms);
}

// The rows of every chain; with --why also each row's entities into `why` (a row UNION
// keeps once gets the entities of all its copies).
void gatherRows(Plan& plan, QueryResult& result, std::vector<Value>& why) {
  bool unionAll = std::all_of(plan.statement.unionAll.begin(), plan.statement.unionAll.end(),
                              [](bool b) { return b; });
  if (plan.chains.size() == 1 || unionAll) {
    for (auto& chain : plan.chains) {
      for (auto& r : chain.rows) result.rows.push_back(std::move(r));
      if (why.empty()) {
        why = std::move(chain.why);
      } else {
        for (auto& w : chain.why) why.push_back(std::move(w));
      }
    }
    return;
  }
  std::unordered_map<Value, size_t, ValueHash, ValueIdentical> seen;
  for (auto& chain : plan.chains) {
    for (size_t i = 0; i < chain.rows.size(); ++i) {
      auto [at, added] = seen.emplace(Value(ValueList(chain.rows[i])), result.rows.size());
      if (added) {
        result.rows.push_back(std::move(chain.rows[i]));
        if (plan.why) why.push_back(std::move(chain.why[i]));
      } else if (plan.why) {
        std::vector<Value> merged;
        EntitySeen entities;
        addEntities(why[at->second], merged, entities);
        addEntities(chain.why[i], merged, entities);
        why[at->second] = Value(std::move(merged));
      }
    }
  }
}

}  // namespace

void runPlan(Plan& plan, ExecContext& ctx, bool profile, QueryResult& result) {
  StatementClock clock;  // one "now" for the whole statement
  // Functions that build big values (range, list building) see the statement's limits.
  StatementLimits::Scope limitsScope(&ctx.limits);
  // --why: entities read once for the aggregations, when nothing the statement does changes
  // what they read (why_index.h).
  std::optional<WhyIndex> whyIndex;
  bool writes = std::any_of(plan.statement.queries.begin(), plan.statement.queries.end(),
                            [](const auto& q) { return q.updates; });
  if (plan.why && !writes) {
    ctx.why = &whyIndex.emplace(ctx.graph);
    ctx.why->wholeUpFront();
  }
  struct Reset {
    ExecContext& ctx;
    ~Reset() { ctx.why = nullptr; }
  } reset{ctx};
  Counters counters;
  if (profile) counters = insertCounters(plan);
  std::vector<Clock::duration> chainTimes;
  runChains(plan, ctx, profile ? &chainTimes : nullptr);
  if (profile) result.plan = profiledPlan(plan, counters, chainTimes);
  std::vector<Value> why;
  gatherRows(plan, result, why);
  if (plan.why) result.provenance = explainRows(ctx.graph, why, ctx.view, ctx.why);
}

}  // namespace silkgraph

namespace silkgraph {

bool planStreams(const Plan& plan) {
  for (const auto& q : plan.statement.queries)
    if (q.updates) return false;
  if (plan.chains.size() == 1) return true;
  return std::all_of(plan.statement.unionAll.begin(), plan.statement.unionAll.end(),
                     [](bool b) { return b; });
}

namespace {

// A MATCH that binds nodes only by their unique key (and checks or filters what is bound)
// gives at most one row for each row it gets: a point query.
bool matchGivesAtMostOneRow(const MatchOp& match) {
  for (const auto& step : match.program().steps) {
    switch (step.kind) {
      case MatchStep::Kind::IndexSeek:
        if (!step.seekUnique) return false;
        break;
      case MatchStep::Kind::CheckNode:
      case MatchStep::Kind::Filter:
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace

bool planMayYieldManyRows(const Plan& plan) {
  for (const auto& chain : plan.chains)
    for (const auto& op : chain.operators) {
      if (const auto* match = dynamic_cast<const MatchOp*>(op.get())) {
        if (!matchGivesAtMostOneRow(*match)) return true;
      } else if (dynamic_cast<const UnwindOp*>(op.get()) || dynamic_cast<const CallOp*>(op.get())) {
        return true;
      }
    }
  return false;
}

void runPlanStreaming(Plan& plan, ExecContext& ctx, const ResultSink& sink) {
  SG_ASSERT(planStreams(plan), "only a plan that writes nothing streams");
  StatementClock clock;
  StatementLimits::Scope limitsScope(&ctx.limits);
  for (auto& chain : plan.chains) {
    auto* last = dynamic_cast<ResultOp*>(chain.operators.back().get());
    SG_ASSERT(last != nullptr, "a chain ends in its result");
    last->streamTo(&sink);
  }
  runChains(plan, ctx, nullptr);
}

}  // namespace silkgraph
