"""End-to-end tests of indexes and constraints made by DDL (docs/query-language.md, "Indexes
and constraints"; issue 16 item 2): the real binary builds a database file from the bundled
sample (real, sourced data; samples/central-asia-korea/README.md), creates the relationship
index the issue asks for, and every later process sees it in SHOW INDEXES and EXPLAIN; a
writer killed right after CREATE INDEX returned keeps it; DROP removes it for good; index
commands are refused inside an explicit transaction and in a read-only database; both exports
(`export cypher`, `export neo4j`) make the indexes and constraints again."""
import os
import signal
import subprocess
import tempfile
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")
CREATE = "CREATE INDEX supplies_idx FOR ()-[r:SUPPLIES]-() ON (r.resource, r.year)"
QUERY = ("MATCH (c:Nation)-[s:SUPPLIES]->(k:Nation {id: 'KOR'}) "
         "WHERE s.resource = 'REE' AND s.year = 2005 RETURN c.id AS c, s.share_pct AS share")


class Indexes(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-indexes-")
        self.db = os.path.join(self.tmp.name, "sample.sg")
        r = run("build", self.db, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def csv(self, query, *extra):
        r = run(self.db, *extra, "--format", "csv", "-c", query)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def explain(self):
        r = run(self.db, "--read-only", "-c", "EXPLAIN " + QUERY)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def test_relationship_index_persists_and_plans(self):
        before = self.csv(QUERY)
        self.assertIn("CHN,90.0", before)
        self.assertNotIn("ordered adjacency", self.explain())
        r = run(self.db, "-c", CREATE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Added 1 index", r.stdout)
        # Another process, read-only: the file holds it.
        shown = self.csv("SHOW INDEXES YIELD name, entityType, labelsOrTypes, properties "
                         "WHERE entityType = 'RELATIONSHIP'", "--read-only")
        self.assertEqual(shown.splitlines(),
                         ["name,entityType,labelsOrTypes,properties",
                          "supplies_idx,RELATIONSHIP,['SUPPLIES'],\"['resource', 'year']\""])
        self.assertIn("(ordered adjacency: resource, year)", self.explain())
        self.assertEqual(self.csv(QUERY, "--read-only"), before)
        # DROP removes it from the file too.
        r = run(self.db, "-c", "DROP INDEX supplies_idx")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Removed 1 index", r.stdout)
        self.assertNotIn("ordered adjacency", self.explain())
        self.assertNotIn("supplies_idx", self.csv("SHOW INDEXES", "--read-only"))

    def test_killed_after_create_index_keeps_it(self):
        # The script's second statement runs for long: the writer is killed while it runs,
        # after CREATE INDEX printed its summary, so no clean exit writes the file for it.
        # (5e10 rows; a range() over 100M elements would fail at once instead, and the writer
        # exit 1 before the kill arrived.)
        slow = ("UNWIND range(1, 50000000) AS x UNWIND range(1, 1000) AS y WITH x WHERE x < 0 "
                "RETURN count(*) AS c")
        writer = subprocess.Popen([e2e_util.BINARY, self.db, "-f", "-"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            writer.stdin.write(CREATE + ";\n" + slow + ";\n")
            writer.stdin.close()
            line = writer.stdout.readline()  # the command's summary: it has returned
            self.assertIn("Added 1 index", line)
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
        self.assertEqual(writer.returncode, -signal.SIGKILL)
        self.assertIn("supplies_idx", self.csv("SHOW INDEXES YIELD name", "--read-only"))
        self.assertIn("(ordered adjacency: resource, year)", self.explain())

    def test_refused_in_a_transaction_and_read_only(self):
        r = run(self.db, "-f", "-", stdin=":begin\n" + CREATE + ";\n:rollback\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("SemanticError: index and constraint commands cannot run inside an "
                      "explicit transaction", r.stderr)
        r = run(self.db, "--read-only", "-c", CREATE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("open read-only", r.stderr)
        self.assertNotIn("supplies_idx", self.csv("SHOW INDEXES YIELD name", "--read-only"))

    def test_exports_make_the_indexes_again(self):
        for ddl in (CREATE, "CREATE INDEX `nation names` FOR (n:Nation) ON (n.name, n.iso2)",
                    "CREATE CONSTRAINT city_name FOR (c:City) REQUIRE c.name IS UNIQUE"):
            r = run(self.db, "-c", ddl)
            self.assertEqual(r.returncode, 0, r.stderr)
        shown = "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties"
        want = self.csv(shown, "--read-only")
        script = os.path.join(self.tmp.name, "all.cypher")
        r = run("export", "cypher", self.db, "-o", script)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(script, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("\nCREATE INDEX supplies_idx IF NOT EXISTS FOR ()-[r:SUPPLIES]-() "
                      "ON (r.resource, r.year);\n", text)
        self.assertIn("\nCREATE INDEX `nation names` IF NOT EXISTS FOR (n:Nation) "
                      "ON (n.name, n.iso2);\n", text)
        self.assertIn("\nCREATE CONSTRAINT city_name IF NOT EXISTS FOR (n:City) "
                      "REQUIRE n.name IS UNIQUE;\n", text)
        copy = os.path.join(self.tmp.name, "copy.sg")
        r = run(copy, "-f", script)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run(copy, "--read-only", "--format", "csv", "-c", shown)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, want)
        out = os.path.join(self.tmp.name, "neo4j")
        r = run("export", "neo4j", self.db, out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(out, "schema.cypher"), encoding="utf-8") as f:
            schema = f.read()
        self.assertIn("CREATE INDEX `nation names` IF NOT EXISTS", schema)
        self.assertIn("CREATE CONSTRAINT city_name IF NOT EXISTS", schema)
        self.assertEqual(schema.count("FOR ()-[r:SUPPLIES]-() ON (r.resource, r.year)"), 1)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
