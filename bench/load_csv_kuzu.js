// Kuzu side of bench/load_csv_merge.py: the same CSV file into an on-disk Kuzu 0.11.3
// database (npm package in bench/peers/), one connection: COPY into a fresh table (Kuzu's bulk
// path), LOAD FROM ... MERGE into a fresh table (every row creates: Neo4j-style LOAD CSV
// semantics in Kuzu) and the same LOAD FROM ... MERGE again (every row updates). Prints one
// JSON document with the seconds of each.
//
//   node bench/load_csv_kuzu.js DIR FILE.csv
"use strict";
const path = require("path");
const fs = require("fs");
const kuzu = require(path.join(__dirname, "peers", "node_modules", "kuzu"));

const SCHEMA =
  "CREATE NODE TABLE Nation(id STRING PRIMARY KEY, name STRING, population INT64, area DOUBLE)";
// The file name is written into the statement: Kuzu's LOAD FROM takes no parameter for it.
// The columns are typed in the statement (Kuzu's sniffing guessed DECIMAL(3, 1) for area).
function merge(file) {
  return (
    "LOAD WITH HEADERS (id STRING, name STRING, population INT64, area DOUBLE) " +
    `FROM '${file}' (header=true) ` +
    "MERGE (n:Nation {id: id}) SET n.name = name, n.population = population, n.area = area"
  );
}

function seconds(t) {
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function run(conn, q, params) {
  const res = params ? await conn.execute(await conn.prepare(q), params) : await conn.query(q);
  const r = Array.isArray(res) ? res[res.length - 1] : res;
  if (r && r.close) r.close();
}

async function fresh(dir, name) {
  const p = path.join(dir, name + ".kuzu");
  fs.rmSync(p, { recursive: true, force: true });
  fs.rmSync(p + ".wal", { force: true });
  const db = new kuzu.Database(p);
  const conn = new kuzu.Connection(db, 1);
  await run(conn, SCHEMA);
  return conn;
}

async function main() {
  const [dir, file] = process.argv.slice(2);
  fs.mkdirSync(dir, { recursive: true });
  const out = { engine: "kuzu", version: "0.11.3" };
  let conn = await fresh(dir, "copy");
  let t = process.hrtime.bigint();
  await run(conn, `COPY Nation FROM '${file}' (header=true)`);
  out.copy_seconds = seconds(t);
  conn = await fresh(dir, "merge");
  t = process.hrtime.bigint();
  await run(conn, merge(file));
  out.merge_create_seconds = seconds(t);
  t = process.hrtime.bigint();
  await run(conn, merge(file));
  out.merge_update_seconds = seconds(t);
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
