"""End-to-end test of the progress bar (shell/progress_bar.h) on benchmark data that
bench_generate writes small: a load on a terminal shows a one-line bar on standard error with
done/total, then a summary line in its place; with standard error piped, or with --quiet,
there is neither. SILKGRAPH_PROGRESS_DELAY=0 draws from the first moment (the default waits
half a second, longer than this small load takes).

Usage: test_progress.py PATH/TO/silkgraph PATH/TO/bench_generate
"""
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import e2e_util

GENERATOR = None
ROWS = 100000  # SUPPLIES relationships (synthetic rows between real nations, bench_generate)


def run_on_terminal(args, env_extra, timeout=120):
    """Runs silkgraph with a pseudo-terminal as stdin, stdout and stderr; returns (exit status,
    everything it wrote, escapes and carriage returns included)."""
    env = dict(os.environ, TERM="xterm", COLUMNS="100", **env_extra)
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.execve(e2e_util.BINARY, [e2e_util.BINARY, *args], env)
        finally:
            os._exit(127)
    out = b""
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    break
                out += chunk
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(master)
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


BAR = re.compile(r"\rLoading \[[ =>]+\] +\d+%  [\d.]+ [kMG]?B / [\d.]+ [kMG]?B")
SUMMARY = re.compile(r"Loaded [\d,]+ nodes and ([\d,]+) relationships in [\d.]+ m?s")


class Progress(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        countries = os.path.join(e2e_util.SOURCE_DIR, "..", "shared", "data", "countries",
                                 "countries.csv")
        if not os.path.exists(countries):  # bench_generate draws on the real nations
            raise unittest.SkipTest(countries + " is not there")
        cls.tmp = tempfile.mkdtemp()
        cls.data = os.path.join(cls.tmp, "data")
        subprocess.run([GENERATOR, "--n", str(ROWS), "--out", cls.data], check=True,
                       capture_output=True, timeout=120)
        # The relationships bench_generate wrote, counted from its files.
        cls.rels = 0
        for name in os.listdir(cls.data):
            path = os.path.join(cls.data, name)
            if name.endswith(".csv"):
                with open(path, encoding="utf-8") as f:
                    header = f.readline()
                    if ":START_ID" in header:
                        cls.rels += sum(1 for line in f if line.strip())

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_build_on_a_terminal_shows_a_bar_then_a_summary(self):
        db = os.path.join(self.tmp, "bar.sg")
        status, out = run_on_terminal(["build", db, self.data],
                                      {"SILKGRAPH_PROGRESS_DELAY": "0"})
        self.assertEqual(status, 0, out)
        self.assertRegex(out, BAR)
        m = SUMMARY.search(out)
        self.assertIsNotNone(m, out)
        self.assertEqual(int(m.group(1).replace(",", "")), self.rels)
        # The bar is erased before the summary, which stays on a line of its own.
        self.assertIn("\r\x1b[KLoaded ", out)
        self.assertIn("Wrote " + db, out)

    def test_query_on_a_terminal_shows_the_load(self):
        status, out = run_on_terminal(["-c", "MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n",
                                       self.data], {"SILKGRAPH_PROGRESS_DELAY": "0"})
        self.assertEqual(status, 0, out)
        self.assertRegex(out, BAR)
        self.assertRegex(out, SUMMARY)
        self.assertIn("│ %d │" % ROWS, out)

    def test_quiet_shows_nothing(self):
        status, out = run_on_terminal(["--quiet", "-c", "RETURN 1 AS one", self.data],
                                      {"SILKGRAPH_PROGRESS_DELAY": "0"})
        self.assertEqual(status, 0, out)
        self.assertNotIn("Loading", out)
        self.assertNotIn("Loaded", out)

    def test_short_work_within_the_delay_shows_nothing(self):
        status, out = run_on_terminal(["-c", "RETURN 1 AS one",
                                       os.path.join(e2e_util.SOURCE_DIR, "samples",
                                                    "central-asia-korea")],
                                      {"SILKGRAPH_PROGRESS_DELAY": "30"})
        self.assertEqual(status, 0, out)
        self.assertNotIn("Loading", out)
        self.assertNotIn("Loaded", out)

    def test_piped_stderr_shows_no_bar(self):
        db = os.path.join(self.tmp, "piped.sg")
        r = e2e_util.run("build", db, self.data, env={"SILKGRAPH_PROGRESS_DELAY": "0"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertIn("Wrote " + db, r.stdout)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    GENERATOR = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
