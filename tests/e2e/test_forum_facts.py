"""One conversion of the fact table: the forum sample (samples/central-asia-korea) is written
by its build_sample.py from what `silkgraph import facts` loads, so every fact relationship and
entity node of the sample is what the loader makes of the same row: same type, ends, properties
and citations. What may differ is said here: what build_sample.py adds on top of the table
(INVITES.sector, read off the invitations' scope text; the Wikidata id of a leader, with its
citation after the loader's). Skipped without ../shared/data."""
import json
import os
import tempfile
import unittest

import e2e_util
from e2e_util import SOURCE_DIR, run

SHARED = os.path.join(os.path.dirname(SOURCE_DIR), "shared", "data")
SAMPLE = os.path.join(SOURCE_DIR, "samples", "central-asia-korea")
CURATED_REL = {"sector"}
CURATED_NODE = {"wikidata_qid"}


def rows(target, query):
    r = run("-c", query, "--format", "jsonl", target)
    assert r.returncode == 0, r.stderr
    return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


def facts(target):
    out = {}
    for row in rows(target, "MATCH (a)-[r]->(b) WHERE r.fact_id IS NOT NULL "
                            "RETURN r.fact_id AS f, type(r) AS t, a.id AS a, b.id AS b, "
                            "properties(r) AS p"):
        props = {k: v for k, v in row["p"].items() if k not in CURATED_REL}
        out[row["f"]] = (row["t"], row["a"], row["b"], props)
    return out


def nodes(target, ids):
    out = {}
    for row in rows(target, "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, labels(n) AS l, "
                            "properties(n) AS p".replace("$ids", json.dumps(sorted(ids)))):
        props = {k: v for k, v in row["p"].items() if k not in CURATED_NODE}
        if "wikidata_qid" in row["p"]:
            props["sources"] = props["sources"][:-1]  # the Wikidata citation comes last
        out[row["id"]] = (row["l"], props)
    return out


@unittest.skipUnless(os.path.exists(os.path.join(SHARED, "facts", "facts.csv")),
                     "../shared/data not found")
class ForumFacts(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "facts.sg")
        for source in ("countries", "facts"):
            r = run("import", source, os.path.join(SHARED, source), "-o", cls.db)
            assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_every_fact_relationship_is_the_loaders(self):
        sample, loaded = facts(SAMPLE), facts(self.db)
        self.assertEqual(len(loaded), 183)  # facts/README.md
        self.assertEqual(sorted(sample), sorted(loaded))
        for f in sorted(sample):
            self.assertEqual(sample[f], loaded[f], f)

    def test_every_entity_node_is_the_loaders(self):
        import csv
        with open(os.path.join(SHARED, "facts", "entities.csv"), encoding="utf-8") as f:
            ids = [e["entity_id"] for e in csv.DictReader(f) if e["type"] != "Nation"]
        sample, loaded = nodes(SAMPLE, ids), nodes(self.db, ids)
        self.assertEqual(len(loaded), 91)
        for i in ids:
            self.assertEqual(sample[i], loaded[i], i)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
