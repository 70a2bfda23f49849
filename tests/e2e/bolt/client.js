// A Bolt client built on the official neo4j-driver (installed by test_server.py into the
// build tree): node client.js MODE URI USER PASSWORD [FILE]. Prints one JSON document on
// standard output, so the Python test compares it with the shell's answers.
//   queries FILE  : runs each {query, params} of the JSON file, prints the rows as plain JSON
//   types         : one row holding every value type, described field by field
//   tx            : commit and rollback of explicit transactions, then what is left
//   errors        : the error code and message of a few bad statements
//   readonly      : a read, then statements that write: each one's error code and message
//   auth          : runs RETURN 1 and prints the error code (a wrong password is refused)
//   stream QUERY  : with fetchSize 10, reads the first 10 rows of QUERY and breaks off (the
//                   driver then DISCARDs the rest), then runs RETURN 1 on the same session
//   vanish QUERY  : with fetchSize 10, reads 10 rows of QUERY and exits without closing
//                   anything (the server sees the connection drop mid-result)
'use strict';
const fs = require('fs');
const neo4j = require('neo4j-driver');

function plain(v) {
  if (v === null || v === undefined) return null;
  if (neo4j.isInt(v)) return v.toNumber();
  if (neo4j.isDate(v)) return v.toString();
  if (neo4j.isNode(v)) return { node: plain(v.identity), labels: v.labels, elementId: v.elementId, properties: plain(v.properties) };
  if (neo4j.isRelationship(v)) return { rel: v.type, start: v.startNodeElementId, end: v.endNodeElementId, elementId: v.elementId, properties: plain(v.properties) };
  if (neo4j.isPath(v)) return { path: v.segments.map((s) => [s.start.elementId, s.relationship.type, s.end.elementId]) };
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function rows(result) {
  return result.records.map((r) => plain(r.toObject()));
}

async function main() {
  const [mode, uri, user, password, file] = process.argv.slice(2);
  // SG_MAX_RETRY_MS shortens the driver's retries (30 s by default) where a test expects the
  // connection to fail.
  const config = { disableLosslessIntegers: false };
  if (process.env.SG_MAX_RETRY_MS) config.maxTransactionRetryTime = Number(process.env.SG_MAX_RETRY_MS);
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), config);
  const out = {};
  try {
    if (mode === 'queries') {
      out.results = [];
      for (const q of JSON.parse(fs.readFileSync(file, 'utf8'))) {
        const r = await driver.executeQuery(q.query, q.params || {});
        out.results.push({ rows: rows(r), keys: r.keys, type: r.summary.queryType });
      }
    } else if (mode === 'types') {
      const r = await driver.executeQuery(
        'MATCH p = (a:Nation {id: $a})-[b:BORDERS]-(c:Nation {id: $c}) ' +
        'RETURN null AS nothing, true AS yes, 42 AS int, 2.5 AS float, $text AS text, ' +
        "[1, 'two'] AS list, {k: [1]} AS map, a AS node, c AS other, b AS rel, p AS path, date($day) AS day",
        { a: 'KAZ', c: 'CHN', text: '카자흐스탄', day: '2024-06-14' });
      const rec = r.records[0];
      out.row = plain(rec.toObject());
      out.intIsInteger = neo4j.isInt(rec.get('int'));
      out.floatIsNumber = typeof rec.get('float') === 'number';
      out.nodeIsNode = neo4j.isNode(rec.get('node'));
      out.relIsRelationship = neo4j.isRelationship(rec.get('rel'));
      out.pathIsPath = neo4j.isPath(rec.get('path'));
      out.dayIsDate = neo4j.isDate(rec.get('day'));
      out.dayParam = plain((await driver.executeQuery('RETURN $d AS d', { d: new neo4j.types.Date(2024, 6, 14) })).records[0].get('d'));
    } else if (mode === 'temporal') {
      // Each temporal type as the driver's own type, and sent back as a parameter.
      const r = await driver.executeQuery(
        "RETURN datetime('2024-11-04T10:02:03.5+09:00') AS dt, " +
        "datetime('2024-11-04T10:02:03[Asia/Seoul]') AS dtz, localdatetime('2024-11-04T10:02:03') AS ldt, " +
        "time('10:02:03-05:00') AS t, localtime('10:02:03.000000007') AS lt, duration('P1Y2M3DT4H5M6.5S') AS d");
      const rec = r.records[0];
      out.kinds = {
        dt: neo4j.isDateTime(rec.get('dt')), dtz: neo4j.isDateTime(rec.get('dtz')),
        ldt: neo4j.isLocalDateTime(rec.get('ldt')), t: neo4j.isTime(rec.get('t')),
        lt: neo4j.isLocalTime(rec.get('lt')), d: neo4j.isDuration(rec.get('d')),
      };
      out.zone = rec.get('dtz').timeZoneId;
      out.offset = plain(rec.get('dt').timeZoneOffsetSeconds);
      out.hour = plain(rec.get('dt').hour);
      out.text = Object.fromEntries(r.keys.map((k) => [k, rec.get(k).toString()]));
      const back = await driver.executeQuery(
        'RETURN toString($dt) AS dt, toString($dtz) AS dtz, toString($ldt) AS ldt, toString($t) AS t, ' +
        'toString($lt) AS lt, toString($d) AS d, $dt.epochSeconds AS epoch, $dtz.timezone AS zone',
        rec.toObject());
      out.params = plain(back.records[0].toObject());
      const made = new neo4j.types.DateTime(2025, 7, 1, 9, 30, 0, 0, undefined, 'Europe/Paris');
      out.driverMade = plain((await driver.executeQuery('RETURN toString($x) AS x', { x: made })).records[0].get('x'));
    } else if (mode === 'tx') {
      const session = driver.session();
      const tx = await session.beginTransaction();
      await tx.run("CREATE (:City {name: 'Seoul'})");
      await tx.commit();
      const tx2 = await session.beginTransaction();
      await tx2.run("CREATE (:City {name: 'Astana'})");
      out.insideRollbackTx = rows(await tx2.run('MATCH (c:City) RETURN c.name AS name ORDER BY name'));
      await tx2.rollback();
      out.written = await session.executeWrite(async (t) => {
        const r = await t.run("CREATE (c:City {name: $n}) RETURN c.name AS name", { n: 'Tashkent' });
        return { rows: rows(r), stats: r.summary.counters.updates() };
      });
      out.after = rows(await session.run('MATCH (c:City) RETURN c.name AS name ORDER BY name'));
      await session.close();
    } else if (mode === 'readonly') {
      out.read = rows(await driver.executeQuery("MATCH (n:Nation {id: 'KOR'}) RETURN n.name AS name"));
      out.errors = [];
      for (const q of ["CREATE (:Nation {id: 'XKX', name: 'Kosovo'})",
        "MATCH (n:Nation {id: 'KOR'})\nSET n.name = 'x'", 'CREATE INDEX ro FOR (n:Nation) ON (n.name)']) {
        try {
          await driver.executeQuery(q);
          out.errors.push({ query: q, code: null });
        } catch (e) {
          out.errors.push({ query: q, code: e.code, message: e.message });
        }
      }
      out.after = rows(await driver.executeQuery('MATCH (n:Nation) RETURN count(n) AS n'));
    } else if (mode === 'errors') {
      out.errors = [];
      for (const q of ['MATCH (n RETURN n', 'RETURN $missing', 'RETURN 1 + true', 'RETURN nosuchfunction(1)']) {
        try {
          await driver.executeQuery(q);
          out.errors.push({ query: q, code: null });
        } catch (e) {
          out.errors.push({ query: q, code: e.code, message: e.message });
        }
      }
      const s = driver.session();
      out.afterError = rows(await s.run('RETURN 1 AS one'));
      await s.close();
    } else if (mode === 'stream') {
      const session = driver.session({ fetchSize: 10 });
      out.first = [];
      for await (const record of session.run(file)) {
        out.first.push(plain(record.toObject()));
        if (out.first.length === 10) break;
      }
      out.after = rows(await session.run('RETURN 1 AS one'));
      await session.close();
    } else if (mode === 'vanish') {
      const session = driver.session({ fetchSize: 10 });
      let seen = 0;
      await new Promise((resolve, reject) => {
        session.run(file).subscribe({
          onNext: () => {
            if (++seen === 10) resolve();
          },
          onError: reject,
        });
      });
      process.stdout.write(JSON.stringify({ seen }) + '\n');
      process.exit(0);
    } else if (mode === 'auth') {
      try {
        await driver.executeQuery('RETURN 1 AS one');
        out.code = null;
      } catch (e) {
        out.code = e.code;
      }
    }
  } finally {
    await driver.close();
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stderr.write(`client.js: ${e.code || ''} ${e.stack}\n`);
  process.exit(1);
});
