"""--why end to end (docs/provenance.md): the acceptance command of issue 11 (the sample's
first question in JSON lists per row the sources of the SUPPLIES facts it summed, computed
here independently from the sample's files), every output format, :why in scripts, errors,
and the shell sessions of docs/provenance.md, run and compared with the page."""
import csv
import io
import json
import os
import re
import shlex
import unittest

import e2e_util
from e2e_util import SOURCE_DIR, run

SAMPLE = os.path.join(SOURCE_DIR, "samples", "central-asia-korea")
QUESTIONS = os.path.join(SAMPLE, "questions.cypher")
DOC = os.path.join(SOURCE_DIR, "docs", "provenance.md")
Q2022 = ("MATCH (s:Nation)-[r:SUPPLIES {year: 2022, resource_id: 'ree'}]->(:Nation {id: 'KOR'}) "
         "RETURN s.name AS supplier, r.share_pct AS share_pct ORDER BY share_pct")


def first_question():
    text = open(QUESTIONS, encoding="utf-8").read()
    start = text.index("MATCH", text.index("// 1."))
    return text[start:text.index(";", start) + 1]


def node_sources():
    """Citations of every Nation node, from nations.csv (string[] split on ';')."""
    out = {}
    with open(os.path.join(SAMPLE, "nations.csv"), encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        id_col = next(i for i, h in enumerate(header) if h.startswith("id") or h.endswith(":ID"))
        src_col = next(i for i, h in enumerate(header) if h.startswith("sources"))
        for row in reader:
            out[row[id_col]] = [s for s in row[src_col].split(";") if s]
    return out


def summed_facts():
    """Per supplier id, the SUPPLIES facts of question 1 (rare earths to Korea)."""
    graph = json.load(open(os.path.join(SAMPLE, "graph.json"), encoding="utf-8"))
    facts = {}
    for rel in graph["relationships"]:
        p = rel["properties"]
        if rel["type"] == "SUPPLIES" and rel["to"] == "KOR" and p.get("resource_id") == "ree":
            facts.setdefault(rel["from"], []).append(p)
    return facts


class WhyTest(unittest.TestCase):
    def test_acceptance_json_lists_the_sources_of_the_summed_facts(self):
        r = run("--why", "--format", "json", "-c", first_question(), SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = json.loads(r.stdout)
        facts = summed_facts()
        nodes = node_sources()
        names = {"China": "CHN", "Japan": "JPN", "France": "FRA"}
        self.assertEqual([row["supplier"] for row in rows], ["China", "Japan", "France"])
        for row in rows:
            code = names[row["supplier"]]
            self.assertEqual(row["reports"], len(facts[code]))
            want = set(nodes[code]) | set(nodes["KOR"])
            for p in facts[code]:
                want |= set(p["sources"])
            self.assertEqual(set(row["_sources"]), want, row["supplier"])
            self.assertEqual(len(row["_sources"]), len(want))
        # China's row summed both 2022 figures: it is marked, with both sides' citations.
        china = rows[0]
        claims = [c for c in china["_conflicts"] if "year: 2022" in c["fact"]]
        self.assertEqual(len(claims), 1, china["_conflicts"])
        got = sorted(c["claim"] for c in claims[0]["claims"])
        self.assertEqual(got, ["share_pct 50.0", "share_pct 61.2"])
        cited = [s for c in claims[0]["claims"] for s in c["sources"]]
        self.assertTrue(any("F105" in s for s in cited) and any("F106" in s for s in cited))
        self.assertEqual(rows[2]["_conflicts"], [])

    def test_jsonl_has_the_same_arrays(self):
        r = run("--why", "--format", "jsonl", "-c", Q2022, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [json.loads(l) for l in r.stdout.splitlines()]
        self.assertEqual([row["share_pct"] for row in rows], [50.0, 61.2])
        self.assertTrue(any("F106" in s for s in rows[0]["_sources"]))
        self.assertFalse(any("F105" in s for s in rows[0]["_sources"]))
        self.assertEqual(len(rows[0]["_conflicts"]), 1)

    def test_csv_has_trailing_columns(self):
        r = run("--why", "--format", "csv", "-c", Q2022, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        table = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(table[0], ["supplier", "share_pct", "_sources", "_conflicts"])
        self.assertEqual(len(table), 3)
        self.assertIn("F106", table[1][2])
        self.assertIn(" | ", table[1][2])
        self.assertRegex(table[1][3], r"^\(CHN\)-\[:SUPPLIES .*year: 2022\}\]->\(KOR\): "
                                      r"share_pct 61.2 vs share_pct 50.0$")
        self.assertNotIn("Sources:", r.stdout)

    def test_box_and_markdown_number_the_sources(self):
        box = run("--why", "-c", Q2022, SAMPLE)
        self.assertEqual(box.returncode, 0, box.stderr)
        rows = e2e_util.box_rows(box.stdout)
        self.assertEqual(rows[0], ["supplier", "share_pct", "sources"])
        self.assertRegex(rows[1][2], r"^\d+( \d+)* conflict 1$")
        e2e_util.assert_box_aligned(self, box.stdout)
        notes = box.stdout.split("Sources:\n", 1)[1]
        numbered = re.findall(r"^  \[(\d+)\] ", notes, re.M)
        self.assertEqual(numbered, [str(i) for i in range(1, len(numbered) + 1)])
        self.assertIn("conflict 1: (CHN)-[:SUPPLIES", notes)
        md = run("--why", "--format", "markdown", "-c", Q2022, SAMPLE)
        self.assertEqual(md.returncode, 0, md.stderr)
        self.assertIn("| supplier | share_pct | sources", md.stdout)
        self.assertIn("\nSources:\n\n1. ", md.stdout)
        self.assertIn("\n- conflict 1: ", md.stdout)

    def test_any_plan_prints_the_same_answer(self):
        # Citations are numbered by their text and conflicts by their facts' ids, so the plan
        # without the optimizer's passes (which meets the facts in another order) prints the
        # same --why answer for every question of the sample, byte for byte.
        script = ":why on\n"
        script += open(QUESTIONS, encoding="utf-8").read()
        fast = run(SAMPLE, stdin=script)
        slow = run(SAMPLE, stdin=script, env={"SILKGRAPH_DISABLE_PASSES": "all"})
        self.assertEqual(fast.returncode, 0, fast.stderr)
        self.assertEqual(slow.returncode, 0, slow.stderr)
        self.assertGreaterEqual(fast.stdout.count("Sources:"), 10)
        self.assertIn("conflict 1: ", fast.stdout)
        self.assertEqual(fast.stdout, slow.stdout)

    def test_without_why_nothing_changes(self):
        plain = run("-c", Q2022, SAMPLE)
        self.assertEqual(plain.returncode, 0, plain.stderr)
        self.assertNotIn("Sources:", plain.stdout)
        self.assertEqual(e2e_util.box_rows(plain.stdout)[0], ["supplier", "share_pct"])

    def test_streamed_formats_keep_every_rows_sources(self):
        # 2,500 rows: CSV and JSON Lines print them as they come and a box table would stream
        # past its 1,000-row look-ahead; with --why each row still gets its cells, and the box
        # table its numbered list.
        query = ("UNWIND range(1, 2500) AS i MATCH (n:Nation {id: 'KOR'}) "
                 "RETURN i, n.id AS id")
        want = node_sources()["KOR"]
        r = run("--why", "--format", "csv", "-c", query, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        table = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(table[0], ["i", "id", "_sources", "_conflicts"])
        self.assertEqual([row[0] for row in table[1:]], [str(i) for i in range(1, 2501)])
        self.assertTrue(all(sorted(row[2].split(" | ")) == sorted(want) for row in table[1:]))
        self.assertTrue(all(row[3] == "" for row in table[1:]))
        r = run("--why", "--format", "jsonl", "-c", query, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [json.loads(l) for l in r.stdout.splitlines()]
        self.assertEqual(len(rows), 2500)
        self.assertTrue(all(sorted(row["_sources"]) == sorted(want) for row in rows))
        r = run("--why", "-c", query, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = e2e_util.box_rows(r.stdout)
        self.assertEqual(len(rows), 2501)
        self.assertEqual(rows[0], ["i", "id", "sources"])
        footnotes = " ".join(str(k) for k in range(1, len(want) + 1))
        self.assertTrue(all(row[2] == footnotes for row in rows[1:]))
        self.assertIn("2500 rows", r.stdout)
        notes = r.stdout.split("Sources:\n", 1)[1]
        self.assertEqual(sorted(re.findall(r"^  \[\d+\] (.*)$", notes, re.M)), sorted(want))

    def test_why_with_a_view_date(self):
        # --as-of and --why together: the 2022 figures are valid in 2022 and still conflict.
        r = run("--why", "--as-of", "2022-06-30", "--format", "jsonl", "-c", Q2022, SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [json.loads(l) for l in r.stdout.splitlines()]
        self.assertEqual([row["share_pct"] for row in rows], [50.0, 61.2])
        self.assertEqual([len(row["_conflicts"]) for row in rows], [1, 1])

    def test_why_meta_commands_in_a_script(self):
        script = (":why on\nMATCH (n:Nation {id: 'KOR'}) RETURN n.name AS name;\n:why off\n"
                  "MATCH (n:Nation {id: 'KAZ'}) RETURN n.name AS name;\n:why\n")
        r = run("--format", "jsonl", SAMPLE, stdin=script)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = [json.loads(l) for l in r.stdout.splitlines()]
        self.assertEqual([row["name"] for row in rows], ["South Korea", "Kazakhstan", "Kazakhstan"])
        self.assertIn("_sources", rows[0])
        self.assertNotIn("_sources", rows[1])
        self.assertEqual(len(rows[2]["_sources"]), 2)  # :why ran the last statement again

    def test_why_errors(self):
        r = run(SAMPLE, stdin=":why\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("1:1: no result to explain yet", r.stderr)
        r = run(stdin=":why maybe\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("usage: :why [on|off]", r.stderr)
        r = run(stdin="CREATE (n:X {sources: ['a']}) RETURN n.sources AS s;\n:why\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("the last statement changed the graph", r.stderr)
        r = run("-c", "MATCH (n:X) RETURN count(n) AS n")
        self.assertEqual(r.returncode, 0)

    def test_graph_without_sources(self):
        r = run("--why", "-c", "UNWIND [1, 2] AS x RETURN x")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Sources: none", r.stdout)
        self.assertEqual(e2e_util.box_rows(r.stdout)[1], ["1", ""])

    def test_doc_sessions(self):
        text = open(DOC, encoding="utf-8").read()
        blocks = re.findall(r"```console\n(.*?)```", text, re.S)
        self.assertGreaterEqual(len(blocks), 2)
        for block in blocks:
            command, _, want = block.partition("\n")
            self.assertTrue(command.startswith("$ silkgraph "), command)
            args = shlex.split(command[len("$ silkgraph "):])
            r = run(*args, cwd=SOURCE_DIR)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, want, command)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
