"""End-to-end tests of how many rows the shell prints and how (issue 17, item 2), through a
pseudo-terminal as a person sees them: at a terminal a box table stops after 40 rows with a
footer saying how many were left out and how to see them; :max-rows N changes it (0: all);
:mode line prints one `column = value` per line; Ctrl-C stops the printing at once and
returns to the prompt; scripts, pipes and machine formats print every row. (The ```console
examples of docs/shell.md run with every other page's in tests/python/test_docs.py.)"""
import os
import re
import shutil
import tempfile
import time
import unittest

import e2e_util
from e2e_util import DATA, run
from test_interactive import PROMPT, Terminal

HUNDRED = "UNWIND range(1, 100) AS i RETURN i, i * i AS square;"


class ShellRows(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.home)
        self.term = Terminal([DATA], self.home)
        self.addCleanup(self.term.close)
        self.term.read_until(PROMPT)

    def run_statement(self, line, timeout=20):
        self.term.line(line)
        return self.term.read_until(PROMPT, timeout)

    def test_forty_rows_by_default_with_a_footer(self):
        out = self.run_statement(HUNDRED)
        rows = e2e_util.box_rows(out)
        self.assertEqual(len(rows), 41)  # the header and 40 rows
        self.assertEqual(rows[-1], ["40", "1600"])
        self.assertIn("└", out)
        self.assertIn("(100 rows; 60 not shown: :max-rows 0 shows all of them)", out)
        # A result that fits prints as before.
        out = self.run_statement("UNWIND range(1, 40) AS i RETURN i;")
        self.assertEqual(len(e2e_util.box_rows(out)), 41)
        self.assertIn("(40 rows)", out)

    def test_max_rows(self):
        out = self.run_statement(":max-rows")
        self.assertIn("max-rows: 40", out)
        self.run_statement(":max-rows 3")
        out = self.run_statement(HUNDRED)
        self.assertEqual(e2e_util.box_rows(out), [["i", "square"], ["1", "1"], ["2", "4"],
                                                  ["3", "9"]])
        self.assertIn("(100 rows; 97 not shown: :max-rows 0 shows all of them)", out)
        # Past the box table's 1,000-row look-ahead the rest is counted, not printed.
        out = self.run_statement("UNWIND range(1, 250000) AS i RETURN i;")
        self.assertEqual(len(e2e_util.box_rows(out)), 4)
        self.assertIn("(250000 rows; 249997 not shown: :max-rows 0 shows all of them)", out)
        self.run_statement(":max-rows 0")
        out = self.run_statement(HUNDRED)
        self.assertEqual(len(e2e_util.box_rows(out)), 101)
        self.assertIn("(100 rows)", out)
        out = self.run_statement(":max-rows many")
        self.assertIn("usage: :max-rows [N]", out)
        out = self.run_statement(":max-rows")
        self.assertIn("max-rows: 0 (every row)", out)

    def test_rows_counted_past_max_rows_show_progress(self):
        # The bar draws from the first moment with SILKGRAPH_PROGRESS_DELAY=0 (the default
        # waits half a second); the footer still gives the exact count.
        os.environ["SILKGRAPH_PROGRESS_DELAY"] = "0"
        self.addCleanup(os.environ.pop, "SILKGRAPH_PROGRESS_DELAY")
        term = Terminal([DATA], self.home)
        self.addCleanup(term.close)
        term.read_until(PROMPT)
        term.line(":max-rows 3")
        term.read_until(PROMPT)
        # Enough rows that counting them outlasts a few of the bar's redraws (four a second),
        # even on a fast machine.
        term.line("UNWIND range(1, 20000000) AS i RETURN i;")
        out = term.read_until(PROMPT, 300)
        self.assertIn("Counting rows", out)
        self.assertIn("(20000000 rows; 19999997 not shown: :max-rows 0 shows all of them)", out)
        # It counts after the rows shown, before the table's bottom line.
        self.assertLess(out.index("│ 3 │"), out.index("Counting rows"))
        self.assertLess(out.index("Counting rows"), out.index("└"))

    def test_machine_formats_print_every_row(self):
        self.run_statement(":mode csv")
        out = self.run_statement(HUNDRED).replace("\r", "")
        self.assertIn("i,square\n1,1\n", out)
        self.assertIn("\n100,10000\n", out)
        self.assertNotIn("not shown", out)

    def test_mode_line(self):
        self.run_statement(":mode line")
        out = self.run_statement("MATCH (n:Nation) WHERE n.id IN ['KAZ', 'KGZ'] "
                                 "RETURN n.id AS id, n.name AS country ORDER BY id;")
        self.assertIn("     id = KAZ\ncountry = Kazakhstan\n\n     id = KGZ\n"
                      "country = Kyrgyzstan\n(2 rows)\n", out.replace("\r", ""))
        self.run_statement(":max-rows 2")
        out = self.run_statement(HUNDRED).replace("\r", "")
        self.assertIn("     i = 1\nsquare = 1\n\n     i = 2\nsquare = 4\n"
                      "(100 rows; 98 not shown: :max-rows 0 shows all of them)\n", out)
        out = self.run_statement(":mode")
        self.assertIn("Output mode: line", out)

    def test_ctrl_c_stops_printing_at_once(self):
        self.run_statement(":max-rows 0")
        # Three million rows take far longer to print through a terminal than the test waits.
        self.term.line("UNWIND range(1, 3000000) AS i RETURN i, 'row ' + toString(i) AS label;")
        # The box's columns are sized by the first 1,000 rows: from row 10,000 on the numbers
        # are cut ("1000…"), so the first cut cell says 10,000 rows are out.
        self.term.read_until("…", timeout=60)
        self.term.type("\x03")
        pressed = time.time()
        out = self.term.read_until(PROMPT, timeout=10)
        self.assertLess(time.time() - pressed, 5)
        self.assertRegex(out, r"\(printing stopped by Ctrl-C after \d+ rows\)|Query cancelled")
        stopped = re.search(r"after (\d+) rows", out)
        if stopped:  # the footer counts the rows printed: far fewer than 3 million
            self.assertLess(int(stopped.group(1)), 3000000)
        self.assertNotIn("(3000000 rows)", out)
        # The shell is still there.
        out = self.run_statement("RETURN 'still here' AS s;")
        self.assertIn("still here", out)


class ScriptsPrintEveryRow(unittest.TestCase):
    def test_script_and_csv_are_unlimited(self):
        r = run("-c", HUNDRED)
        self.assertEqual(len(e2e_util.box_rows(r.stdout)), 101)
        self.assertNotIn("not shown", r.stdout)
        r = run("--format", "csv", "-c", HUNDRED)
        self.assertEqual(len(r.stdout.splitlines()), 101)

    def test_line_format(self):
        r = run("--format", "line", "-c", "RETURN 1 AS a, 'x' AS bb, null AS c;")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, " a = 1\nbb = x\n c = null\n(1 row)\n")
        r = run("--format", "line", "-c", "UNWIND [1, 2] AS i RETURN i;")
        self.assertEqual(r.stdout, "i = 1\n\ni = 2\n(2 rows)\n")
        r = run("--format", "line", "-c", "UNWIND [] AS i RETURN i;")
        self.assertEqual(r.stdout, "(0 rows)\n")

    def test_max_rows_in_a_script(self):
        r = run(stdin=":max-rows 2\n" + HUNDRED + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(e2e_util.box_rows(r.stdout)), 3)
        self.assertIn("(100 rows; 98 not shown", r.stdout)
        r = run(stdin=":max-rows -1\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("1:1: usage: :max-rows [N]", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
