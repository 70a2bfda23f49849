// Kuzu side of `make bench-writes` (bench/run_writes.py): the same write workloads as
// bench/writes_silkgraph.cpp on an on-disk Kuzu 0.11.3 database (npm package in bench/peers/),
// one connection, one thread. Kuzu needs node tables declared first: Item(id INT64 PRIMARY
// KEY, name STRING) and Nation(id STRING PRIMARY KEY, name, population, area); the merge sets
// the three properties by name (Kuzu has no SET n += map). Recovery: a database directory
// copied with its WAL while the writer is open (auto-checkpoint off), then opened and queried.
// Prints one JSON document.
//
//   node bench/writes_kuzu.js DIR [--autocommit N] [--batch N] [--merge M] [--recovery-mib L]
"use strict";
const path = require("path");
const fs = require("fs");
const kuzu = require(path.join(__dirname, "peers", "node_modules", "kuzu"));

function seconds(t) {
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function fresh(dir, name, options = {}) {
  const p = path.join(dir, name + ".kuzu");
  fs.rmSync(p, { recursive: true, force: true });
  fs.rmSync(p + ".wal", { force: true });
  // Database(path, bufferPoolSize, enableCompression, readOnly, maxDBSize, autoCheckpoint, checkpointThreshold)
  const db = new kuzu.Database(p, 0, true, false, 0, options.autoCheckpoint !== false);
  const conn = new kuzu.Connection(db, 1);
  return { p, db, conn };
}

async function run(conn, q, params) {
  const res = params ? await conn.execute(await conn.prepare(q), params) : await conn.query(q);
  const r = Array.isArray(res) ? res[res.length - 1] : res;
  if (r && r.close) r.close();
}

async function items(conn, n, inTransaction) {
  const ps = await conn.prepare("CREATE (:Item {id: $i, name: $name})");
  const t = process.hrtime.bigint();
  if (inTransaction) await conn.query("BEGIN TRANSACTION");
  for (let i = 0; i < n; ++i) {
    const r = await conn.execute(ps, { i, name: `item ${i}` });
    r.close();
  }
  if (inTransaction) await conn.query("COMMIT");
  const s = seconds(t);
  return { statements: n, seconds: s, per_second: n / s };
}

async function main() {
  const args = process.argv.slice(2);
  const dir = args[0];
  const opt = { autocommit: 2000, batch: 100000, merge: 1000000, "recovery-mib": 1024 };
  for (let i = 1; i + 1 < args.length; i += 2) opt[args[i].replace(/^--/, "")] = Number(args[i + 1]);
  fs.mkdirSync(dir, { recursive: true });
  const out = { engine: "kuzu", version: "0.11.3" };
  const itemTable = "CREATE NODE TABLE Item(id INT64 PRIMARY KEY, name STRING)";
  // Each workload closes its database before the next opens one.
  const done = async ({ db, conn }) => {
    await conn.close();
    await db.close();
  };
  if (opt.autocommit > 0) {
    const k = fresh(dir, "autocommit");
    await run(k.conn, itemTable);
    out.autocommit = await items(k.conn, opt.autocommit, false);
    await done(k);
  }
  if (opt.batch > 0) {
    const k = fresh(dir, "batch");
    await run(k.conn, itemTable);
    out.batch = await items(k.conn, opt.batch, true);
    await done(k);
  }
  if (opt.merge > 0) {
    const k = fresh(dir, "merge");
    const conn = k.conn;
    await run(conn, "CREATE NODE TABLE Nation(id STRING PRIMARY KEY, name STRING, population INT64, area DOUBLE)");
    const rows = [];
    for (let i = 0; i < opt.merge; ++i)
      rows.push({
        id: "N" + String(i).padStart(7, "0"),
        name: `Nation ${i}`,
        population: 1000 + ((i * 7919) % 100000000),
        area: ((i * 104729) % 1000000) / 10,
      });
    const t = process.hrtime.bigint();
    await run(
      conn,
      "UNWIND $rows AS r MERGE (n:Nation {id: r.id}) SET n.name = r.name, n.population = r.population, n.area = r.area",
      { rows }
    );
    const s = seconds(t);
    out.merge = { rows: opt.merge, seconds: s, per_second: opt.merge / s };
    await done(k);
  }
  if (opt["recovery-mib"] > 0) {
    const { p, conn } = fresh(dir, "recovery", { autoCheckpoint: false });
    await run(conn, itemTable);
    const ps = await conn.prepare("UNWIND range($a, $b) AS i CREATE (:Item {id: i, name: 'item ' + string(i)})");
    let i = 0;
    const walSize = () => (fs.existsSync(p + ".wal") ? fs.statSync(p + ".wal").size : 0);
    while (walSize() < opt["recovery-mib"] * 1048576) {
      (await conn.execute(ps, { a: i, b: i + 999 })).close();
      i += 1000;
    }
    const copy = path.join(dir, "recovery-copy.kuzu");
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(p, copy, { recursive: true });
    fs.copyFileSync(p + ".wal", copy + ".wal");
    const size = fs.statSync(copy + ".wal").size;
    const t = process.hrtime.bigint();
    const db2 = new kuzu.Database(copy);
    const c2 = new kuzu.Connection(db2, 1);
    const r = await c2.query("MATCH (n:Item) RETURN count(n) AS c");
    const rows = await r.getAll();
    const s = seconds(t);
    out.recovery = { log_bytes: size, rows: Number(rows[0].c), seconds: s, mib_per_second: size / 1048576 / s };
  }
  process.stdout.write(JSON.stringify(out, null, 2) + "\n");
}

main().catch((e) => {
  process.stderr.write(`writes_kuzu: ${e.stack || e}\n`);
  process.exit(1);
});
