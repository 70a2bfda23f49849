// Kuzu side of the algorithm benchmark (bench/run_algorithms.py): Kuzu 0.11.3 (npm package in
// bench/peers/) with its algo extension, which 0.11.3 links statically (no INSTALL, no
// download: `CALL show_loaded_extensions()` lists ALGO as "STATIC LINK"). In-memory database,
// THREADS threads (default 1: `CALL threads=N`); loads a dataset of bench/algo_data.py with
// COPY, projects it (project_graph), then times `CALL page_rank|weakly_connected_components|
// strongly_connected_components_kosaraju(...) RETURN count(*)` and reads the answers with a second,
// untimed call. Kuzu has no betweenness. Writes the JSON document of bench/algo_engines.py.
//
//   node bench/algo_kuzu.js DATASET OUT.json ALGOS RUNS [THREADS]
"use strict";
const path = require("path");
const fs = require("fs");
const kuzu = require(path.join(__dirname, "peers", "node_modules", "kuzu"));

const CALLS = {
  pagerank: ["page_rank('G', dampingFactor := 0.85, maxIterations := 20, tolerance := 0.0)", "rank"],
  wcc: ["weakly_connected_components('G')", "group_id"],
  // The default strongly_connected_components stops after maxIterations (100 by default) and
  // then returns wrong components without a warning (44 instead of 20,000 on the 20,000-node
  // power-law graph, which is acyclic); Kosaraju's is exact.
  scc: ["strongly_connected_components_kosaraju('G')", "group_id"],
};

async function main() {
  const [dataset, outFile, algos, runsArg, threadsArg] = process.argv.slice(2);
  const runs = Number(runsArg || 1);
  const threads = Number(threadsArg || 1);
  const meta = JSON.parse(fs.readFileSync(path.join(dataset, "meta.json"), "utf8"));
  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db, threads);
  const q = async (text) => {
    const res = await conn.query(text);
    const rows = await res.getAll();
    res.close();
    return rows;
  };
  await q(`CALL threads=${threads}`);
  const t0 = process.hrtime.bigint();
  await q("CREATE NODE TABLE V(i INT64 PRIMARY KEY, l STRING)");
  await q("CREATE REL TABLE E(FROM V TO V)");
  await q(`COPY V FROM '${path.resolve(dataset, "nodes.csv")}' (HEADER=true)`);
  await q(`COPY E FROM '${path.resolve(dataset, "edges.txt")}' (HEADER=false, DELIM=' ', FILE_FORMAT='csv')`);
  await q("CALL project_graph('G', ['V'], ['E'])");
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;

  const out = { engine: "kuzu", version: "0.11.3", threads, load_s: loadS, algorithms: {} };
  for (const name of algos.split(",")) {
    if (!CALLS[name]) continue;  // betweenness: not in Kuzu's algo extension
    const [call, col] = CALLS[name];
    const seconds = [], cpu = [];
    for (let r = 0; r < runs; ++r) {
      const s = process.hrtime.bigint(), c = process.cpuUsage();
      await q(`CALL ${call} RETURN count(*)`);
      seconds.push(Number(process.hrtime.bigint() - s) / 1e9);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1e6);
    }
    const values = new Array(meta.n).fill(0);
    for (const row of await q(`CALL ${call} RETURN node.i AS i, ${col} AS v`))
      values[Number(row.i)] = Number(row.v);
    out.algorithms[name] = { seconds, cpu, values };
  }
  const all = Object.values(out.algorithms);
  out.cpu_seconds = all.reduce((a, x) => a + x.cpu.reduce((b, y) => b + y, 0), 0);
  out.timed_seconds = all.reduce((a, x) => a + x.seconds.reduce((b, y) => b + y, 0), 0);
  fs.writeFileSync(outFile, JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`algo_kuzu: ${e.stack || e}\n`);
  process.exit(1);
});
