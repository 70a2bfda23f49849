// Kuzu side of `make bench-peers`: loads DATA/kuzu/*.csv with the DDL + COPY statements of
// bench/queries/kuzu_schema.cypher into an in-memory Kuzu 0.11.3 database (npm package in
// bench/peers/), one thread, then times each query (qN.kuzu.cypher if present, else the
// unchanged qN.cypher). Prints one JSON document (format: bench/run_peers.py).
//
//   node bench/kuzu_runner.js DATA RUNS
"use strict";
const path = require("path");
const fs = require("fs");
const kuzu = require(path.join(__dirname, "peers", "node_modules", "kuzu"));

function statements(text) {
  const body = text
    .split("\n")
    .filter((l) => !l.trim().startsWith("//"))
    .join("\n");
  return body
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main() {
  const [data, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg || 5);
  const qdir = path.join(__dirname, "queries");
  // Database(path, bufferPoolSize, compression, readOnly, maxDBSize, autoCheckpoint, threshold)
  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db, 1);
  await conn.query("CALL threads=1");
  const ddl = fs
    .readFileSync(path.join(qdir, "kuzu_schema.cypher"), "utf8")
    .replaceAll("$DATA", path.resolve(data));
  const t0 = process.hrtime.bigint();
  for (const st of statements(ddl)) await conn.query(st);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;

  const out = { engine: "kuzu", version: "0.11.3", load_ms: loadMs, queries: {} };
  for (let q = 1; q <= 8; ++q) {
    const kfile = path.join(qdir, `q${q}.kuzu.cypher`);
    const file = fs.existsSync(kfile) ? kfile : path.join(qdir, `q${q}.cypher`);
    const text = statements(fs.readFileSync(file, "utf8"))[0];
    const times = [];
    let rows = null;
    let columns = null;
    let spent = 0;
    // Fast queries run more often (until 1 s of timed runs, at most 200), as in bench_silkgraph.
    for (let i = 0; i <= runs || (spent < 1000 && i <= 200); ++i) {
      const s = process.hrtime.bigint();
      const res = await conn.query(text);
      const all = await res.getAll();
      const ms = Number(process.hrtime.bigint() - s) / 1e6;
      if (i === 0) {
        columns = res.getColumnNames ? await res.getColumnNames() : null;
        rows = all.map((r) => (columns ? columns.map((c) => r[c]) : Object.values(r)));
      } else {
        times.push(ms);  // run 0 is the warm-up
        spent += ms;
      }
      res.close();
    }
    out.queries[`Q${q}`] = {
      median_ms: median(times),
      min_ms: Math.min(...times),
      runs: times.length,
      columns,
      rows,
    };
  }
  out.peak_rss_kb = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === "bigint" ? Number(v) : v)) + "\n");
}

main().catch((e) => {
  process.stderr.write(`kuzu_runner: ${e.stack || e}\n`);
  process.exit(1);
});
