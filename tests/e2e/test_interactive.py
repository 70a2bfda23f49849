"""End-to-end test of the interactive shell through a pseudo-terminal: a multi-line query
printed as a box table, :export dot, a failed :load that leaves the graph unchanged,
Ctrl-C at the prompt, :param, :schema, :mode, history, and :quit."""
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import e2e_util
from e2e_util import DATA

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r|\x07")
PROMPT = "silkgraph> "


class Terminal:
    """silkgraph running on a pty; reads its screen output as text (escapes removed)."""

    def __init__(self, args, home, cwd=None):
        env = dict(os.environ, HOME=home, TERM="xterm", COLUMNS="120", LINES="40")
        env.pop("NO_COLOR", None)
        # pty.fork makes the pty the child's controlling terminal, so that Ctrl-C typed into
        # it raises SIGINT in silkgraph as it would for a person at a terminal.
        pid, self.master = pty.fork()
        if pid == 0:
            try:
                if cwd:
                    os.chdir(cwd)
                os.execve(e2e_util.BINARY, [e2e_util.BINARY, *args], env)
            finally:
                os._exit(127)
        self.pid = pid
        self.seen = ""

    def read_until(self, needle, timeout=20):
        """Waits until needle appears in the output after what was consumed; returns the text
        up to and including it."""
        deadline = time.time() + timeout
        while needle not in self.seen:
            left = deadline - time.time()
            if left <= 0:
                raise AssertionError("timed out waiting for %r; output so far:\n%s" % (needle, self.seen))
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise AssertionError("silkgraph exited waiting for %r:\n%s" % (needle, self.seen))
                # The progress bar's erase ("\r" then erase-line) ends its line, as on a
                # screen, so what is printed after it starts a line of its own here too.
                text = chunk.decode("utf-8", "replace").replace("\r\x1b[K", "\n")
                self.seen += ANSI.sub("", text)
        end = self.seen.index(needle) + len(needle)
        text, self.seen = self.seen[:end], self.seen[end:]
        return text

    def type(self, text):
        os.write(self.master, text.encode("utf-8"))

    def line(self, text):
        self.type(text + "\r")

    def wait(self, timeout=20):
        """Exit status of silkgraph, waiting at most timeout seconds (draining its output)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = None
                return os.waitstatus_to_exitcode(status)
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    pass
        raise AssertionError("silkgraph did not exit")

    def close(self):
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        if self.master is not None:
            os.close(self.master)
            self.master = None


class InteractiveShell(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.home)
        self.term = Terminal([DATA], self.home)
        self.addCleanup(self.term.close)
        self.term.read_until(PROMPT)

    def run_statement(self, *lines):
        for l in lines:
            self.term.line(l)
        return self.term.read_until(PROMPT)

    def count_nodes(self):
        out = self.run_statement("MATCH (n) RETURN count(n) AS nodes;")
        return int(e2e_util.box_rows(out)[1][0])

    def test_session(self):
        t = self.term
        # A statement over three lines: continuation prompts, then one box table.
        t.line("MATCH (n:Nation)")
        t.read_until("..> ")
        t.line("WHERE n.id IN ['KOR', 'KAZ']")
        t.read_until("..> ")
        out = self.run_statement("RETURN n.id AS id, n.aliases[3] AS native ORDER BY id;")
        self.assertEqual(e2e_util.box_rows(out), [["id", "native"], ["KAZ", "Казахстан"],
                                                  ["KOR", "대한민국"]])
        e2e_util.assert_box_aligned(self, out)
        self.assertIn("(2 rows)", out)

        # Korean and Kazakh typed at the prompt reach the query intact.
        out = self.run_statement("MATCH (n:Nation) WHERE 'Қазақстан' IN n.aliases OR "
                                 "'대한민국' IN n.aliases RETURN n.id AS id, '한국' AS typed ORDER BY id;")
        self.assertEqual(e2e_util.box_rows(out), [["id", "typed"], ["KAZ", "한국"], ["KOR", "한국"]])

        # :export dot writes the last result's nodes and relationships.
        self.run_statement("MATCH (k:Nation {id: 'KAZ'})-[b:BORDERS]-(n) RETURN k, b, n;")
        dot_path = os.path.join(self.home, "borders.dot")
        out = self.run_statement(":export dot " + dot_path)
        self.assertIn("Wrote 3 nodes and 2 relationships", out)
        with open(dot_path, encoding="utf-8") as f:
            dot = f.read()
        self.assertTrue(dot.lstrip().startswith("digraph"))
        for name in ("Kazakhstan", "Kyrgyzstan", "Uzbekistan"):
            self.assertIn(name, dot)
        self.assertNotIn("South Korea", dot)
        if shutil.which("dot"):
            res = subprocess.run(["dot", "-Tsvg", dot_path], capture_output=True, timeout=60)
            self.assertEqual(res.returncode, 0, res.stderr)

        # A failed :load names the place and leaves the graph as it was.
        before = self.count_nodes()
        self.assertEqual(before, 6)
        bad = os.path.join(DATA, "bad", "malformed.json")
        out = self.run_statement(":load " + bad)
        self.assertRegex(out, re.escape(bad) + r":4:\d+: LoadError")
        self.assertIn("graph is unchanged", out)
        bad_csv = os.path.join(DATA, "bad", "wrong_type.csv")
        out = self.run_statement(":load " + bad_csv)
        self.assertIn(bad_csv + ":3:17: LoadError", out)
        self.assertEqual(self.count_nodes(), before)

        # Ctrl-C at the prompt drops the half-typed statement.
        t.line("RETURN 1 AS one")
        t.read_until("..> ")
        t.type("\x03")
        t.read_until(PROMPT)
        out = self.run_statement("RETURN 5 AS five;")
        self.assertEqual(e2e_util.box_rows(out), [["five"], ["5"]])

        # Parameters, modes, schema, errors with a caret.
        out = self.run_statement(":param who => 'KGZ'")
        self.assertIn("who => 'KGZ'", out)
        self.run_statement(":mode csv")
        out = self.run_statement("MATCH (n:Nation {id: $who}) RETURN n.name AS name;")
        self.assertIn("name\nKyrgyzstan\n", out.replace("\r", ""))
        self.run_statement(":mode box")
        out = self.run_statement(":schema")
        self.assertRegex(out, r":Nation\s+4 nodes")
        self.assertRegex(out, r":BORDERS\s+3 relationships")
        out = self.run_statement("RETURN nope;")
        self.assertIn("1:8: SemanticError", out)
        self.assertIn("       ^", out)

        t.line(":quit")
        self.assertEqual(t.wait(), 0)
        with open(os.path.join(self.home, ".silkgraph_history"), encoding="utf-8",
                  errors="replace") as f:
            history = f.read()
        self.assertIn("RETURN", history)

    def test_ctrl_c_cancels_a_running_query(self):
        t = self.term
        # A cross product of nine node scans (6^9 rows) runs for seconds: long enough.
        t.line("MATCH (a), (b), (c), (d), (e), (f), (g), (h), (i) RETURN count(*);")
        time.sleep(1.0)
        t.type("\x03")
        out = t.read_until(PROMPT, timeout=30)
        if "Query cancelled" not in out:
            self.skipTest("the query finished before Ctrl-C arrived")
        out = self.run_statement("RETURN 'still here' AS s;")
        self.assertIn("still here", out)

    def test_tab_completes_file_names(self):
        t = self.term
        os.mkdir(os.path.join(self.home, "pictures"))
        with open(os.path.join(self.home, "questions-sourced.cypher"), "w", encoding="utf-8") as f:
            f.write("RETURN 'from the sourced file' AS s;\n")
        # :source with an absolute path: the unique file is completed, then run by Enter.
        t.type(":source " + self.home + "/questions-s\t")
        t.read_until("questions-sourced.cypher ")
        out = self.run_statement("")
        self.assertIn("from the sourced file", out)
        # :load of a directory inside the test data: completed up to the '/', no blank after.
        t.type(":load " + DATA + "/ba\t")
        t.read_until(DATA + "/bad/")
        t.type("malformed.js\t")
        t.read_until("malformed.json ")
        out = self.run_statement("")
        self.assertIn("LoadError", out)
        # :export: the format, then a directory and a new file name in it.
        self.run_statement("MATCH (k:Nation {id: 'KAZ'})-[b:BORDERS]-(n) RETURN k, b, n;")
        t.type(":export d\t")
        t.read_until(":export dot ")
        t.type(self.home + "/pic\t")
        t.read_until(self.home + "/pictures/")
        out = self.run_statement("borders.dot")
        self.assertIn("Wrote 3 nodes", out)
        self.assertTrue(os.path.exists(os.path.join(self.home, "pictures", "borders.dot")))
        # Keywords, labels and property keys still complete inside statements.
        t.type("mat\t(n:Nati\t) RETURN n.i\t")
        t.read_until("match (n:Nation) RETURN n.id")
        out = self.run_statement(" ORDER BY n.id LIMIT 1;")
        self.assertEqual(e2e_util.box_rows(out), [["n.id"], ["KAZ"]])

    def test_export_format_follows_the_file_name(self):
        self.run_statement("MATCH (k:Nation {id: 'KAZ'})-[b:BORDERS]-(n) RETURN k, b, n;")
        jpg = os.path.join(self.home, "borders.jpg")
        out = self.run_statement(":export dot " + jpg)
        self.assertIn("cannot tell the output format", out)
        self.assertFalse(os.path.exists(jpg))
        graphml = os.path.join(self.home, "borders.graphml")
        out = self.run_statement(":export graphml " + graphml)
        self.assertIn("Wrote 3 nodes and 2 relationships", out)
        with open(graphml, encoding="utf-8") as f:
            self.assertIn("<graphml", f.read())
        if shutil.which("dot"):
            pdf = os.path.join(self.home, "borders.pdf")
            out = self.run_statement(":export dot " + pdf)
            self.assertIn("rendered as pdf", out)
            with open(pdf, "rb") as f:
                self.assertTrue(f.read().startswith(b"%PDF"))

    def test_tab_completes_relative_paths(self):
        self.term.close()
        os.mkdir(os.path.join(self.home, "scripts"))
        with open(os.path.join(self.home, "scripts", "one.cypher"), "w", encoding="utf-8") as f:
            f.write("RETURN 'relative' AS r;\n")
        self.term = Terminal([DATA], self.home, cwd=self.home)
        self.addCleanup(self.term.close)
        t = self.term
        t.read_until(PROMPT)
        t.type(":source scr\t")
        t.read_until(":source scripts/")
        t.type("\t")
        t.read_until("one.cypher ")
        out = self.run_statement("")
        self.assertIn("relative", out)

    def test_quit_on_a_continuation_line_leaves(self):
        t = self.term
        t.line("MATCH (n:Nation)")
        t.read_until("..> ")
        t.line(":quit")
        t.read_until("unfinished statement was dropped")
        self.assertEqual(t.wait(), 0)

    def test_continuation_prompt_shows_an_open_string(self):
        # A ';' inside a string does not end the statement: the prompt says why it goes on.
        t = self.term
        t.line("RETURN 'semi;")
        t.read_until("'..> ")
        t.line("colon' AS s, /* a comment;")
        t.read_until("/*..> ")
        out = self.run_statement("*/ 1 AS one;")
        self.assertEqual(e2e_util.box_rows(out)[0], ["s", "one"])
        self.assertIn("semi;", out)
        self.assertIn("colon", out)
        # Back to the plain prompt after the statement, and after Ctrl-C in a string.
        t.line('RETURN "open')
        t.read_until('"..> ')
        t.type("\x03")
        t.read_until(PROMPT)
        out = self.run_statement("RETURN 2 AS two;")
        self.assertIn("two", out)

    def test_help_lists_what_the_shell_does(self):
        out = self.run_statement(":help")
        for text in (":export graphml FILE", "file names", "query files (-f, :source)", ".pdf"):
            self.assertIn(text, out)
        out = self.run_statement(":parms")
        self.assertIn("Did you mean :params?", out)
        # "exit" and "help" as other shells take them get a pointer, not a continuation prompt.
        out = self.run_statement("exit")
        self.assertIn("Use :quit or Ctrl-D to leave.", out)
        out = self.run_statement("help;")
        self.assertIn("Type :help for help", out)
        out = self.run_statement(":source " + os.path.join(self.home, "missing.cypher"))
        self.assertIn("missing.cypher: IOError: cannot read the file: No such file or directory", out)

    def test_ctrl_d_leaves(self):
        time.sleep(0.5)
        self.term.type("\x04")
        self.assertEqual(self.term.wait(), 0)


    def test_leaving_with_an_open_transaction_asks(self):
        # A database file of its own: the shell writes it.
        db = os.path.join(self.home, "notes.sg")
        term = Terminal([db], self.home)
        self.addCleanup(term.close)
        term.read_until(PROMPT)
        term.line(":begin")
        term.read_until("silkgraph# ")
        term.line("CREATE (:Note {text: 'kept'});")
        term.read_until("silkgraph# ")
        term.line(":quit")
        term.read_until("Leave anyway? [y/N] ")
        term.line("n")
        term.read_until("silkgraph# ")
        term.line(":commit")
        term.read_until("Committed.")
        term.read_until(PROMPT)
        term.line(":begin")
        term.read_until("silkgraph# ")
        term.line("CREATE (:Note {text: 'dropped'});")
        term.read_until("silkgraph# ")
        term.line(":quit")
        term.read_until("Leave anyway? [y/N] ")
        term.line("y")
        term.read_until("Rolled back the open transaction.")
        self.assertEqual(term.wait(), 0)
        r = e2e_util.run(db, "--read-only", "--format", "csv", "-c", "MATCH (n:Note) RETURN n.text")
        self.assertEqual(r.stdout.splitlines()[1:], ["kept"])


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
