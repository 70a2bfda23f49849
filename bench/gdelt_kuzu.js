// Kuzu side of `make bench-gdelt` (bench/run_gdelt.py): Kuzu 0.11.3 (npm package in
// bench/peers/) loads the same GDELT 2.0 export (tab-separated, no header) with COPY, in
// memory, one thread. Two loads, each timed on a fresh database:
//   "events": COPY of every row into a node table of the 61 columns (Kuzu's plain ingest);
//   "between_nations": the Nation node table (the ISO codes silkgraph's Nations have, one per
//   line in NATIONS) and COPY of the events whose two actor codes are Nations into a
//   GDELT_EVENT relationship table with the properties silkgraph's loader stores (COPY ... FROM
//   (LOAD FROM ... WHERE ... RETURN ...)), the same relationships silkgraph creates.
// Prints one JSON document.
//
//   node bench/gdelt_kuzu.js EXPORT.CSV NATIONS.csv
"use strict";
const fs = require("fs");
const path = require("path");
const kuzu = require(path.join(__dirname, "peers", "node_modules", "kuzu"));

const columns = [
  "GLOBALEVENTID INT64", "SQLDATE INT64", "MonthYear INT64", "Year INT64", "FractionDate DOUBLE",
  "Actor1Code STRING", "Actor1Name STRING", "Actor1CountryCode STRING",
  "Actor1KnownGroupCode STRING", "Actor1EthnicCode STRING", "Actor1Religion1Code STRING",
  "Actor1Religion2Code STRING", "Actor1Type1Code STRING", "Actor1Type2Code STRING",
  "Actor1Type3Code STRING", "Actor2Code STRING", "Actor2Name STRING", "Actor2CountryCode STRING",
  "Actor2KnownGroupCode STRING", "Actor2EthnicCode STRING", "Actor2Religion1Code STRING",
  "Actor2Religion2Code STRING", "Actor2Type1Code STRING", "Actor2Type2Code STRING",
  "Actor2Type3Code STRING", "IsRootEvent INT64", "EventCode STRING", "EventBaseCode STRING",
  "EventRootCode STRING", "QuadClass INT64", "GoldsteinScale DOUBLE", "NumMentions INT64",
  "NumSources INT64", "NumArticles INT64", "AvgTone DOUBLE", "Actor1Geo_Type INT64",
  "Actor1Geo_FullName STRING", "Actor1Geo_CountryCode STRING", "Actor1Geo_ADM1Code STRING",
  "Actor1Geo_ADM2Code STRING", "Actor1Geo_Lat DOUBLE", "Actor1Geo_Long DOUBLE",
  "Actor1Geo_FeatureID STRING", "Actor2Geo_Type INT64", "Actor2Geo_FullName STRING",
  "Actor2Geo_CountryCode STRING", "Actor2Geo_ADM1Code STRING", "Actor2Geo_ADM2Code STRING",
  "Actor2Geo_Lat DOUBLE", "Actor2Geo_Long DOUBLE", "Actor2Geo_FeatureID STRING",
  "ActionGeo_Type INT64", "ActionGeo_FullName STRING", "ActionGeo_CountryCode STRING",
  "ActionGeo_ADM1Code STRING", "ActionGeo_ADM2Code STRING", "ActionGeo_Lat DOUBLE",
  "ActionGeo_Long DOUBLE", "ActionGeo_FeatureID STRING", "DATEADDED INT64", "SOURCEURL STRING",
];

async function run(conn, q) {
  const res = await conn.query(q);
  const r = Array.isArray(res) ? res[res.length - 1] : res;
  const rows = r && r.getAll ? await r.getAll() : [];
  if (r && r.close) r.close();
  return rows;
}

function seconds(t) {
  return Number(process.hrtime.bigint() - t) / 1e9;
}

// GDELT quotes nothing; neither the sample nor the generated rows hold '"' or '\\', so Kuzu's
// CSV quoting (which cannot be switched off) changes nothing. The count after COPY is checked.
const opts = "(header=false, delim='\t', quote='\"', escape='\"', parallel=false)";

async function events(file) {
  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db, 1);
  await run(conn, `CREATE NODE TABLE Event(${columns.join(", ")}, PRIMARY KEY (GLOBALEVENTID))`);
  const t = process.hrtime.bigint();
  await run(conn, `COPY Event FROM '${file}' ${opts}`);
  const s = seconds(t);
  const n = (await run(conn, "MATCH (e:Event) RETURN count(e) AS n"))[0].n;
  return { ms: s * 1000, rows: Number(n) };
}

async function betweenNations(file, nationsFile) {
  const ids = fs.readFileSync(nationsFile, "utf8").split("\n").filter((l) => l.length > 0);
  const list = "[" + ids.map((i) => `'${i}'`).join(", ") + "]";
  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db, 1);
  await run(conn, "CREATE NODE TABLE Nation(id STRING, PRIMARY KEY (id))");
  await run(conn, `COPY Nation FROM '${nationsFile}' (header=false)`);
  await run(conn,
    "CREATE REL TABLE GDELT_EVENT(FROM Nation TO Nation, event_id INT64, date DATE, " +
    "event_code STRING, cameo_root STRING, quad_class INT64, goldstein DOUBLE, tone DOUBLE, " +
    "mentions INT64, num_sources INT64, num_articles INT64, root_event BOOLEAN, " +
    "action_place STRING, source_url STRING)");
  const t = process.hrtime.bigint();
  // column0 ... column60: Kuzu's names for the columns of a file without a header.
  await run(conn,
    `COPY GDELT_EVENT FROM (LOAD FROM '${file}' ${opts} ` +
    `WITH * WHERE column7 IN ${list} AND column17 IN ${list} ` +
    "RETURN column7, column17, CAST(column0, 'INT64'), " +
    "date(substring(column1, 1, 4) + '-' + substring(column1, 5, 2) + '-' + substring(column1, 7, 2)), " +
    "column26, column28, CAST(column29, 'INT64'), CAST(column30, 'DOUBLE'), CAST(column34, 'DOUBLE'), " +
    "CAST(column31, 'INT64'), CAST(column32, 'INT64'), CAST(column33, 'INT64'), column25 = '1', " +
    "column52, column60)");
  const s = seconds(t);
  const n = (await run(conn, "MATCH ()-[e:GDELT_EVENT]->() RETURN count(e) AS n"))[0].n;
  return { ms: s * 1000, rows: Number(n) };
}

async function main() {
  const [file, nationsFile] = process.argv.slice(2);
  const out = { engine: "kuzu", version: "0.11.3" };
  out.events = await events(file);
  out.between_nations = await betweenNations(file, nationsFile);
  out.peak_rss_mb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e) => {
  process.stderr.write(`gdelt_kuzu: ${e.stack || e}\n`);
  process.exit(1);
});
