"""End-to-end tests of LOAD CSV on the real binary (issue 17, item 3): the acceptance
statement on the sample with a nations.csv made from the sample's own nations file,
--import-dir (and its refusal of a missing directory), a file outside the import directory
through a symbolic link, errors naming the file:line and the query's line:col with a caret,
and the upsert kept in a database file."""
import csv
import os
import shutil
import tempfile
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")
ACCEPTANCE = ("LOAD CSV WITH HEADERS FROM 'file:///nations.csv' AS row "
              "MERGE (n:Nation {id: row.id}) SET n.name = row.name")


def write_nations(path, rename=None):
    """nations.csv with the columns id,name from the sample's nations.csv (its Neo4j bulk
    header id:ID becomes id); `rename` maps ids to new names."""
    with open(os.path.join(SAMPLE, "nations.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name"])
        for r in rows:
            w.writerow([r["id:ID"], (rename or {}).get(r["id:ID"], r["name"])])
    return len(rows)


class LoadCsv(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sg-load-csv-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_acceptance_on_the_sample(self):
        # The sample's names, with Korea's official short form written differently: the
        # MERGE finds every nation (no new node) and SET updates the one name.
        n = write_nations(os.path.join(self.dir, "nations.csv"), {"KOR": "Republic of Korea"})
        r = run("--import-dir", self.dir, "--format", "csv", "-c",
                ACCEPTANCE + "; MATCH (n:Nation) RETURN count(n) AS nations, "
                "sum(CASE n.name WHEN 'Republic of Korea' THEN 1 ELSE 0 END) AS renamed",
                SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("nations,renamed\n%d,1\n" % n, r.stdout)
        self.assertEqual(n, 44)

    def test_import_dir_defaults_to_the_current_directory(self):
        write_nations(os.path.join(self.dir, "nations.csv"))
        r = run("--format", "csv", "-c",
                "LOAD CSV WITH HEADERS FROM 'file:///nations.csv' AS row "
                "RETURN count(*) AS n, min(linenumber()) AS first", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "n,first\n44,2\n")

    def test_missing_import_dir_is_a_usage_error(self):
        r = run("--import-dir", os.path.join(self.dir, "nope"), "-c", "RETURN 1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--import-dir: '%s' is not a directory" % os.path.join(self.dir, "nope"),
                      r.stderr)

    def test_symbolic_link_out_of_the_import_dir_is_refused(self):
        inside = os.path.join(self.dir, "import")
        os.mkdir(inside)
        write_nations(os.path.join(self.dir, "secret.csv"))
        os.symlink(os.path.join(self.dir, "secret.csv"), os.path.join(inside, "link.csv"))
        r = run("--import-dir", inside, "-c",
                "LOAD CSV FROM 'file:///link.csv' AS row RETURN row")
        self.assertEqual(r.returncode, 1)
        self.assertIn("IOError: 'link.csv' leads outside the import directory", r.stderr)

    def test_bad_record_names_file_line_and_clause(self):
        with open(os.path.join(self.dir, "nations.csv"), "w", encoding="utf-8") as f:
            f.write('id,name\nKAZ,Kazakhstan\nKGZ,"Kyrgyzstan\n')
        query = "MATCH (n:Nation {id: 'KAZ'})\nLOAD CSV WITH HEADERS FROM 'file:///nations.csv' AS row\nRETURN row"
        r = run("--import-dir", self.dir, "-c", query, SAMPLE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("2:1: LoadError: nations.csv:3:5: unterminated quoted field", r.stderr)
        self.assertIn("LOAD CSV WITH HEADERS FROM 'file:///nations.csv' AS row\n^", r.stderr)

    def test_upsert_is_kept_in_a_database_file(self):
        write_nations(os.path.join(self.dir, "nations.csv"), {"KAZ": "Qazaqstan"})
        db = os.path.join(self.dir, "sample.sg")
        r = run("build", db, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("--import-dir", self.dir, "-c", ACCEPTANCE, db)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = run("--format", "csv", "-c", "MATCH (n:Nation {id: 'KAZ'}) RETURN n.name AS name",
                db)
        self.assertEqual(r.stdout, "name\nQazaqstan\n", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
