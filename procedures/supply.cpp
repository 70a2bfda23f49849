// Supply-risk analytics over the geopolitical data model (docs/analytics.md): reported import
// shares, as SUPPLIES relationships (supplier)-[:SUPPLIES {resource_id, share_pct, year |
// period}]->(importer), each one sourced report.
//   supply.shares         each supplier's reported share of an importer's imports of a
//                         resource, per year (or reporting period): the range of the reports
//   supply.concentration  per year: the Herfindahl-Hirschman index of the reported shares,
//                         from the lowest and from the highest report of each supplier, and
//                         the largest share
// Reports are never averaged away: sources disagree (several reports for one supplier and
// year), and reported shares need not sum to 100 %.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "engine/validity.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

struct Report {
  double low = 0, high = 0;
  int64_t count = 0;
};
// period -> supplier -> the range of its reported shares
using SharesByPeriod = std::map<std::string, std::map<NodeId, Report>>;

[[noreturn]] void fail(const std::string& procedure, const std::string& message) {
  throw Error(ErrorKind::ArgumentError, procedure + ": " + message, {}, "InvalidArgumentValue",
              ErrorPhase::Runtime);
}

// A year (2024) or a reporting period ('2012-01/2012-11') as text.
std::string periodOf(const Graph& g, RelId r, KeyId year, KeyId period) {
  Value y = year == kNoKey ? Value() : g.relProperty(r, year);
  if (y.type() == Value::Type::Int) return std::to_string(y.asInt());
  Value p = period == kNoKey ? Value() : g.relProperty(r, period);
  if (p.type() == Value::Type::String) return p.asString();
  return "";
}

SharesByPeriod collectShares(const Graph& g, std::span<const Value> args, const char* proc,
                             const ValidView* view) {
  if (args[0].type() != Value::Type::String || args[1].type() != Value::Type::String)
    fail(proc, "the importer (a Nation id) and the resource (a resource_id) must be strings");
  LabelId nation = g.labelId("Nation");
  KeyId id = g.keyId("id");
  NodeId importer = kInvalidId;
  if (nation != kNoLabel && id != kNoKey) {
    g.forEachNodeWithLabel(nation, [&](NodeId n) {
      Value v = g.nodeProperty(n, id);
      if (v.type() == Value::Type::String && v.asString() == args[0].asString()) importer = n;
      return importer == kInvalidId;
    });
  }
  if (importer == kInvalidId) fail(proc, "there is no Nation with id '" + args[0].asString() + "'");
  std::string wanted;
  if (args[2].type() == Value::Type::Int) {
    wanted = std::to_string(args[2].asInt());
  } else if (args[2].type() == Value::Type::String) {
    wanted = args[2].asString();
  } else if (!args[2].isNull()) {
    fail(proc, "the period must be a year (an integer) or a period string");
  }
  SharesByPeriod out;
  TypeId supplies = g.typeId("SUPPLIES");
  KeyId resource = g.keyId("resource_id"), share = g.keyId("share_pct");
  KeyId year = g.keyId("year"), period = g.keyId("period");
  if (supplies == kNoType || resource == kNoKey || share == kNoKey) return out;
  g.forEachAdjacent(importer, Direction::In, supplies, [&](RelId r, NodeId supplier) {
    if (view && !view->rel(r)) return true;
    Value res = g.relProperty(r, resource), s = g.relProperty(r, share);
    if (res.type() != Value::Type::String || res.asString() != args[1].asString()) return true;
    if (!s.isNumber()) return true;  // a report without a number ("virtually all" is kept)
    std::string p = periodOf(g, r, year, period);
    if (!wanted.empty() && p != wanted) return true;
    Report& rep = out[p][supplier];
    double v = s.asNumber();
    rep.low = rep.count ? std::min(rep.low, v) : v;
    rep.high = rep.count ? std::max(rep.high, v) : v;
    ++rep.count;
    return true;
  });
  return out;
}

void shares(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  for (const auto& [period, suppliers] :
       collectShares(ctx.graph, args, "supply.shares", ctx.view)) {
    for (const auto& [supplier, rep] : suppliers) {
      std::vector<Value> row{Value(period), Value(NodeRef{supplier}), Value(rep.low),
                             Value(rep.high), Value(rep.count)};
      if (!sink(row)) return;
    }
  }
}

// The 2023 DOJ/FTC Merger Guidelines' bands for an HHI on the 0-10,000 scale.
const char* band(double hhi) {
  if (hhi > 1800) return "highly concentrated";
  if (hhi >= 1000) return "moderately concentrated";
  return "unconcentrated";
}

void concentration(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  for (const auto& [period, suppliers] :
       collectShares(ctx.graph, args, "supply.concentration", ctx.view)) {
    double hhiLow = 0, hhiHigh = 0, reportedLow = 0, reportedHigh = 0, largest = -1;
    NodeId top = kInvalidId;
    for (const auto& [supplier, rep] : suppliers) {
      hhiLow += rep.low * rep.low;
      hhiHigh += rep.high * rep.high;
      reportedLow += rep.low;
      reportedHigh += rep.high;
      if (rep.high > largest) {
        largest = rep.high;
        top = supplier;
      }
    }
    std::string level = band(hhiLow);
    if (level != band(hhiHigh)) level += " to " + std::string(band(hhiHigh));
    std::vector<Value> row{Value(period),       Value(hhiLow),
                           Value(hhiHigh),      Value(NodeRef{top}),
                           Value(largest),      Value(reportedLow),
                           Value(reportedHigh), Value(static_cast<int64_t>(suppliers.size())),
                           Value(level)};
    if (!sink(row)) return;
  }
}

}  // namespace

void registerSupplyProcedures(ProcedureRegistry& registry) {
  registry.add(
      "supply.shares(importer :: STRING?, resource :: STRING?, period = null :: ANY?) "
      ":: (period :: STRING?, supplier :: NODE?, lowPct :: FLOAT?, highPct :: FLOAT?, "
      "reports :: INTEGER?)",
      "Each supplier's reported share of a Nation's imports of a resource "
      "(SUPPLIES share_pct by resource_id), per year or reporting period: the lowest "
      "and highest of the reports and how many there are (docs/analytics.md).",
      shares);
  registry.add(
      "supply.concentration(importer :: STRING?, resource :: STRING?, "
      "period = null :: ANY?) :: (period :: STRING?, hhiLow :: FLOAT?, "
      "hhiHigh :: FLOAT?, largestSupplier :: NODE?, largestPct :: FLOAT?, "
      "reportedLowPct :: FLOAT?, reportedHighPct :: FLOAT?, suppliers :: INTEGER?, "
      "level :: STRING?)",
      "Per year or period, the Herfindahl-Hirschman index (0-10,000) of a Nation's "
      "reported import shares of a resource from each supplier's lowest and highest "
      "report, the largest share and the 2023 DOJ/FTC concentration band "
      "(docs/analytics.md).",
      concentration);
}

}  // namespace silkgraph
