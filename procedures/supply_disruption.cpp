// supply.disruption(exporter, resource, {period}): what stops if one exporter stops supplying a
// resource (docs/analytics.md). Two kinds of rows:
//   'imports'     per importer and year (or reporting period) with reports of the exporter
//                 supplying the resource (SUPPLIES share_pct by resource_id): the lowest and
//                 highest reported share the importer loses, the number of those reports and
//                 the shares reported for the other suppliers (each one's highest), which is
//                 what is known to remain;
//   'production'  per year with a production figure of the exporter (PRODUCES tonnes to the
//                 Resource node): the exporter's share of the production reported for every
//                 producer that year (the world share lost, as far as the data lists producers),
//                 its tonnes and the total.
// Reports are kept apart, never averaged; shares need not sum to 100 %. Under a view date
// (--as-of) only the facts visible that day count, as in every procedure.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "common/text.h"
#include "engine/validity.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

constexpr const char* kProc = "supply.disruption";

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorKind::ArgumentError, std::string(kProc) + ": " + message, {},
              "InvalidArgumentValue", ErrorPhase::Runtime);
}

// The node with this label and id, or fails naming the closest id of that label.
NodeId nodeById(const Graph& g, const char* label, const Value& id, const char* what) {
  if (id.type() != Value::Type::String) fail(std::string("the ") + what + " must be an id string");
  LabelId l = g.labelId(label);
  KeyId k = g.keyId("id");
  NodeId found = kInvalidId;
  std::vector<std::string> ids;
  if (l != kNoLabel && k != kNoKey) {
    g.forEachNodeWithLabel(l, [&](NodeId n) {
      Value v = g.nodeProperty(n, k);
      if (v.type() != Value::Type::String) return true;
      if (v.asString() == id.asString()) found = n;
      ids.push_back(v.asString());
      return found == kInvalidId;
    });
  }
  if (found != kInvalidId) return found;
  std::vector<std::string_view> names(ids.begin(), ids.end());
  std::string hint = text::closest(id.asString(), names);
  fail("there is no " + std::string(label) + " with id '" + id.asString() + "'" +
       (hint.empty() ? "" : " (did you mean " + hint + "?)"));
}

// The period a config asks for ("" for all): a year or a reporting-period string.
std::string wantedPeriod(const Value& config) {
  if (config.isNull()) return "";
  if (config.type() != Value::Type::Map) fail("the config must be a map");
  std::string wanted;
  for (const auto& [key, v] : config.asMap()) {
    if (key != "period") {
      std::string hint = text::closest(key, std::vector<std::string_view>{"period"});
      fail("unknown config key '" + key + "'" +
           (hint.empty() ? "" : " (did you mean " + hint + "?)") + "; it takes period");
    }
    if (v.type() == Value::Type::Int) {
      wanted = std::to_string(v.asInt());
    } else if (v.type() == Value::Type::String) {
      wanted = v.asString();
    } else if (!v.isNull()) {
      fail("'period' must be a year (an integer) or a period string");
    }
  }
  return wanted;
}

// A year (2024) or a reporting period ('2012-01/2012-11') of a relationship as text.
std::string periodOf(const Graph& g, RelId r) {
  KeyId year = g.keyId("year"), period = g.keyId("period");
  Value y = year == kNoKey ? Value() : g.relProperty(r, year);
  if (y.type() == Value::Type::Int) return std::to_string(y.asInt());
  Value p = period == kNoKey ? Value() : g.relProperty(r, period);
  return p.type() == Value::Type::String ? p.asString() : "";
}

struct Range {
  double low = 0, high = 0;
  int64_t count = 0;
  void add(double v) {
    low = count ? std::min(low, v) : v;
    high = count ? std::max(high, v) : v;
    ++count;
  }
};

// importer -> period -> supplier -> the range of the reported shares.
using Reports = std::map<NodeId, std::map<std::string, std::map<NodeId, Range>>>;

Reports supplyReports(const Graph& g, const std::string& resource, const std::string& wanted,
                      const ValidView* view) {
  Reports out;
  TypeId supplies = g.typeId("SUPPLIES");
  KeyId resourceKey = g.keyId("resource_id"), share = g.keyId("share_pct");
  if (supplies == kNoType || resourceKey == kNoKey || share == kNoKey) return out;
  for (RelId r = 0; r < g.relIdLimit(); ++r) {
    if (!g.relExists(r) || g.relType(r) != supplies) continue;
    if (view && !view->rel(r)) continue;  // hidden by the statement's view date
    Value res = g.relProperty(r, resourceKey), s = g.relProperty(r, share);
    if (res.type() != Value::Type::String || res.asString() != resource || !s.isNumber()) continue;
    std::string p = periodOf(g, r);
    if (!wanted.empty() && p != wanted) continue;
    out[g.relTarget(r)][p][g.relSource(r)].add(s.asNumber());
  }
  return out;
}

bool emitImports(const Reports& reports, NodeId exporter, const ProcedureSink& sink) {
  for (const auto& [importer, periods] : reports) {
    for (const auto& [period, suppliers] : periods) {
      auto lost = suppliers.find(exporter);
      if (lost == suppliers.end()) continue;
      double others = 0;
      for (const auto& [supplier, range] : suppliers)
        if (supplier != exporter) others += range.high;
      std::vector<Value> row{Value("imports"),
                             Value(period),
                             Value(NodeRef{importer}),
                             Value(lost->second.low),
                             Value(lost->second.high),
                             Value(lost->second.count),
                             Value(others),
                             Value(),
                             Value()};
      if (!sink(row)) return false;
    }
  }
  return true;
}

// Per year (year -> producer -> the range of its reported tonnes), the exporter's share.
void emitProduction(const Graph& g, NodeId exporter, NodeId resource, const std::string& wanted,
                    const ValidView* view, const ProcedureSink& sink) {
  TypeId produces = g.typeId("PRODUCES");
  KeyId tonnes = g.keyId("tonnes");
  if (produces == kNoType || tonnes == kNoKey) return;
  std::map<std::string, std::map<NodeId, Range>> years;
  g.forEachAdjacent(resource, Direction::In, produces, [&](RelId r, NodeId producer) {
    if (view && !view->rel(r)) return true;
    Value t = g.relProperty(r, tonnes);
    std::string year = periodOf(g, r);
    if (t.isNumber() && !year.empty() && (wanted.empty() || year == wanted))
      years[year][producer].add(t.asNumber());
    return true;
  });
  for (const auto& [year, producers] : years) {
    auto e = producers.find(exporter);
    if (e == producers.end()) continue;
    double othersLow = 0, othersHigh = 0, total = 0;
    for (const auto& [producer, range] : producers) {
      total += range.high;
      if (producer == exporter) continue;
      othersLow += range.low;
      othersHigh += range.high;
    }
    // The exporter's lowest figure against the others' highest, and the other way round.
    auto pct = [](double part, double rest) {
      return part + rest > 0 ? Value(100 * part / (part + rest)) : Value();
    };
    std::vector<Value> row{Value("production"),
                           Value(year),
                           Value(),
                           pct(e->second.low, othersHigh),
                           pct(e->second.high, othersLow),
                           Value(static_cast<int64_t>(producers.size())),
                           Value(),
                           Value(e->second.high),
                           Value(total)};
    if (!sink(row)) return;
  }
}

void disruption(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  const Graph& g = ctx.graph;
  NodeId exporter = nodeById(g, "Nation", args[0], "exporter (a Nation id)");
  NodeId resource = nodeById(g, "Resource", args[1], "resource (a Resource id)");
  std::string wanted = wantedPeriod(args[2]);
  if (!emitImports(supplyReports(g, args[1].asString(), wanted, ctx.view), exporter, sink)) return;
  emitProduction(g, exporter, resource, wanted, ctx.view, sink);
}

}  // namespace

void registerDisruptionProcedures(ProcedureRegistry& registry) {
  registry.add(
      "supply.disruption(exporter :: STRING?, resource :: STRING?, config = {} :: MAP?) "
      ":: (kind :: STRING?, period :: STRING?, importer :: NODE?, lowPct :: FLOAT?, "
      "highPct :: FLOAT?, reports :: INTEGER?, othersPct :: FLOAT?, tonnes :: FLOAT?, "
      "totalTonnes :: FLOAT?)",
      "What stops if a Nation stops supplying a resource: per importer and year, the "
      "lowest and highest reported share of its imports lost (SUPPLIES) and the others' "
      "reported shares; per year, the exporter's share of the production reported for "
      "all producers (PRODUCES tonnes). config: period (docs/analytics.md).",
      disruption);
}

}  // namespace silkgraph
