// bench_micro: Google Benchmark figures for the in-process hot paths under the queries of
// `make bench` (one hop of expansion, property reads, key lookup, whole queries from their
// text and prepared: Q1, Q4, Q5, Q6), on a data directory written by bench_generate. Loaded once,
// shared by every benchmark.
//
//   bench_micro --data DIR [google benchmark flags, e.g. --benchmark_min_time=0.2]
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "main/database.h"

using namespace silkgraph;

namespace {

struct Fixture {
  Database db;
  NodeId kor = kInvalidId;
  TypeId supplies = kNoType;
  KeyId tonnes = kNoKey, resource = kNoKey;
  LabelId nation = kNoLabel;
};

std::unique_ptr<Fixture> g_fx;

void BM_ExpandIn(benchmark::State& st) {
  const Graph& g = g_fx->db.graph();
  size_t n = 0;
  for (auto _ : st) {
    uint64_t sum = 0;
    n = 0;
    g.forEachAdjacent(g_fx->kor, Direction::In, g_fx->supplies, [&](RelId r, NodeId m) {
      sum += r ^ m;
      ++n;
    });
    benchmark::DoNotOptimize(sum);
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}

void BM_ExpandInReadTonnes(benchmark::State& st) {
  const Graph& g = g_fx->db.graph();
  size_t n = 0;
  for (auto _ : st) {
    double sum = 0;
    n = 0;
    g.forEachAdjacent(g_fx->kor, Direction::In, g_fx->supplies, [&](RelId r, NodeId) {
      sum += g.relProperty(r, g_fx->tonnes).asFloat();
      ++n;
    });
    benchmark::DoNotOptimize(sum);
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}

void BM_ExpandInReadResource(benchmark::State& st) {
  const Graph& g = g_fx->db.graph();
  size_t n = 0;
  for (auto _ : st) {
    size_t hits = 0;
    n = 0;
    g.forEachAdjacent(g_fx->kor, Direction::In, g_fx->supplies, [&](RelId r, NodeId) {
      hits += g.relProperty(r, g_fx->resource).asString().size() == 3;
      ++n;
    });
    benchmark::DoNotOptimize(hits);
  }
  st.SetItemsProcessed(static_cast<int64_t>(st.iterations() * n));
}

void BM_FindByKey(benchmark::State& st) {
  const Graph& g = g_fx->db.graph();
  Value key(std::string("KOR"));
  for (auto _ : st) benchmark::DoNotOptimize(g.findByKey(g_fx->nation, key));
}

void BM_Query(benchmark::State& st, const char* text) {
  for (auto _ : st) benchmark::DoNotOptimize(g_fx->db.execute(text).rows.size());
}

// The same through Database::prepare: parsed once, bound, planned and run per iteration.
void BM_Prepared(benchmark::State& st, const char* text) {
  PreparedQuery q = g_fx->db.prepare(text);
  for (auto _ : st) benchmark::DoNotOptimize(g_fx->db.execute(q).rows.size());
}

constexpr const char* kQ4 =
    "MATCH p = shortestPath((a:Nation {id: 'KOR'})-[:SUPPLIES*..8]->(b:Nation {id: 'TKL'})) "
    "RETURN [n IN nodes(p) | n.id] AS path, length(p) AS hops";
constexpr const char* kQ1 =
    "MATCH (s:Nation)-[r:SUPPLIES]->(k:Nation {id: 'KOR'}) "
    "WHERE r.resource = 'REE' AND r.year = 2020 "
    "RETURN s.id AS supplier, sum(r.tonnes) AS tonnes ORDER BY tonnes DESC, supplier";
constexpr const char* kQ1a =
    "MATCH (s:Nation)-[r:SUPPLIES]->(k:Nation {id: 'KOR'}) "
    "WHERE r.resource = 'REE' AND r.year = 2020 RETURN count(*) AS c";
constexpr const char* kQ1b =
    "MATCH (s:Nation)-[r:SUPPLIES]->(k:Nation {id: 'KOR'}) "
    "WHERE r.resource = 'REE' AND r.year = 2020 RETURN s.id AS supplier, sum(r.tonnes) AS tonnes";
constexpr const char* kQ6 =
    "MATCH (a:Nation {id: 'KOR'})<-[r1:SUPPLIES]-(b:Nation)<-[r2:SUPPLIES]-(c:Nation)"
    "<-[r3:SUPPLIES]-(d:Nation) "
    "WHERE r1.resource = 'REE' AND r1.year = 2020 "
    "AND r2.resource = 'REE' AND r2.year = 2019 AND r2.tonnes > 100000 "
    "AND r3.resource = 'REE' AND r3.year = 2018 AND r3.tonnes > 1000000 "
    "RETURN count(*) AS paths, count(DISTINCT d) AS origins";
constexpr const char* kQ5 =
    "MATCH (n:Nation {id: 'CHN'})-[:BORDERS]->(m:Nation) "
    "RETURN n.name, m.id, m.name ORDER BY m.id";

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc)
      data = argv[++i];
    else
      rest.push_back(argv[i]);
  }
  if (data.empty()) {
    std::fprintf(stderr, "usage: bench_micro --data DIR [benchmark flags]\n");
    return 2;
  }
  try {
    g_fx = std::make_unique<Fixture>();
    g_fx->db.load({data});
    Graph& g = g_fx->db.graph();
    g_fx->nation = g.labelId("Nation");
    g_fx->supplies = g.typeId("SUPPLIES");
    g_fx->tonnes = g.keyId("tonnes");
    g_fx->resource = g.keyId("resource");
    g_fx->kor = g.findByKey(g_fx->nation, Value(std::string("KOR")));
    if (g_fx->kor == kInvalidId || g_fx->supplies == kNoType || g_fx->tonnes == kNoKey) {
      std::fprintf(stderr, "bench_micro: %s is not a bench_generate directory\n", data.c_str());
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_micro: %s\n", e.what());
    return 1;
  }
  benchmark::RegisterBenchmark("expand_in_KOR_SUPPLIES", BM_ExpandIn);
  benchmark::RegisterBenchmark("expand_in_KOR_read_tonnes", BM_ExpandInReadTonnes);
  benchmark::RegisterBenchmark("expand_in_KOR_read_resource", BM_ExpandInReadResource);
  benchmark::RegisterBenchmark("find_by_key_Nation_KOR", BM_FindByKey);
  benchmark::RegisterBenchmark("query_Q5_point_lookup", BM_Query, kQ5);
  benchmark::RegisterBenchmark("prepared_Q5_point_lookup", BM_Prepared, kQ5);
  benchmark::RegisterBenchmark("prepared_Q1_selective_aggregate", BM_Prepared, kQ1);
  benchmark::RegisterBenchmark("prepared_Q6_three_hops_filtered", BM_Prepared, kQ6);
  benchmark::RegisterBenchmark("prepared_Q1a_count", BM_Prepared, kQ1a);
  benchmark::RegisterBenchmark("prepared_Q1b_grouped", BM_Prepared, kQ1b);
  benchmark::RegisterBenchmark("query_Q4_shortest_path", BM_Query, kQ4);
  benchmark::RegisterBenchmark("prepared_Q4_shortest_path", BM_Prepared, kQ4);
  benchmark::RegisterBenchmark("query_Q1_selective_aggregate", BM_Query,
                               "MATCH (s:Nation)-[r:SUPPLIES]->(k:Nation {id: 'KOR'}) "
                               "WHERE r.resource = 'REE' AND r.year = 2020 "
                               "RETURN s.id AS supplier, sum(r.tonnes) AS tonnes "
                               "ORDER BY tonnes DESC, supplier");
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
