"""End-to-end tests of the interactive shell's session (issue 17, item 2), through a
pseudo-terminal: history keeps a multi-line statement as typed (a newline inside a string
stays one when recalled), :source runs with its own mode and parameters and gives the
session's back afterwards, :schema on an open graph lists each label's and type's keys with
the types seen and their counts, Tab after `n.` offers the keys of n's label and Tab after
`r.` the keys of r's relationship type."""
import os
import shutil
import tempfile
import unittest

import e2e_util
from e2e_util import DATA
from test_interactive import PROMPT, Terminal


class ShellSession(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.home)

    def start(self, *args):
        term = Terminal(list(args), self.home)
        self.addCleanup(term.close)
        term.read_until(PROMPT)
        return term

    @staticmethod
    def run_statement(term, *lines):
        for line in lines:
            term.line(line)
        return term.read_until(PROMPT)

    def test_history_keeps_a_multi_line_statement_as_typed(self):
        term = self.start()
        term.line("RETURN 'first")
        term.read_until("'..> ")
        out = self.run_statement(term, "second' AS s;")
        self.assertEqual(e2e_util.box_rows(out), [["s"], ["first\\nsecond"]])
        term.line(":quit")
        self.assertEqual(term.wait(), 0)
        # A new shell recalls it with the arrow key (twice: :quit is the last entry): the
        # newline in the string is still there.
        term = self.start()
        term.type("\x1b[A\x1b[A")
        out = self.run_statement(term, "")
        self.assertEqual(e2e_util.box_rows(out), [["s"], ["first\\nsecond"]])

    def test_source_gives_back_the_mode_and_parameters(self):
        script = os.path.join(self.home, "setup.cypher")
        with open(script, "w", encoding="utf-8") as f:
            f.write(":mode csv\n:param who => 'KGZ'\n:max-rows 1\n"
                    "MATCH (n:Nation {id: $who}) RETURN n.name AS name;\n")
        term = self.start(DATA)
        self.run_statement(term, ":param who => 'KAZ'")
        out = self.run_statement(term, ":source " + script).replace("\r", "")
        self.assertIn("name\nKyrgyzstan\n", out)
        out = self.run_statement(term, "MATCH (n:Nation) WHERE n.id IN [$who, 'UZB'] "
                                       "RETURN n.name AS name ORDER BY name;")
        self.assertEqual(e2e_util.box_rows(out), [["name"], ["Kazakhstan"], ["Uzbekistan"]])
        out = self.run_statement(term, ":params")
        self.assertIn(":param who => 'KAZ'", out)
        out = self.run_statement(term, ":max-rows")
        self.assertIn("max-rows: 40", out)

    def test_schema_of_an_open_graph_lists_keys_types_and_counts(self):
        term = self.start()
        # Border lengths from tests/e2e/data/borders.csv (CIA World Factbook), one as an
        # integer and one as a float, so that the key shows both types.
        self.run_statement(
            term, "CREATE (k:Nation {id: 'KAZ', name: 'Kazakhstan'}), "
                  "(g:Nation {id: 'KGZ', name: 'Kyrgyzstan', aliases: ['Kyrgyz Republic']}), "
                  "(u:Nation {id: 'UZB', name: 'Uzbekistan'}), "
                  "(k)-[:BORDERS {length_km: 1212}]->(g), "
                  "(k)-[:BORDERS {length_km: 2330.0}]->(u);")
        out = self.run_statement(term, ":schema").replace("\r", "")
        self.assertIn("Open graph: no declared schema.", out)
        self.assertRegex(out, r":Nation\s+3 nodes\n\s+aliases string\[\] \(1\), id string \(3\), "
                              r"name string \(3\)\n")
        self.assertRegex(out, r":BORDERS\s+2 relationships\n\s+length_km float\|int \(2\)\n")

    def test_tab_after_a_dot_offers_the_keys_of_the_label(self):
        term = self.start(DATA)
        term.type("MATCH (n:Nation)-[b:BORDERS]-() RETURN n.\t\t")
        listed = term.read_until("sources")
        self.assertIn("aliases", listed)
        self.assertIn("name", listed)
        self.assertNotIn("length_km", listed)  # a key of BORDERS, not of Nation
        term.type("\x03")
        term.read_until(PROMPT)
        # The label may be on an earlier line of the statement; without one every key fits.
        term.line("MATCH (x:Nation)")
        term.read_until("..> ")
        term.type("RETURN x.\t\t")
        listed = term.read_until("sources")
        self.assertNotIn("length_km", listed)
        term.type("\x03")
        term.read_until(PROMPT)
        term.type("MATCH ()-[b]-() RETURN b.len\t")
        term.read_until("b.length_km")
        out = self.run_statement(term, " AS km ORDER BY km LIMIT 1;")
        self.assertEqual(e2e_util.box_rows(out)[0], ["km"])

    def test_tab_after_a_dot_offers_the_keys_of_the_relationship_type(self):
        term = self.start(DATA)
        term.type("MATCH (n:Nation)-[b:BORDERS]-() RETURN b.\t\t")
        listed = term.read_until("sources")
        self.assertIn("length_km", listed)
        self.assertNotIn("aliases", listed)  # a key of Nation, not of BORDERS
        # One key of the type fits: Tab writes it (a new shell: no line typed at once after
        # Ctrl-C, whose first character the terminal may drop).
        term = self.start(DATA)
        term.type("MATCH (:Nation {id: 'KAZ'})-[b:BORDERS]->(m) RETURN m.id AS id, b.len\t")
        term.read_until("b.length_km")
        out = self.run_statement(term, " AS km ORDER BY id;")
        self.assertEqual(e2e_util.box_rows(out), [["id", "km"], ["KGZ", "1212.0"],
                                                  ["UZB", "2330.0"]])


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
