// Centrality algorithms over a projection (procedures/algo_projection.h):
//   algo.pageRank     power iteration over the Boost graph, as NetworkX's pagerank computes it
//                     (rank leaking from nodes without outgoing relationships is spread evenly;
//                     stops when the L1 change is below nodes x tolerance, or after
//                     maxIterations); scores sum to 1.
//   algo.betweenness  Brandes: unweighted, breadth-first searches of 64 sources at once
//                     (algo_betweenness.h; from every node, given sources or a seeded sample,
//                     scaled by n/k as NetworkX's k=); weighted,
//                     boost::brandes_betweenness_centrality with weightProperty,
//                     optionally normalised by 1/((n-1)(n-2)) (x2 when undirected), as NetworkX.
//   algo.degree       the relationships (or the sum of their weights) at each node in the
//                     projection's direction.
#include <algorithm>
#include <barrier>
#include <boost/graph/betweenness_centrality.hpp>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <utility>

#include "procedures/algo_betweenness.h"
#include "procedures/algo_compact_rows.h"
#include "procedures/algo_parallel.h"
#include "procedures/algo_projection.h"
#include "procedures/procedures.h"

namespace silkgraph {
namespace {

using algo::CompactRows;
using algo::Config;
using algo::Projection;

struct PageRankSettings {
  double damping;
  int maxIterations;
  double tolerance;
};

// The config's dampingFactor, maxIterations and tolerance, with their defaults.
PageRankSettings pageRankSettings(const Config& cfg) {
  return {cfg.number("dampingFactor", 0.85), static_cast<int>(cfg.number("maxIterations", 20)),
          cfg.number("tolerance", 1e-7)};
}

// PageRank with edges(u, f) calling f(other end, relationship) for each relationship of u.
template <class Edges>
void pageRankOn(const Edges& edges, const Projection& p, const Config& cfg, ProcedureContext& ctx,
                std::vector<double>& x) {
  const auto [d, maxIterations, tolerance] = pageRankSettings(cfg);
  const size_t limit = p.graph->nodeIdLimit();
  const double n = static_cast<double>(p.nodeCount);
  if (p.nodeCount == 0) return;
  auto weights = p.weights();
  const bool weighted = p.weightKey != kNoKey;
  auto weight = [&](NodeId u, NodeId v, RelId r) {
    return weighted ? get(weights, RelEdge{r, u, v}) : 1.0;
  };
  std::vector<double> outWeight(limit, 0.0), last(limit, 0.0);
  for (NodeId u = 0; u < limit; ++u) {
    if (!p.contains(u)) continue;
    ctx.poll();
    edges(u, [&](NodeId v, RelId r) { outWeight[u] += weight(u, v, r); });
  }
  for (NodeId u = 0; u < limit; ++u) x[u] = p.contains(u) ? 1.0 / n : 0.0;
  for (int it = 0; it < maxIterations; ++it) {
    x.swap(last);
    double dangling = 0;
    for (NodeId u = 0; u < limit; ++u) {
      x[u] = 0;
      if (p.contains(u) && outWeight[u] == 0) dangling += last[u];
    }
    for (NodeId u = 0; u < limit; ++u) {
      if (!p.contains(u) || outWeight[u] == 0) continue;
      ctx.poll();
      const double share = d * last[u] / outWeight[u];
      if (weighted) {
        edges(u, [&](NodeId v, RelId r) { x[v] += share * weight(u, v, r); });
      } else {
        edges(u, [&](NodeId v, RelId) { x[v] += share; });
      }
    }
    const double base = (d * dangling + (1.0 - d)) / n;
    double change = 0;
    for (NodeId u = 0; u < limit; ++u) {
      if (!p.contains(u)) continue;
      x[u] += base;
      change += std::fabs(x[u] - last[u]);
    }
    if (change < n * tolerance) break;
  }
}

// A node's relationships with their parallel ones collapsed: its distinct other ends, in the
// order they first appear in its rows, with how many relationships lead there.
struct CollapsedRows {
  std::vector<uint32_t> start;  // by node: where its ends begin in other and count
  std::vector<NodeId> other;
  std::vector<double> count;
};

// The rows collapsed, when that pays: more than 16 relationships a node on average (the
// SUPPLIES graph: 4,000) and at most half as many distinct (node, end) pairs as
// relationships; nothing otherwise.
std::optional<CollapsedRows> collapseParallel(const CompactRows& rows, const Projection& p,
                                              size_t relationships) {
  const size_t limit = p.graph->nodeIdLimit();
  if (relationships <= 16 * limit) return std::nullopt;
  CollapsedRows c;
  c.start.assign(limit + 1, 0);
  std::vector<uint32_t> seenFrom(limit, UINT32_MAX), slot(limit, 0);
  for (NodeId u = 0; u < limit; ++u) {
    c.start[u] = static_cast<uint32_t>(c.other.size());
    if (!p.contains(u)) continue;
    for (const CompactRows::Row& r : rows.rows()) {
      if (u >= r.vertices) continue;
      for (uint32_t i = r.start[u], end = r.start[u + 1]; i < end; ++i) {
        const NodeId v = r.other[i];
        if (seenFrom[v] == u) {
          c.count[slot[v]] += 1;
          continue;
        }
        seenFrom[v] = u;
        slot[v] = static_cast<uint32_t>(c.other.size());
        c.other.push_back(v);
        c.count.push_back(1);
      }
    }
  }
  c.start[limit] = static_cast<uint32_t>(c.other.size());
  if (2 * c.other.size() > relationships) return std::nullopt;
  return c;
}

// Unweighted PageRank over the compact rows: pageRankOn's sums in pageRankOn's order (so the
// same scores to the bit), with the relationships of a node read straight from its rows and
// the score a few relationships ahead prefetched: the loop is bound by those scattered
// additions, not by arithmetic. Where the rows have many parallel relationships
// (collapseParallel), each distinct end gets the share times their count instead: fewer
// additions, other roundings.
void pageRankRows(const CompactRows& rows, const Projection& p, const Config& cfg,
                  ProcedureContext& ctx, std::vector<double>& x) {
  const auto [d, maxIterations, tolerance] = pageRankSettings(cfg);
  const size_t limit = p.graph->nodeIdLimit();
  const double n = static_cast<double>(p.nodeCount);
  if (p.nodeCount == 0) return;
  constexpr uint32_t kAhead = 16;
  std::vector<uint32_t> degree(limit, 0);
  std::vector<double> last(limit, 0.0);  // zero: after the swap, the sums start from zero
  size_t relationships = 0;
  for (NodeId u = 0; u < limit; ++u)
    if (p.contains(u)) relationships += degree[u] = static_cast<uint32_t>(out_degree(u, rows));
  const std::optional<CollapsedRows> collapsed = collapseParallel(rows, p, relationships);
  double dangling = 0;  // the rank of the nodes without relationships out, in node order
  for (NodeId u = 0; u < limit; ++u) {
    x[u] = p.contains(u) ? 1.0 / n : 0.0;
    if (p.contains(u) && degree[u] == 0) dangling += x[u];
  }
  for (int it = 0; it < maxIterations; ++it) {
    x.swap(last);
    double* const sum = x.data();
    for (NodeId u = 0; u < limit; ++u) {
      if (!p.contains(u) || degree[u] == 0) continue;
      if ((u & 1023u) == 0) ctx.poll();
      const double share = d * last[u] / degree[u];
      if (collapsed) {
        for (uint32_t i = collapsed->start[u]; i < collapsed->start[u + 1]; ++i)
          sum[collapsed->other[i]] += share * collapsed->count[i];
        continue;
      }
      for (const CompactRows::Row& r : rows.rows()) {
        if (u >= r.vertices) continue;
        const NodeIds other = r.other;
        const uint32_t end = r.start[u + 1], total = r.start[r.vertices];
        for (uint32_t i = r.start[u]; i < end; ++i) {
          if (i + kAhead < total) __builtin_prefetch(sum + other[i + kAhead], 1);
          sum[other[i]] += share;
        }
      }
    }
    const double base = (d * dangling + (1.0 - d)) / n;
    double change = 0;
    dangling = 0;
    for (NodeId u = 0; u < limit; ++u) {  // one pass: the base, the change, the next dangling
      if (!p.contains(u)) continue;
      x[u] += base;
      change += std::fabs(x[u] - last[u]);
      last[u] = 0;  // the next iteration's sums
      if (degree[u] == 0) dangling += x[u];
    }
    if (change < n * tolerance) break;
  }
}

// pageRankRows split between `parts` threads, one pass of two phases per iteration: each part
// pushes the shares of a range of nodes (ranges of about equal relationship counts) into sums
// of its own, then each part merges a range of nodes (the parts' sums added in part order,
// then the base; the change and the next dangling rank as partial sums). Between the phases,
// one thread adds the partial sums in part order and decides whether to go on, so the scores
// do not depend on timing; they may differ from one thread's in the last bits (the additions'
// order differs). A cancelled query is seen there, once an iteration.
void pageRankRowsParallel(const CompactRows& rows, const Projection& p, const Config& cfg,
                          ProcedureContext& ctx, std::vector<double>& x, unsigned parts) {
  const PageRankSettings settings = pageRankSettings(cfg);
  const double d = settings.damping, tolerance = settings.tolerance;
  const int maxIterations = settings.maxIterations;
  const size_t limit = p.graph->nodeIdLimit();
  const double n = static_cast<double>(p.nodeCount);
  if (p.nodeCount == 0 || maxIterations <= 0) {
    for (NodeId u = 0; u < limit; ++u) x[u] = p.contains(u) ? 1.0 / n : 0.0;
    return;
  }
  constexpr uint32_t kAhead = 16;
  std::vector<uint32_t> degree(limit, 0);
  std::vector<size_t> pushFrom(parts + 1, limit), mergeFrom(parts + 1, limit);
  size_t total = 0;
  for (NodeId u = 0; u < limit; ++u)
    if (p.contains(u)) total += degree[u] = static_cast<uint32_t>(out_degree(u, rows));
  size_t seen = 0;  // push ranges of about total / parts relationships each
  for (NodeId u = 0, part = 1; u < limit && part < parts; ++u) {
    seen += degree[u];
    if (seen * parts >= total * part) pushFrom[part++] = u + 1;
  }
  pushFrom[0] = mergeFrom[0] = 0;
  for (unsigned t = 1; t < parts; ++t) mergeFrom[t] = limit * t / parts;
  double dangling = 0;
  for (NodeId u = 0; u < limit; ++u) {
    x[u] = p.contains(u) ? 1.0 / n : 0.0;
    if (p.contains(u) && degree[u] == 0) dangling += x[u];
  }
  std::vector<std::vector<double>> sums(parts, std::vector<double>(limit, 0.0));
  struct alignas(64) Partial {
    double change = 0, dangling = 0;
  };
  std::vector<Partial> partial(parts);
  double base = (d * dangling + (1.0 - d)) / n;
  bool merging = false, stop = false, cancelled = false;
  int iteration = 0;
  auto between = [&]() noexcept {  // one thread, while the others wait
    merging = !merging;
    if (merging) return;
    double change = 0;
    dangling = 0;
    for (const Partial& q : partial) change += q.change, dangling += q.dangling;
    base = (d * dangling + (1.0 - d)) / n;
    cancelled = ctx.stopRequested();
    stop = ++iteration >= maxIterations || change < n * tolerance || cancelled;
  };
  std::barrier sync(static_cast<std::ptrdiff_t>(parts), between);
  algo::runParts(parts, ctx, [&](unsigned t, ProcedureContext&) {
    double* const sum = sums[t].data();
    while (true) {
      for (NodeId u = pushFrom[t]; u < pushFrom[t + 1]; ++u) {
        if (!p.contains(u) || degree[u] == 0) continue;
        const double share = d * x[u] / degree[u];
        for (const CompactRows::Row& r : rows.rows()) {
          if (u >= r.vertices) continue;
          const NodeIds other = r.other;
          const uint32_t end = r.start[u + 1], last = r.start[r.vertices];
          for (uint32_t i = r.start[u]; i < end; ++i) {
            if (i + kAhead < last) __builtin_prefetch(sum + other[i + kAhead], 1);
            sum[other[i]] += share;
          }
        }
      }
      sync.arrive_and_wait();
      Partial mine;
      for (NodeId u = mergeFrom[t]; u < mergeFrom[t + 1]; ++u) {
        if (!p.contains(u)) continue;
        double v = 0;
        for (std::vector<double>& s : sums) v += std::exchange(s[u], 0.0);
        v += base;
        mine.change += std::fabs(v - x[u]);
        x[u] = v;
        if (degree[u] == 0) mine.dangling += v;
      }
      partial[t] = mine;
      sync.arrive_and_wait();
      if (stop) return;
    }
  });
  if (cancelled) ctx.limits->check();  // throws: cancelled, closed or past the deadline
}

// Runs PageRank over the compact rows when it can, over the Boost view otherwise.
template <Direction D>
bool pageRankCompact(const Projection& p, const Config& cfg, ProcedureContext& ctx,
                     std::vector<double>& x) {
  std::optional<CompactRows> rows = CompactRows::of<D>(p);
  if (!rows) return false;
  const unsigned parts = algo::partsFor(ctx, p.nodeCount, 4096);
  if (p.weightKey == kNoKey && parts > 1) {
    pageRankRowsParallel(*rows, p, cfg, ctx, x, parts);
  } else if (p.weightKey == kNoKey) {
    pageRankRows(*rows, p, cfg, ctx, x);
  } else {
    pageRankOn([&](NodeId u, auto&& f) { rows->forEach(u, f); }, p, cfg, ctx, x);
  }
  return true;
}

void pageRankProc(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.pageRank", {"dampingFactor", "maxIterations", "tolerance"},
             Direction::Out);
  const Projection& p = cfg.projection();
  const double d = cfg.number("dampingFactor", 0.85);
  if (!(d >= 0 && d < 1))
    throw Error(ErrorKind::ArgumentError, "algo.pageRank: 'dampingFactor' must be in [0, 1)", {},
                "InvalidArgumentValue", ErrorPhase::Runtime);
  std::vector<double> x(ctx.graph.nodeIdLimit(), 0.0);
  if (!p.filtered && p.direction == Direction::Out &&
      pageRankCompact<Direction::Out>(p, cfg, ctx, x))
    return algo::emitPerNode(p, x, sink);
  if (!p.filtered && p.direction == Direction::In && pageRankCompact<Direction::In>(p, cfg, ctx, x))
    return algo::emitPerNode(p, x, sink);
  algo::withDirectedGraph(p, [&](const auto& g) {
    auto edges = [&](NodeId u, auto&& f) {
      for (auto [e, end] = out_edges(u, g); e != end; ++e) f(target(*e, g), (*e).rel);
    };
    pageRankOn(edges, p, cfg, ctx, x);
  });
  algo::emitPerNode(p, x, sink);
}

// Unweighted betweenness from `sources` (algo_betweenness.h), the ones at
// first, first + parts * width, ... and the width - 1 after each, added into c: a batch of
// `width` sources at a time for BatchedBrandes, one at a time for PlainBrandes, which also takes
// the rest of the part's sources if a batch is too big for BatchedBrandes on this graph.
template <class Edges>
void betweennessPart(const Edges& edges, const std::vector<NodeId>& sources, size_t width,
                     size_t first, size_t parts, ProcedureContext& ctx, std::vector<double>& c) {
  std::optional<algo::BatchedBrandes> batched;
  std::optional<algo::PlainBrandes> plain;
  if (width > 1) batched.emplace(c.size());
  for (size_t b = first * width; b < sources.size(); b += parts * width) {
    const std::span<const NodeId> batch(sources.data() + b, std::min(width, sources.size() - b));
    if (batched && batched->run(edges, batch, ctx, c)) continue;
    batched.reset();
    if (!plain) plain.emplace(c.size());
    for (NodeId s : batch) plain->run(edges, s, ctx, c);
  }
}

// Betweenness from every source, in batches of BatchedBrandes::kWidth where the machine runs
// it (one source a batch otherwise), split between the statement's threads (ctx.threads):
// batch k goes to part k mod parts, each part sums into its own scores, and the parts' sums
// are added in part order, so the scores do not depend on timing (they may differ from one
// thread's, and from one kernel's to the other's, in the last bits: the additions' order
// differs).
template <class Edges>
void betweennessOn(const Edges& edges, const std::vector<NodeId>& sources, ProcedureContext& ctx,
                   std::vector<double>& c) {
  const size_t width = algo::batchedBrandesSupported() ? algo::BatchedBrandes::kWidth : 1;
  const unsigned parts = algo::partsFor(ctx, sources.size(), 64);
  std::vector<std::vector<double>> sums(parts - 1, std::vector<double>(c.size(), 0.0));
  algo::runParts(parts, ctx, [&](unsigned part, ProcedureContext& local) {
    betweennessPart(edges, sources, width, part, parts, local, part == 0 ? c : sums[part - 1]);
  });
  for (const std::vector<double>& part : sums)
    for (size_t v = 0; v < c.size(); ++v) c[v] += part[v];
}

// The sources of betweenness: every node of the projection, or `sources` (a list of its
// nodes), or `samplingSize` of them drawn with `samplingSeed` (a partial Fisher-Yates shuffle
// of the nodes in id order driven by std::mt19937_64, the same on every platform), sorted.
std::vector<NodeId> betweennessSources(const Config& cfg, const Projection& p) {
  std::vector<NodeId> all;
  for (NodeId n = 0; n < p.member.size(); ++n)
    if (p.contains(n)) all.push_back(n);
  const Value* given = cfg.find("sources");
  const Value* size = cfg.find("samplingSize");
  if (given && !given->isNull() && size && !size->isNull())
    cfg.fail("give 'sources' or 'samplingSize', not both");
  if (given && !given->isNull()) {
    if (given->type() != Value::Type::List) cfg.fail("'sources' must be a list of nodes");
    std::vector<NodeId> out;
    for (const Value& v : given->asList())
      out.push_back(algo::nodeArgument(v, p, "algo.betweenness", "'sources' item"));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  if (!size || size->isNull()) return all;
  const double k = cfg.number("samplingSize", 0);
  if (!(k >= 1 && k == std::floor(k)))
    cfg.fail("'samplingSize' must be a whole number of nodes, at least 1");
  const size_t take = std::min(all.size(), static_cast<size_t>(k));
  std::mt19937_64 rng(static_cast<uint64_t>(cfg.number("samplingSeed", 0)));
  for (size_t i = 0; i < take; ++i) std::swap(all[i], all[i + rng() % (all.size() - i)]);
  all.resize(take);
  std::sort(all.begin(), all.end());
  return all;
}

// The relationship weights as Boost's weighted Brandes reads them, once per relaxed
// relationship: the algorithm has no other hook, so the statement's limits are polled here.
struct PolledWeights {
  using key_type = RelEdge;
  using value_type = double;
  using reference = double;
  using category = boost::readable_property_map_tag;
  RelWeightMap weights;
  ProcedureContext* ctx;
  friend double get(const PolledWeights& m, const RelEdge& e) {
    m.ctx->poll();
    return get(m.weights, e);
  }
};

void betweennessProc(ProcedureContext& ctx, std::span<const Value> args,
                     const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.betweenness",
             {"normalized", "sources", "samplingSize", "samplingSeed"}, Direction::Out);
  const Projection& p = cfg.projection();
  std::vector<double> c(ctx.graph.nodeIdLimit(), 0.0);
  const double n = static_cast<double>(p.nodeCount);
  double scale = 1;
  if (p.weightKey != kNoKey) {
    if (cfg.find("sources") || cfg.find("samplingSize"))
      cfg.fail("'sources' and 'samplingSize' are for unweighted betweenness (no weightProperty)");
    algo::withDirectedGraph(p, [&](const auto& g) {
      auto centrality = boost::make_iterator_property_map(c.begin(), get(boost::vertex_index, g));
      boost::brandes_betweenness_centrality(
          g, boost::centrality_map(centrality).weight_map(PolledWeights{p.weights(), &ctx}));
    });
  } else {
    const std::vector<NodeId> sources = betweennessSources(cfg, p);
    std::optional<CompactRows> rows;
    if (p.direction == Direction::Out) rows = CompactRows::of<Direction::Out>(p);
    if (p.direction == Direction::In) rows = CompactRows::of<Direction::In>(p);
    if (rows) {
      betweennessOn([&](NodeId u, auto&& f) { rows->forEach(u, [&](NodeId w, RelId) { f(w); }); },
                    sources, ctx, c);
    } else {
      algo::withDirectedGraph(p, [&](const auto& g) {
        auto edges = [&](NodeId u, auto&& f) {
          for (auto [e, end] = out_edges(u, g); e != end; ++e) f(target(*e, g));
        };
        betweennessOn(edges, sources, ctx, c);
      });
    }
    if (p.direction == Direction::Both) scale = 0.5;  // each pair was counted from both ends
    if (!sources.empty()) scale *= n / static_cast<double>(sources.size());
  }
  if (cfg.boolean("normalized", false) && n > 2)
    scale *= (p.direction == Direction::Both ? 2.0 : 1.0) / ((n - 1) * (n - 2));
  if (scale != 1)
    for (double& v : c) v *= scale;
  algo::emitPerNode(p, c, sink);
}

void degreeProc(ProcedureContext& ctx, std::span<const Value> args, const ProcedureSink& sink) {
  Config cfg(ctx, args[0], "algo.degree", {}, Direction::Out);
  const Projection& p = cfg.projection();
  std::vector<double> deg(ctx.graph.nodeIdLimit(), 0.0);
  auto weights = p.weights();
  algo::withDirectedGraph(p, [&](const auto& g) {
    for (NodeId u = 0; u < deg.size(); ++u) {
      if (!p.contains(u)) continue;
      ctx.poll();
      for (auto [e, end] = out_edges(u, g); e != end; ++e)
        deg[u] += p.weightKey != kNoKey ? get(weights, *e) : 1.0;
    }
  });
  algo::emitPerNode(p, deg, sink);
}

}  // namespace

void registerCentralityProcedures(ProcedureRegistry& registry) {
  registry.add("algo.pageRank(config = {} :: MAP?) :: (node :: NODE?, score :: FLOAT?)",
               "PageRank of each node of the projection (config: relationshipTypes, nodeLabels, "
               "direction (default OUTGOING), weightProperty, dampingFactor 0.85, "
               "maxIterations 20, tolerance 1e-7); scores sum to 1, as NetworkX's pagerank.",
               pageRankProc);
  registry.add("algo.betweenness(config = {} :: MAP?) :: (node :: NODE?, score :: FLOAT?)",
               "Betweenness centrality (Brandes, Boost.Graph) of each node of the projection "
               "(config: relationshipTypes, nodeLabels, direction (default OUTGOING), "
               "weightProperty, normalized false; unweighted, an estimate from sources (a "
               "list of nodes) or samplingSize nodes drawn with samplingSeed, scaled by n/k).",
               betweennessProc);
  registry.add("algo.degree(config = {} :: MAP?) :: (node :: NODE?, score :: FLOAT?)",
               "Degree of each node of the projection in its direction (default OUTGOING), or "
               "the sum of weightProperty over those relationships.",
               degreeProc);
}

}  // namespace silkgraph
