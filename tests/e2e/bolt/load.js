// The Bolt load test (issue 15): SESSIONS concurrent sessions of the official neo4j-driver,
// each running STATEMENTS mixed reads and writes, against `silkgraph serve` on the sample.
//   node load.js URI SESSIONS STATEMENTS
// Each write creates a pair in one statement, (:LoadPair {k, side: 'a'})-[:PAIRED {k}]->
// (:LoadPair {k, side: 'b'}), by autocommit (session.run) or a managed transaction
// (executeWrite); every tenth write is an explicit transaction rolled back. Each read checks,
// in one statement, that every pair it sees is whole (two nodes and their relationship: no
// partial statement is visible), that it sees at least every write acknowledged before it
// started, and reads a country of the sample by its key; every fifth read also streams every
// pair, 50 rows per PULL, checking each row. Prints one JSON document: the keys
// acknowledged and rolled back, the failures, the time taken, and the statements run.
'use strict';
const neo4j = require('neo4j-driver');

const PAIR =
  "CREATE (:LoadPair {k: $k, side: 'a'})-[:PAIRED {k: $k}]->(:LoadPair {k: $k, side: 'b'})";
const CHECK =
  'MATCH (n:LoadPair) WITH n.k AS k, count(*) AS c ' +
  'WITH count(k) AS pairs, sum(CASE WHEN c = 2 THEN 0 ELSE 1 END) AS broken ' +
  "OPTIONAL MATCH (a:LoadPair {side: 'a'})-[r:PAIRED]->(b:LoadPair {side: 'b'}) " +
  'WHERE a.k = r.k AND b.k = r.k ' +
  'RETURN pairs, broken, count(r) AS whole';
// Streamed 50 rows at a time (the sessions' fetchSize): other sessions' statements arrive
// while it is open, so its cursor is buffered under them (docs/server.md).
const STREAM =
  "MATCH (a:LoadPair {side: 'a'})-[r:PAIRED]->(b:LoadPair) RETURN a.k AS a, r.k AS r, b.k AS b, b.side AS side";
const COUNTRY = 'MATCH (n:Nation {id: $id}) RETURN n.name AS name';
// From samples/central-asia-korea/nations.csv.
const NAMES = { KAZ: 'Kazakhstan', KOR: 'South Korea', UZB: 'Uzbekistan', MNG: 'Mongolia' };

async function main() {
  const [uri, sessionsArg, statementsArg] = process.argv.slice(2);
  const sessions = Number(sessionsArg);
  const statements = Number(statementsArg);
  const driver = neo4j.driver(uri, neo4j.auth.basic('load', 'load'), {
    maxConnectionPoolSize: sessions + 5,
    connectionAcquisitionTimeout: 120000,
  });
  const acked = [];
  const rolledBack = [];
  const problems = [];
  let reads = 0;
  let writes = 0;
  const started = Date.now();

  async function write(session, k, how) {
    if (how === 'rollback') {
      const tx = await session.beginTransaction();
      await tx.run(PAIR, { k: neo4j.int(k) });
      await tx.rollback();
      rolledBack.push(k);
      return;
    }
    if (how === 'managed') {
      await session.executeWrite((tx) => tx.run(PAIR, { k: neo4j.int(k) }));
    } else {
      await session.run(PAIR, { k: neo4j.int(k) });
    }
    acked.push(k);  // acknowledged: the driver has the statement's summary
    ++writes;
  }

  async function read(session, s, i) {
    const before = acked.length;
    const r = (await session.run(CHECK)).records[0];
    const pairs = r.get('pairs').toNumber();
    const broken = r.get('broken').toNumber();
    const whole = r.get('whole').toNumber();
    if (broken !== 0 || whole !== pairs) {
      problems.push({ session: s, statement: i, pairs, broken, whole, why: 'a partial pair' });
    }
    if (pairs < before) {
      problems.push({ session: s, statement: i, pairs, before, why: 'an acknowledged write unseen' });
    }
    if (i % 10 === 9) {
      const seen = new Set();
      let bad = 0;
      for await (const row of session.run(STREAM)) {
        const a = row.get('a').toNumber();
        if (row.get('r').toNumber() !== a || row.get('b').toNumber() !== a || row.get('side') !== 'b' || seen.has(a)) ++bad;
        seen.add(a);
      }
      if (bad !== 0 || seen.size < before) {
        problems.push({ session: s, statement: i, bad, seen: seen.size, before, why: 'a streamed read' });
      }
    }
    const ids = Object.keys(NAMES);
    const id = ids[(s + i) % ids.length];
    const c = await session.run(COUNTRY, { id });
    if (c.records.length !== 1 || c.records[0].get('name') !== NAMES[id]) {
      problems.push({ session: s, statement: i, id, why: 'a wrong country' });
    }
    ++reads;
  }

  async function client(s) {
    const session = driver.session({ fetchSize: 50 });
    try {
      for (let i = 0; i < statements; ++i) {
        const k = s * statements + i;
        try {
          if (i % 2 === 1) {
            await read(session, s, i);
          } else {
            const how = i % 20 === 18 ? 'rollback' : i % 4 === 0 ? 'auto' : 'managed';
            await write(session, k, how);
          }
        } catch (e) {
          problems.push({ session: s, statement: i, code: e.code || null, why: String(e.message).slice(0, 300) });
        }
      }
    } finally {
      await session.close();
    }
  }

  try {
    await Promise.all(Array.from({ length: sessions }, (_, s) => client(s)));
  } finally {
    await driver.close();
  }
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ acked, rolledBack, problems, reads, writes, seconds }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`load.js: ${e.code || ''} ${e.stack}\n`);
  process.exit(1);
});
