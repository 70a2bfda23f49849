"""End-to-end tests of `silkgraph export neo4j` and `silkgraph export cypher`: the files
neo4j-admin reads and the Cypher script, each loaded back into silkgraph, must give the same
graph (every node's labels and properties and every relationship's ends, type and properties,
compared as full dumps); plus the files' shape and the usage errors."""
import csv
import io
import os
import tempfile
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")

NODES = ("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
RELS = ("MATCH (a)-[r]->(b) RETURN properties(a) AS a, type(r) AS type, properties(b) AS b, "
        "properties(r) AS props")

# An open graph with every kind of property value the CSV files can carry, awkward strings,
# several labels, no label, and nodes without an id.
CREATE_ALL_TYPES = r"""
CREATE (a:Person:Analyst {id: 'p1', name: 'Ann "A" O\'Neil, Jr.', age: 41, score: 2.5,
                          active: true, born: date('1983-04-05'), tags: ['x;y', 'a|b', 'c,d'],
                          years: [2020, 2021], ratios: [0.5, 1.0], note: 'two
lines', empty: '', none: []}),
       (b:Person {id: 'p2', name: 'Bo', age: 7, score: 3}),
       (c:Place {name: 'no id here', pop: 12}),
       (d {id: 'u1', label_free: true}),
       (a)-[:KNOWS {since: date('2020-01-31'), weight: 0.25, via: ['mail', 'x;y']}]->(b),
       (b)-[:LIVES_IN {from: 2019}]->(c),
       (c)-[:NEAR]->(d),
       (a)-[:KNOWS]->(a)
"""


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def dump(*data_and_options):
    """Every node and relationship of the graph DATA opens to, as sorted CSV rows."""
    out = []
    for q in (NODES, RELS):
        r = run(*data_and_options, "-c", q, "--format", "csv")
        assert r.returncode == 0, r.stderr
        rows = list(csv.reader(io.StringIO(r.stdout)))
        out.append(sorted(rows[1:]))
    return out


class BulkExport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def all_types_db(self):
        db = self.path("all.sg")
        r = run(db, "-c", CREATE_ALL_TYPES)
        self.assertEqual(r.returncode, 0, r.stderr)
        return db

    def test_neo4j_files_of_the_sample_load_back_identical(self):
        out = self.path("neo")
        r = run("export", "neo4j", SAMPLE, out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Exported 172 nodes", r.stderr)
        files = sorted(os.listdir(out))
        self.assertIn("README.md", files)
        self.assertIn("schema.cypher", files)
        self.assertIn("nodes-Nation.csv", files)
        self.assertIn("rels-SUPPLIES-Nation-Nation.csv", files)
        with open(os.path.join(out, "nodes-Nation.csv"), encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split(",")
        self.assertEqual(header[:2], ["id:ID(Nation)", ":LABEL"])
        self.assertIn("area_km2:float", header)
        self.assertIn("aliases:string[]", header)
        with open(os.path.join(out, "rels-SUPPLIES-Nation-Nation.csv"), encoding="utf-8") as f:
            header = f.readline().rstrip("\n").split(",")
        self.assertEqual(header[:3], [":START_ID(Nation)", ":END_ID(Nation)", ":TYPE"])
        self.assertIn("valid_from:date", header)
        self.assertIn("year:int", header)
        readme = read(os.path.join(out, "README.md"))
        self.assertIn("neo4j-admin database import full", readme)
        self.assertIn("--nodes=nodes-Nation.csv", readme)
        # No value of the sample contains ';' (the source loaders write none into citations),
        # so the default delimiter is named; test_every_value_type_round_trips_through_neo4j_files
        # covers choosing another.
        self.assertIn("--array-delimiter=';'", readme)
        schema = read(os.path.join(out, "schema.cypher"))
        self.assertIn("CREATE CONSTRAINT Nation_id IF NOT EXISTS FOR (n:Nation) REQUIRE n.id "
                      "IS UNIQUE;", schema)
        self.assertEqual(dump(SAMPLE), dump(out))

    def test_cypher_script_of_the_sample_rebuilds_it(self):
        script = self.path("sample.cypher")
        r = run("export", "cypher", SAMPLE, "-o", script)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Exported 172 nodes and 742 relationships", r.stderr)
        db = self.path("copy.sg")
        r = run(db, "-f", script)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(dump(SAMPLE), dump(db))

    def test_every_value_type_round_trips_through_cypher(self):
        db = self.all_types_db()
        r = run("export", "cypher", db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("UNWIND [", r.stdout)
        copy = self.path("copy.sg")
        r2 = run(copy, "-c", r.stdout)
        self.assertEqual(r2.returncode, 0, r2.stderr)
        self.assertEqual(dump(db), dump(copy))
        # The temporary matching property is gone.
        r3 = run(copy, "-c", "MATCH (n) WHERE n._export_id IS NOT NULL RETURN count(n)",
                 "--format", "csv")
        self.assertEqual(r3.stdout.splitlines()[-1], "0")

    def test_every_value_type_round_trips_through_neo4j_files(self):
        db = self.all_types_db()
        out = self.path("neo")
        r = run("export", "neo4j", db, "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("1 node has no string id", r.stderr)
        readme = read(os.path.join(out, "README.md"))
        self.assertIn("--array-delimiter='^'", readme)  # ';' and '|' occur in elements
        self.assertIn("--multiline-fields=true", readme)
        copy = dump("--array-delimiter", "^", out)
        original = dump(db)
        # Nodes without a string id get one (`_n<number>`), which is their only difference.
        def without_generated_id(rows):
            return sorted([[c.replace("{id: '_n2', ", "{") for c in row] for row in rows])
        self.assertEqual([without_generated_id(t) for t in copy], original)

    def test_the_directory_appears_whole_or_not_at_all(self):
        out = self.path("taken")
        os.mkdir(out)
        with open(os.path.join(out, "keep.txt"), "w") as f:
            f.write("mine")
        r = run("export", "neo4j", SAMPLE, out)
        self.assertEqual(r.returncode, 1)
        self.assertIn("not empty", r.stderr)
        self.assertEqual(os.listdir(out), ["keep.txt"])
        self.assertEqual(sorted(os.listdir(self.dir)), ["taken"])  # no temporary left

    def test_usage_errors(self):
        r = run("export", "neo4j", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("needs DATA and an output directory", r.stderr)
        r = run("export", "cypher", SAMPLE, "--bogus")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown option '--bogus'", r.stderr)
        r = run("export", "csv", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("dot, graphml, neo4j, cypher", r.stderr)
        r = run("--array-delimiter", ";;", SAMPLE, "-c", "RETURN 1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("expected one character", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
