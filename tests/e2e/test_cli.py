"""End-to-end tests of the scripted modes of `silkgraph`: -c, -f, stdin, every output format,
parameters, errors with FILE:line:col and a caret, --keep-going, and the exit codes."""
import csv
import io
import json
import os
import re
import tempfile
import unittest

import e2e_util
from e2e_util import DATA, run

NATIVE_NAMES = ("MATCH (n:Nation) WHERE n.id IN ['KOR', 'KAZ', 'KGZ'] "
                "RETURN n.id AS id, n.name AS name, n.aliases[3] AS native ORDER BY id")


class ScriptedModes(unittest.TestCase):
    def test_box_aligns_korean_and_kazakh_names(self):
        r = run("-c", NATIVE_NAMES, DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = e2e_util.box_rows(r.stdout)
        self.assertEqual(rows[0], ["id", "name", "native"])
        self.assertEqual(rows[1:], [["KAZ", "Kazakhstan", "Казахстан"],
                                    ["KGZ", "Kyrgyzstan", "Киргизия"],
                                    ["KOR", "South Korea", "대한민국"]])
        e2e_util.assert_box_aligned(self, r.stdout)
        self.assertIn("(3 rows)", r.stdout)

    def test_csv_follows_rfc4180(self):
        query = NATIVE_NAMES.replace(" ORDER BY", ", 'a, \"quoted\" b' AS tricky ORDER BY")
        r = run("-c", query, "--format", "csv", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('"a, ""quoted"" b"', r.stdout)
        rows = list(csv.reader(io.StringIO(r.stdout)))
        self.assertEqual(rows[0], ["id", "name", "native", "tricky"])
        self.assertEqual(rows[3], ["KOR", "South Korea", "대한민국", 'a, "quoted" b'])
        self.assertEqual(len(rows), 4)

    def test_json_rows_and_nodes(self):
        r = run("-c", "MATCH (l:Leader)-[h:HOLDS_OFFICE]->(n:Nation {id: 'KAZ'}) RETURN l, h, "
                "n.name AS nation", "--format", "json", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = json.loads(r.stdout)
        self.assertEqual(len(rows), 1)
        leader, office = rows[0]["l"], rows[0]["h"]
        self.assertEqual(leader["labels"], ["Leader"])
        self.assertEqual(leader["properties"]["name"], "Murat Nurtleu")
        self.assertIn("Мұрат Нұртілеу", leader["properties"]["aliases"])
        self.assertEqual(office["type"], "HOLDS_OFFICE")
        self.assertEqual(office["start"], leader["id"])
        self.assertEqual(office["properties"]["valid_from"], "2023-04-03")
        self.assertEqual(rows[0]["nation"], "Kazakhstan")

    def test_jsonl_one_object_per_line(self):
        r = run("-c", NATIVE_NAMES, "--format", "jsonl", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual([json.loads(l)["id"] for l in lines], ["KAZ", "KGZ", "KOR"])
        self.assertEqual(json.loads(lines[2])["native"], "대한민국")

    def test_markdown_escapes_pipes(self):
        r = run("-c", "RETURN 'a|b' AS text, 42 AS n", "--format", "markdown")
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["|", "text", "|", "n", "|"])
        self.assertTrue(re.match(r"^\| -+ \| -+: \|$", lines[1]), lines[1])
        self.assertIn(r"a\|b", lines[2])

    def test_query_file_prints_comment_headings(self):
        path = os.path.join(DATA, "questions.cypher")
        r = run("-f", path, DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout
        heading = "Which nations border Kazakhstan, and how long is each border?"
        self.assertIn(heading, out)
        self.assertLess(out.index(heading), out.index("┌"))
        self.assertNotIn("Tiny query file", out)  # file header, separated by a blank line
        first = e2e_util.box_rows(out)
        self.assertEqual(first[1:], [["Uzbekistan", "2330.0"], ["Kyrgyzstan", "1212.0"]])
        self.assertIn("Yoon Suk Yeol", out)
        self.assertEqual(out.count("(2 rows)"), 2)

    def test_stdin_is_a_script(self):
        r = run(DATA, stdin="RETURN 1 AS one;\n// the leaders\nMATCH (l:Leader) RETURN count(l) AS leaders;\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("the leaders", r.stdout)
        self.assertEqual(e2e_util.box_rows(r.stdout.split("the leaders")[1])[1], ["2"])

    def test_write_statement_prints_summary(self):
        r = run("-c", "CREATE (:City {name: 'Seoul'}), (:City {name: 'Astana'})")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^Created 2 nodes, (added 2 labels, )?set 2 properties$")

    def test_params(self):
        r = run("-c", "MATCH (n:Nation {id: $who}) RETURN n.name AS name, $year + 1 AS next",
                "--param", "who='KGZ'", "--param", "year=2024", "--format", "csv", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["name,next", "Kyrgyzstan,2025"])
        # A malformed parameter is a command-line mistake: exit 2, before loading anything.
        bad = run("-c", "RETURN $x", "--param", "x=[1,", DATA)
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--param x", bad.stderr)
        self.assertIn("--help", bad.stderr)
        self.assertNotIn("Loaded", bad.stderr + bad.stdout)
        for param in ("x", "1x=2", "x="):
            bad = run("-c", "RETURN 1", "--param", param, DATA)
            self.assertEqual(bad.returncode, 2, param)
        bad = run("export", "dot", "--param", "id", DATA)
        self.assertEqual(bad.returncode, 2)

    def test_unknown_names_warn_with_place_and_hint(self):
        script = os.path.join(tempfile.mkdtemp(), "typo.cypher")
        with open(script, "w", encoding="utf-8") as f:
            f.write("RETURN 1 AS one;\nMATCH (n:Natoin)\nRETURN n.name AS name;\n")
        r = run("-f", script, "--format", "csv", DATA)
        # A warning, not an error: the statement runs (no rows) and the exit status is 0.
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["one", "1", "name"])
        self.assertEqual(r.stderr.splitlines(), [
            script + ":2:10: Warning: the label 'Natoin' does not exist in this graph "
                     "(did you mean Nation?)",
            "MATCH (n:Natoin)",
            "         ^"])
        # Names the statement itself creates, and known names, give no warning.
        ok = run("-c", "CREATE (c:City {name: 'Seoul'}) RETURN c.name")
        self.assertEqual((ok.returncode, ok.stderr), (0, ""))

    def test_explain_prints_plan(self):
        r = run("-c", "EXPLAIN MATCH (n:Nation {id: 'KAZ'}) RETURN n.name", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.strip())
        self.assertNotIn("┌", r.stdout)
        self.assertIn("NodeIndexSeek (:Nation key)", r.stdout)
        self.assertNotIn(" ms]", r.stdout)

    def test_profile_prints_plan_with_row_counts_then_rows(self):
        q = "PROFILE MATCH (n:Nation {id: 'KAZ'})-[:BORDERS]->(m:Nation) RETURN m.name ORDER BY m.name"
        r = run("-c", q, DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertRegex(lines[0], r"^ProduceResults \[2 rows, \d+\.\d{3} ms\]$")
        self.assertTrue(any(re.match(r"^  Sort \[2 rows, \d+\.\d{3} ms\]$", l) for l in lines), lines)
        self.assertIn("Kyrgyzstan", r.stdout)
        self.assertLess(r.stdout.index("Match ["), r.stdout.index("┌"))
        # JSON keeps one document: the plan beside the rows.
        r = run("--format", "json", "-c", q, DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertIn("Sort [2 rows, ", doc["plan"])
        self.assertEqual([row["m.name"] for row in doc["rows"]], ["Kyrgyzstan", "Uzbekistan"])
        # CSV stays plain CSV.
        r = run("--format", "csv", "-c", q, DATA)
        self.assertEqual(r.stdout.splitlines()[0], "m.name")


class MetaCommandsInScripts(unittest.TestCase):
    def write_script(self, text, suffix=".cypher", directory=None):
        fd, path = tempfile.mkstemp(suffix=suffix, dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        self.addCleanup(os.remove, path)
        return path

    SCRIPT = """// Parameters first, as a script sets them.
:param who => 'KGZ'
:param since => date('2024-11-04')
:param ids => ['KAZ', $who]
:mode csv

// a statement over several lines, after the meta-commands
MATCH (n:Nation)
WHERE n.id IN $ids   // trailing comment
RETURN n.id AS id, $since AS since
ORDER BY id;
:params
"""

    def test_file(self):
        r = run("-f", self.write_script(self.SCRIPT), DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        # The script's output is CSV: meta-commands tell on standard error, so the CSV on
        # standard output stays clean.
        self.assertEqual(lines, ["id,since", "KAZ,2024-11-04", "KGZ,2024-11-04"])
        info = r.stderr.splitlines()
        # :params prints re-enterable Cypher: dates as date('...'), not as strings.
        self.assertIn(":param since => date('2024-11-04')", info)
        self.assertIn(":param ids => ['KAZ', 'KGZ']", info)
        # Setting a parameter prints nothing in a script: only the :params listing names it.
        self.assertEqual(r.stderr.count(":param who"), 1)

    def test_schema_shows_the_declared_adjacency_order(self):
        path = self.write_script(
            '{"schema": {"labels": [{"name": "Nation", "key": "id"}], "relationships": ['
            '{"type": "SUPPLIES", "from": "Nation", "to": "Nation", "properties": ['
            '{"name": "resource", "type": "string"}, {"name": "year", "type": "int"}], '
            '"index": ["resource", "year"]}]}, "nodes": [], "relationships": []}', ".json")
        r = run("-c", ":schema", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(":SUPPLIES  0 relationships, Nation -> Nation, ordered by (resource, year)",
                      r.stdout)
        r = run("-c", ":load")
        self.assertIn("database file DB.sg", r.stderr)

    def test_stdin_and_command(self):
        r = run(DATA, stdin=self.SCRIPT)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("id,since\nKAZ,2024-11-04\n"), r.stdout)
        r = run("-c", ":param x => 20\nRETURN $x + 1 AS y;")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("21", r.stdout)

    def test_params_round_trip(self):
        listing = run("-c", ":param d => date('2024-11-04')\n:param m => {`a key`: [date('2020-01-01')]}"
                      "\n:params").stdout
        script = listing + "RETURN $d = date('2024-11-04') AS same, $m.`a key`[0].year AS y;"
        r = run("-c", script, "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr + listing)
        self.assertEqual(r.stdout.splitlines(), ["same,y", "true,2020"])

    def test_bom_and_crlf(self):
        path = self.write_script("\ufeff:param x => 41\r\nRETURN $x + 1 AS y;\r\n")
        r = run("-f", path, "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["y", "42"])

    def test_source_inside_a_file(self):
        # The sourced file runs with its own parameters; the script's come back after it
        # (docs/shell.md), so $who is unset again in the outer file.
        inner = self.write_script(":param who => 'KAZ'\n"
                                  "MATCH (n:Nation {id: $who}) RETURN n.name AS name;\n")
        outer = self.write_script(":source %s\nRETURN $who AS who;\n" % inner)
        r = run("-f", outer, "--format", "csv", DATA)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout.splitlines(), ["name", "Kazakhstan"])
        self.assertIn(":2:8: ParameterMissing: expected a parameter named 'who'", r.stderr)

    def test_errors_name_the_line(self):
        script = "RETURN 1 AS a;\n:mode xml\n  :param bad => [1,\n:nonsense\nRETURN 2 AS b;\n"
        path = self.write_script(script)
        r = run("-f", path)
        self.assertEqual(r.returncode, 1)
        self.assertIn("%s:2:1: usage: :mode" % path, r.stderr)
        self.assertNotIn("│ b │", r.stdout)  # stopped at the failure
        r = run("-k", "-f", path)
        self.assertEqual(r.returncode, 1)
        err = r.stderr.splitlines()
        i = err.index("%s:3:20: SyntaxError: the value ends too early (expected an expression)" % path)
        self.assertEqual(err[i + 1], "  :param bad => [1,")
        self.assertEqual(err[i + 2], " " * 19 + "^")
        self.assertIn("%s:4:1: Unknown command :nonsense" % path, r.stderr)
        self.assertIn("│ b │", r.stdout)

    def test_mistyped_command_gets_a_suggestion(self):
        for typed, meant in ((":parms", ":params"), (":qiut", ":quit"), (":sch", ":schema"),
                             (":EXPOT dot x.dot", ":export")):
            r = run("-c", typed)
            self.assertEqual(r.returncode, 1)
            self.assertIn("Did you mean %s?" % meant, r.stderr)
        self.assertNotIn("Did you mean", run("-c", ":zzz").stderr)

    def test_colon_lines_inside_statements_stay_cypher(self):
        # A line starting with ':' inside a statement or a block comment is not a command.
        script = "MATCH (n\n:Nation {id: 'KAZ'})\nRETURN n.id AS id;\n/*\n:quit\n*/\nRETURN 'after' AS a;\n"
        r = run("-f", self.write_script(script), DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("KAZ", r.stdout)
        self.assertIn("after", r.stdout)


class JsonDocuments(unittest.TestCase):
    def test_several_statements_make_one_document(self):
        r = run("-c", "RETURN 1 AS a; CREATE (:City {name: 'Almaty'}); UNWIND [1, 2] AS x "
                "RETURN x AS b", "--format", "json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout), [[{"a": 1}], [{"b": 1}, {"b": 2}]])

    def test_one_statement_is_an_array_of_rows(self):
        r = run("-c", "UNWIND [1, 2] AS x RETURN x", "--format", "json")
        self.assertEqual(json.loads(r.stdout), [{"x": 1}, {"x": 2}])
        r = run("-c", "CREATE (:City)", "--format", "json")
        self.assertEqual(r.stdout, "")

    def test_query_file_and_failures(self):
        path = os.path.join(DATA, "questions.cypher")
        r = run("-f", path, "--format", "json", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(len(doc), 2)
        self.assertEqual(doc[0][0]["neighbour"], "Uzbekistan")
        self.assertEqual(doc[1][0]["since"], "2022-05-10")
        # A failing statement: what ran before it is still one valid document.
        r = run("-c", "RETURN 1 AS a; RETURN 2 AS b; RETURN 1 / 0 AS c", "--format", "json")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(json.loads(r.stdout), [[{"a": 1}], [{"b": 2}]])
        # EXPLAIN gives JSON too.
        r = run("-c", "EXPLAIN RETURN 1", "--format", "json")
        self.assertIn("plan", json.loads(r.stdout))


class Errors(unittest.TestCase):
    def write_script(self, text):
        fd, path = tempfile.mkstemp(suffix=".cypher")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        self.addCleanup(os.remove, path)
        return path

    def test_error_names_file_line_col_with_caret(self):
        script = "RETURN 1 AS ok;\n\n// broken on purpose\nMATCH (n:Nation)\nRETURN n.name AS name,, 2;\nRETURN 3 AS never;\n"
        path = self.write_script(script)
        r = run("-f", path, DATA)
        self.assertEqual(r.returncode, 1)
        line_no = 5
        bad_line = script.splitlines()[line_no - 1]
        col = bad_line.index(",,") + 2
        self.assertIn("%s:%d:%d: SyntaxError:" % (path, line_no, col), r.stderr)
        err_lines = r.stderr.splitlines()
        i = err_lines.index(bad_line)
        self.assertEqual(err_lines[i + 1], " " * (col - 1) + "^")
        self.assertIn("(1 row)", r.stdout)          # the statement before ran
        self.assertNotIn("never", r.stdout)          # the one after did not

    def test_keep_going(self):
        script = "RETURN nope AS x;\nRETURN 'still here' AS y;\n"
        path = self.write_script(script)
        r = run("-f", path, "--keep-going")
        self.assertEqual(r.returncode, 1)
        self.assertIn("%s:1:8: SemanticError" % path, r.stderr)
        self.assertIn("still here", r.stdout)

    def test_stdin_errors_name_stdin(self):
        r = run(stdin="RETURN 1 AS a;\nRETURN (1 AS b;\n")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"^<stdin>:2:\d+: SyntaxError")

    def test_command_error_has_line_col(self):
        r = run("-c", "MATCH (n) RETURN m")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.startswith("1:18: SemanticError"), r.stderr)

    def test_runtime_error_points_at_the_expression(self):
        script = ("RETURN 1 AS ok;\n\n// divides by zero at run time\n  UNWIND [1, 0] AS x\n"
                  "  RETURN 10 / x AS y;\nRETURN 'never' AS n;\n")
        path = self.write_script(script)
        r = run("-f", path)
        self.assertEqual(r.returncode, 1)
        err_lines = r.stderr.splitlines()
        self.assertEqual(err_lines[0], "%s:5:10: ArgumentError: division by zero" % path)
        self.assertEqual(err_lines[1], "  RETURN 10 / x AS y;")
        self.assertEqual(err_lines[2], "         ^")
        self.assertNotIn("never", r.stdout)
        # A runtime error from a function argument, with --keep-going: each names its statement.
        path = self.write_script("RETURN date('2024-13-01') AS d;\nRETURN 1 AS fine;\n"
                                 "MATCH (n:Nation) RETURN toInteger(n) AS i;\n")
        r = run("-k", "-f", path, DATA)
        self.assertEqual(r.returncode, 1)
        self.assertIn("%s:1:8: ArgumentError" % path, r.stderr)
        self.assertIn("%s:3:25: TypeError" % path, r.stderr)
        self.assertIn("fine", r.stdout)

    def test_missing_parameter_says_how_to_set_it(self):
        r = run("-c", "RETURN $year AS y")
        self.assertEqual(r.returncode, 1)
        self.assertIn(":param year => VALUE", r.stderr)
        self.assertIn("--param year=VALUE", r.stderr)

    def test_usage_errors_exit_2(self):
        r = run("--no-such-option")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--no-such-option", r.stderr)
        self.assertEqual(run("--format", "xml", "-c", "RETURN 1").returncode, 2)
        self.assertEqual(run("-f", "x", "-c", "RETURN 1").returncode, 2)

    def test_threads_option(self):
        # A load on two threads gives the same answers; a bad count is a usage error.
        q = ("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, id(r) AS rid "
             "ORDER BY rid")
        one = run("--format", "csv", "-c", q, DATA)
        two = run("--threads", "2", "--format", "csv", "-c", q, DATA)
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertEqual(two.returncode, 0, two.stderr)
        self.assertEqual(one.stdout, two.stdout)
        self.assertGreater(one.stdout.count("\n"), 4)
        for bad in ("0", "-1", "x"):
            r = run("--threads", bad, "-c", "RETURN 1")
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn("--threads", r.stderr)
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "g.sg")
            r = run("build", "--threads", "2", db, DATA)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(run("--format", "csv", "-c", q, db).stdout, one.stdout)
            r = run("build", "--threads", "zero", db, DATA)
            self.assertEqual(r.returncode, 2)
            self.assertIn("--threads: expected a number from 1 to 256", r.stderr)

    def test_build_past_its_memory_spills_to_temporary_files(self):
        # 600,000 relationships with a 64-bit property: its column (4.8 MB) is past --memory
        # 1MB, so it lives in an unnamed temporary file beside the database while the build
        # runs; the file written is the one a build in memory writes.
        with tempfile.TemporaryDirectory() as d:
            data = os.path.join(d, "data")
            os.mkdir(data)
            with open(os.path.join(data, "nodes.csv"), "w") as f:
                f.write("id:ID,:LABEL\n" + "".join("n%d,N\n" % i for i in range(100)))
            with open(os.path.join(data, "rels.csv"), "w") as f:
                f.write(":START_ID,:END_ID,:TYPE,w:int\n")
                f.writelines("n%d,n%d,R,%d\n" % (i % 100, i * 7 % 100, i << 33)
                             for i in range(600000))
            memory, spilled = os.path.join(d, "memory.sg"), os.path.join(d, "spilled.sg")
            r = run("build", "--quiet", memory, data)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotIn("temporary files", r.stdout)
            r = run("build", "--quiet", "--memory", "1MB", spilled, data)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertRegex(r.stdout, r"Wrote .*spilled\.sg: 100 nodes, 600000 relationships "
                             r"\(up to [0-9.]+ MB of it in temporary files past --memory 1\.0 MB\)")
            with open(memory, "rb") as a, open(spilled, "rb") as b:
                self.assertTrue(a.read() == b.read(), "the two database files differ")
            self.assertEqual(sorted(os.listdir(d)), ["data", "memory.sg", "spilled.sg"])
            for bad in ("0", "lots", "-5MB"):
                r = run("build", "--memory", bad, spilled, data)
                self.assertEqual(r.returncode, 2, bad)
                self.assertIn("--memory: expected a size such as 512MB or 8GB", r.stderr)
            r = run("build", "--memory")
            self.assertEqual(r.returncode, 2)
            # A directory that does not exist: one error, from the write, no warning first.
            r = run("build", os.path.join(d, "missing", "x.sg"), DATA)
            self.assertEqual(r.returncode, 1)
            self.assertNotIn("warning", r.stderr)
            self.assertIn("No such file or directory", r.stderr)

    def test_build_clusters_a_type_by_its_rows(self):
        # --cluster T:in numbers T's relationships by each node's incoming row: the answers stay,
        # the ids follow the rows; what cannot be done is a warning, a malformed option exit 2.
        with tempfile.TemporaryDirectory() as d:
            data = os.path.join(d, "data")
            os.mkdir(data)
            with open(os.path.join(data, "nodes.csv"), "w") as f:
                f.write("id:ID,:LABEL\n" + "".join("n%d,N\n" % i for i in range(30)))
            with open(os.path.join(data, "t.csv"), "w") as f:
                f.write(":START_ID,:END_ID,:TYPE,k:int,w:float\n")
                f.writelines("n%d,n%d,T,%d,%d.5\n" % (i * 7 % 30, i * 11 % 30, i % 5, i)
                             for i in range(2000))
            plain, clustered = os.path.join(d, "plain.sg"), os.path.join(d, "clustered.sg")
            r = run("build", "--quiet", plain, data)
            self.assertEqual(r.returncode, 0, r.stderr)
            r = run("build", "--quiet", "--cluster", "T:in", clustered, data)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stderr, "")
            q = ("MATCH (a)-[r:T]->(b) WHERE r.k = 3 RETURN a.id, b.id, r.w ORDER BY r.w; "
                 "MATCH (b {id: 'n4'})<-[r:T]-() RETURN collect(id(r)) AS ids")
            a, b = run(plain, "--format", "csv", "-c", q), run(clustered, "--format", "csv", "-c", q)
            self.assertEqual(a.returncode, 0, a.stderr)
            self.assertEqual(b.returncode, 0, b.stderr)
            first = lambda out: out[:out.index("ids")]
            self.assertEqual(first(a.stdout), first(b.stdout))
            ids = [int(x) for x in b.stdout.split("\n")[-2].strip('"[]').split(", ")]
            self.assertEqual(ids, list(range(ids[0], ids[0] + len(ids))))  # one run of ids
            self.assertNotEqual(a.stdout, b.stdout)
            r = run("build", "--quiet", "--cluster", "SUPPLIES:in", clustered, data)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("warning: --cluster SUPPLIES:in not done: the graph has no relationship "
                          "of type SUPPLIES (its types: T)", r.stderr)
            for bad in ("T", "T:both", ":in"):
                r = run("build", "--cluster", bad, clustered, data)
                self.assertEqual(r.returncode, 2, bad)
                self.assertIn("--cluster: expected TYPE:in or TYPE:out", r.stderr)

    def test_help_and_version(self):
        r = run("--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("--keep-going", r.stdout)
        self.assertIn("export dot", r.stdout)
        v = run("--version")
        self.assertEqual(v.returncode, 0)
        self.assertRegex(v.stdout, r"^silkgraph \d+\.\d+\.\d+")

    def test_missing_query_file(self):
        r = run("-f", "/nonexistent/q.cypher")
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent/q.cypher: IOError: cannot read the file: No such file or "
                      "directory", r.stderr)
        r = run("-f", DATA)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Is a directory", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
