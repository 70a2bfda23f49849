// Kuzu side of bench/python_frame.py (docs/python.md, "Performance"): the same N rows of four
// columns (int64, double, a string of 1,000 distinct values computed per row, bool) made by
// UNWIND in an in-memory Kuzu 0.11.3 database (npm package in bench/peers/, one thread) and
// fetched with QueryResult.getAll(), the Kuzu client's way of reading every row into the
// host language (each row one asynchronous call), and with getAllSync() (the same rows, read on
// the main thread). Prints one JSON line: the best of RUNS of each, in ms: query_ms (execute),
// get_all_ms / get_all_sync_ms (the fetch alone) and total_ms / total_sync_ms (both).
//
//   node bench/python_frame_kuzu.js N RUNS
"use strict";
const path = require("path");
const kuzu = require(path.join(__dirname, "peers", "node_modules", "kuzu"));

const QUERY =
  "UNWIND range(1, $n) AS i " +
  "RETURN i AS id, i * 0.5 AS score, 'name' + CAST(i % 1000 AS STRING) AS name, " +
  "i % 7 = 0 AS flag";

function ms(since) {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

async function main() {
  const n = Number(process.argv[2] || 1000000);
  const runs = Number(process.argv[3] || 3);
  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db, 1);
  await conn.query("CALL threads=1");
  const prepared = await conn.prepare(QUERY);
  const best = {};
  const keep = (key, value) => (best[key] = Math.min(best[key] ?? Infinity, value));
  let rows = 0;
  let first = null;
  let last = null;
  for (let r = 0; r < runs; ++r) {
    for (const sync of [false, true]) {
      const start = process.hrtime.bigint();
      const res = await conn.execute(prepared, { n });
      keep("query_ms", ms(start));
      const fetchStart = process.hrtime.bigint();
      const all = sync ? res.getAllSync() : await res.getAll();
      keep(sync ? "get_all_sync_ms" : "get_all_ms", ms(fetchStart));
      keep(sync ? "total_sync_ms" : "total_ms", ms(start));
      if (rows && all.length !== rows) throw new Error(`${all.length} rows, then ${rows}`);
      rows = all.length;
      first = all[0];
      last = all[all.length - 1];
      res.close();
    }
  }
  const out = { engine: "kuzu", version: "0.11.3", n, runs, rows, first, last, ...best };
  process.stdout.write(JSON.stringify(out, (k, v) => (typeof v === "bigint" ? Number(v) : v)) + "\n");
}

main().catch((e) => {
  process.stderr.write(`python_frame_kuzu: ${e.stack || e}\n`);
  process.exit(1);
});
