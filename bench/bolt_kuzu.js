// Kuzu side of `make bench-bolt` (bench/run_bolt.py): loads DATA/kuzu/*.csv into an
// in-memory Kuzu 0.11.3 database (bench/queries/kuzu_schema.cypher, as bench/kuzu_runner.js
// does), then CLIENTS concurrent loops, each with its own Connection, run the same point
// query (a prepared statement, a random nation id each time) back to back in process for
// WARMUP then SECONDS seconds. Prints one JSON document: the load time and each query's
// latency in microseconds (execute to getAll), measured by process.hrtime.
//
//   node bench/bolt_kuzu.js DATA CLIENTS SECONDS WARMUP IDS_FILE
'use strict';
const path = require('path');
const fs = require('fs');
const kuzu = require(path.join(__dirname, 'peers', 'node_modules', 'kuzu'));

const QUERY = 'MATCH (n:Nation {id: $id}) RETURN n.name AS name';

function statements(text) {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

async function main() {
  const [data, clientsArg, secondsArg, warmupArg, idsFile] = process.argv.slice(2);
  const clients = Number(clientsArg);
  const ids = fs.readFileSync(idsFile, 'utf8').split('\n').filter((l) => l);
  const db = new kuzu.Database(':memory:');
  const setup = new kuzu.Connection(db);
  const ddl = fs
    .readFileSync(path.join(__dirname, 'queries', 'kuzu_schema.cypher'), 'utf8')
    .replaceAll('$DATA', path.resolve(data));
  const t0 = process.hrtime.bigint();
  for (const st of statements(ddl)) await setup.query(st);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const latencies = [];
  let timing = false;
  let stop = false;
  let failures = 0;
  async function client(c) {
    const conn = new kuzu.Connection(db, 1);
    const prepared = await conn.prepare(QUERY);
    let i = c * 7919;
    while (!stop) {
      const id = ids[i++ % ids.length];
      const t = process.hrtime.bigint();
      const res = await conn.execute(prepared, { id });
      const rows = await res.getAll();
      const us = Number(process.hrtime.bigint() - t) / 1000;
      res.close();
      if (rows.length !== 1) ++failures;
      if (timing) latencies.push(us);
    }
  }
  const running = Array.from({ length: clients }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, Number(warmupArg) * 1000));
  timing = true;
  const t1 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, Number(secondsArg) * 1000));
  timing = false;
  const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
  stop = true;
  await Promise.all(running);
  process.stdout.write(JSON.stringify({ load_ms: loadMs, seconds, failures, latencies_us: latencies }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bolt_kuzu.js: ${e.stack}\n`);
  process.exit(1);
});
