"""End-to-end tests of upsert bulk loads (issue 17, item 3): `silkgraph build --update
NEW.sg OLD.sg CHANGES.csv` and `:load --merge`, on the sample: an id already in the graph
updates that node (its other properties and relationships stay), a new id creates one, and a
failing file changes nothing. Without --update an existing id is refused, with a hint."""
import os
import shutil
import tempfile
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")
# Names and capitals from shared/data/countries/countries.csv (mledoze/countries, ODbL):
# name.official of Kazakhstan, and Armenia, which the sample does not hold.
CHANGES = ("id:ID,:LABEL,name,capital:string[]\n"
           "KAZ,Nation,Republic of Kazakhstan,Astana\n"
           "ARM,Nation,Armenia,Yerevan\n")
CHECK = ("MATCH (n:Nation) WITH count(n) AS nations "
         "MATCH (k:Nation {id: 'KAZ'}) "
         "RETURN nations, k.name AS name, k.iso2 AS iso2, size([(k)-[:BORDERS]-() | 1]) AS borders")


class UpdateLoad(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="sg-update-")
        cls.old = os.path.join(cls.dir, "old.sg")
        r = run("build", cls.old, SAMPLE)
        assert r.returncode == 0, r.stderr
        cls.changes = os.path.join(cls.dir, "changes.csv")
        with open(cls.changes, "w", encoding="utf-8") as f:
            f.write(CHANGES)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def csv(self, *args):
        r = run("--format", "csv", *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def test_build_update(self):
        before = self.csv("-c", CHECK, self.old)
        self.assertEqual(before, "nations,name,iso2,borders\n44,Kazakhstan,KZ,5\n")
        new = os.path.join(self.dir, "new.sg")
        r = run("build", "--update", new, self.old, self.changes)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("(1 nodes updated)", r.stdout)
        self.assertEqual(self.csv("-c", CHECK, new),
                         "nations,name,iso2,borders\n45,Republic of Kazakhstan,KZ,5\n")
        self.assertEqual(self.csv("-c", "MATCH (n:Nation {id: 'ARM'}) RETURN n.capital AS c", new),
                         "c\n['Yerevan']\n")
        # The old file is not touched.
        self.assertEqual(self.csv("-c", CHECK, self.old), before)

    def test_without_update_an_existing_id_is_refused(self):
        new = os.path.join(self.dir, "refused.sg")
        r = run("build", new, self.old, self.changes)
        self.assertEqual(r.returncode, 1)
        self.assertIn("changes.csv:2:1: LoadError: duplicate node id 'KAZ' (a node with this id "
                      "is already in the graph; `build --update` or `:load --merge` updates it "
                      "instead)", r.stderr)
        self.assertFalse(os.path.exists(new))

    def test_all_or_nothing(self):
        bad = os.path.join(self.dir, "bad.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(CHANGES + "KGZ,Nation,Kyrgyzstan,Bishkek,extra\n")
        new = os.path.join(self.dir, "bad.sg")
        r = run("build", "--update", new, self.old, bad)
        self.assertEqual(r.returncode, 1)
        self.assertIn("bad.csv:4:", r.stderr)
        self.assertFalse(os.path.exists(new))

    def test_load_merge_in_the_shell(self):
        script = ":load --merge %s\n%s;\n" % (self.changes, CHECK)
        out = self.csv("-c", script, SAMPLE)
        self.assertIn("nations,name,iso2,borders\n45,Republic of Kazakhstan,KZ,5\n", out)
        r = run("-c", ":load %s" % self.changes, SAMPLE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Nothing was loaded; the graph is unchanged.", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
