// Bolt side of `make bench-bolt` (bench/run_bolt.py): SESSIONS concurrent sessions of the
// official neo4j-driver (installed by run_bolt.py into build/node, as the e2e tests do), each
// running the point query with a random nation id back to back, for WARMUP then SECONDS
// seconds. Prints one JSON document: the queries timed, and each one's latency in
// microseconds (from session.run to its last record), measured by process.hrtime.
//
//   node bench/bolt_clients.js URI SESSIONS SECONDS WARMUP IDS_FILE
'use strict';
const fs = require('fs');
const neo4j = require('neo4j-driver');

const QUERY = 'MATCH (n:Nation {id: $id}) RETURN n.name AS name';

async function main() {
  const [uri, sessionsArg, secondsArg, warmupArg, idsFile] = process.argv.slice(2);
  const sessions = Number(sessionsArg);
  const ids = fs.readFileSync(idsFile, 'utf8').split('\n').filter((l) => l);
  const driver = neo4j.driver(uri, neo4j.auth.basic('bench', 'bench'), {
    maxConnectionPoolSize: sessions + 2,
  });
  const latencies = [];
  let timing = false;
  let stop = false;
  let failures = 0;
  async function client(c) {
    const session = driver.session();
    let i = c * 7919;
    try {
      while (!stop) {
        const id = ids[i++ % ids.length];
        const t = process.hrtime.bigint();
        const r = await session.run(QUERY, { id });
        const us = Number(process.hrtime.bigint() - t) / 1000;
        if (r.records.length !== 1) ++failures;
        if (timing) latencies.push(us);
      }
    } finally {
      await session.close();
    }
  }
  const running = Array.from({ length: sessions }, (_, c) => client(c));
  await new Promise((r) => setTimeout(r, Number(warmupArg) * 1000));
  timing = true;
  const t0 = process.hrtime.bigint();
  await new Promise((r) => setTimeout(r, Number(secondsArg) * 1000));
  timing = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  stop = true;
  await Promise.all(running);
  await driver.close();
  process.stdout.write(JSON.stringify({ seconds, failures, latencies_us: latencies }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bolt_clients.js: ${e.code || ''} ${e.stack}\n`);
  process.exit(1);
});
