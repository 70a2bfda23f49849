"""End-to-end tests of `silkgraph import SOURCE FILE_OR_DIR... [-o DB.sg]` and `:import` on
the real sources in ../shared/data (skipped without it): the summary, imports adding up in one
database file, file:line:col errors that leave the file unchanged, usage errors."""
import os
import tempfile
import unittest

import e2e_util
from e2e_util import SOURCE_DIR, run

SHARED = os.path.join(os.path.dirname(SOURCE_DIR), "shared", "data")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


@unittest.skipUnless(os.path.exists(os.path.join(SHARED, "countries", "countries.json")),
                     "../shared/data not found")
class Import(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "world.sg")

    def tearDown(self):
        self.tmp.cleanup()

    def query(self, q):
        r = run("-c", q, "--format", "csv", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.splitlines()[1:]

    def test_countries_summary_and_database_file(self):
        r = run("import", "countries", os.path.join(SHARED, "countries"), "-o", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Imported countries from 1 file (250 rows)", r.stdout)
        self.assertIn("created nodes: 250 Nation, 30 Region", r.stdout)
        self.assertIn("skipped 1: border listed by one side only", r.stdout)
        self.assertIn("countries.json:", r.stdout)
        self.assertEqual(self.query("MATCH (n:Nation) RETURN count(n)"), ["250"])

    def test_error_names_the_place_and_leaves_the_file_unchanged(self):
        run("import", "countries", os.path.join(SHARED, "countries"), "-o", self.db)
        before = read_bytes(self.db)
        bad = os.path.join(self.tmp.name, "countries.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('[\n  {"cca3": "XY", "name": {"common": "Nowhere"}}\n]\n')
        r = run("import", "countries", bad, "-o", self.db)
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith(bad + ":2:3: LoadError: "), r.stderr)
        self.assertIn("  ^", r.stderr)
        self.assertIn("is unchanged", r.stderr)
        self.assertEqual(read_bytes(self.db), before)

    def test_facts_summary_and_a_malformed_row(self):
        run("import", "countries", os.path.join(SHARED, "countries"), "-o", self.db)
        r = run("import", "facts", os.path.join(SHARED, "facts"), "-o", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        # facts/README.md: 183 facts, 104 entities, 161 sources
        self.assertIn("Imported facts from 3 files (448 rows)", r.stdout)
        self.assertIn("created nodes: 16 Company, 3 Deposit, 4 Event, 5 Initiative, 26 Leader",
                      r.stdout)
        self.assertIn("34 SUPPLIES", r.stdout)
        self.assertIn("skipped: nothing", r.stdout)
        self.assertEqual(self.query("MATCH ()-[r]->() WHERE r.fact_id IS NOT NULL RETURN count(r)"),
                         ["183"])
        before = read_bytes(self.db)
        bad = os.path.join(self.tmp.name, "facts")
        os.mkdir(bad)
        with open(os.path.join(SHARED, "facts", "entities.csv"), "rb") as f:
            entities = f.read()
        with open(os.path.join(bad, "entities.csv"), "wb") as f:
            f.write(entities)
        with open(os.path.join(bad, "facts.csv"), "w", encoding="utf-8") as f:
            f.write("fact_id,subject,subject_type,relation,object,object_type,properties,"
                    "valid_from,valid_to,source_title,source_url,publisher,published,confidence,"
                    "notes\n"
                    "F001,KAZ,Nation,ATTENDED,forum_17_2024,Event,{'a': 1},,,T,u,P,,high,\n")
        r = run("import", "facts", bad, "-o", self.db)
        self.assertEqual(r.returncode, 1)
        where = os.path.join(bad, "facts.csv") + ":2:47: LoadError: properties is not valid JSON"
        self.assertTrue(r.stderr.startswith(where), r.stderr)
        self.assertIn("  ^", r.stderr)
        self.assertIn("is unchanged", r.stderr)
        self.assertEqual(read_bytes(self.db), before)

    def test_factbook_border_lengths(self):
        run("import", "countries", os.path.join(SHARED, "countries"), "-o", self.db)
        r = run("import", "factbook", os.path.join(SHARED, "factbook", "factbook_land_borders.csv"),
                "-o", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("updated relationships: 322 BORDERS (length_km)", r.stdout)
        # factbook_land_borders.csv: kz,KAZ,Kazakhstan,China,CHN,1765
        self.assertEqual(self.query("MATCH (:Nation {id: 'KAZ'})-[b:BORDERS]-(:Nation {id: 'CHN'}) "
                                    "RETURN b.length_km"), ["1765.0"])

    def test_usage_errors(self):
        r = run("import", "countrys", SHARED)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown source 'countrys' (sources: countries", r.stderr)
        r = run("import", "countries")
        self.assertEqual(r.returncode, 2)
        r = run("import", "countries", SHARED, "-o", "world.db")
        self.assertEqual(r.returncode, 2)
        self.assertIn("must end in .sg", r.stderr)

    def test_shell_meta_command(self):
        script = (":import countries " + os.path.join(SHARED, "countries") + "\n"
                  "MATCH (n:Nation {id: 'KOR'}) RETURN n.name;\n")
        r = run("--format", "csv", stdin=script)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("South Korea", r.stdout)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
