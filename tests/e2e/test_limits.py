"""End-to-end tests of the limits on a statement and of Ctrl-C, on the real binary: --timeout
and :timeout stop a never-ending match and long expressions (reduce, list comprehensions,
range) with a clear error and the shell stays usable (issue 10, D4 and D5); SIGINT in -c, -f
and stdin mode cancels the running statement and stops the run with exit status 130."""
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")
# Issue 10 D4: never ends on the 172-node sample (exponentially many paths).
ENDLESS_MATCH = "MATCH p=(a)-[*1..20]-(b) RETURN count(p)"
# Issue 10 D5: ignored Ctrl-C for more than 20 s.
LONG_REDUCE = "RETURN reduce(s=0, x IN range(1,99000000) | s + x) AS total"
LONG_COMPREHENSION = "RETURN size([x IN range(1, 60000000) | toString(x)]) AS n"


# Seconds from Ctrl-C to the prompt or the exit. Issue 10 asks for about 0.2 s; a loaded 2-core
# machine gets slack, and a sanitizer build more (it frees the statement's half-built list
# through its quarantine and checks the whole heap for leaks at exit).
CANCEL_BOUND = 2.0
# Seconds for a whole process stopped by a 0.5 s --timeout inside an expression, start-up and
# exit included; a sanitizer build gets the same slack as above (under clang ASan at load 5 the
# reduce over 99M numbers took 5.3 s).
TIMEOUT_PROCESS_BOUND = 5.0


def start(*args, stdin_text=None):
    return subprocess.Popen([e2e_util.BINARY, *args], stdin=subprocess.PIPE if stdin_text else None,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def interrupt_after(proc, marker, stdin_text=None, delay=0.5):
    """Waits for `marker` on the process's standard output, lets the next statement run for
    `delay` seconds, sends SIGINT; returns (seconds from SIGINT to exit, stdout, stderr)."""
    if stdin_text is not None:
        proc.stdin.write(stdin_text)
        proc.stdin.close()
        proc.stdin = None
    seen = ""
    while marker not in seen:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError("exited before %r: %s" % (marker, proc.stderr.read()))
        seen += line
    time.sleep(delay)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return time.monotonic() - sent, seen + out, err


class Timeout(unittest.TestCase):
    def test_timeout_stops_endless_match(self):
        started = time.monotonic()
        r = run("--timeout", "2", "-c", ENDLESS_MATCH, SAMPLE)
        elapsed = time.monotonic() - started
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("1:1: Cancelled: the statement ran longer than its timeout of 2 seconds",
                      r.stderr)
        self.assertIn(ENDLESS_MATCH, r.stderr)  # the statement, with a caret
        # About 2 s: the load and start-up add a little; a shared machine adds noise.
        self.assertGreaterEqual(elapsed, 2.0)
        self.assertLess(elapsed, 8.0, r.stderr)

    def test_timeout_reaches_expressions(self):
        for query in (LONG_REDUCE, LONG_COMPREHENSION,
                      "RETURN size(reduce(l = [], x IN range(1, 200000) | l + [x])) AS n"):
            started = time.monotonic()
            r = run("--timeout", "0.5", "-c", query)
            elapsed = time.monotonic() - started
            self.assertEqual(r.returncode, 1, query + r.stderr)
            self.assertIn("timeout of 0.5 seconds", r.stderr)
            self.assertLess(elapsed, TIMEOUT_PROCESS_BOUND, query)

    def test_timeout_meta_command_in_a_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "q.cypher")
            with open(path, "w") as f:
                f.write(":timeout 0.3\n" + LONG_REDUCE + ";\n:timeout off\nRETURN 42 AS after;\n")
            r = run("-k", "--format", "csv", "-f", path)
            self.assertEqual(r.returncode, 1)
            self.assertIn(path + ":2:1: Cancelled: the statement ran longer than its timeout of "
                          "0.3 seconds", r.stderr)
            self.assertEqual(r.stdout, "after\n42\n")  # the run went on, without a limit

    def test_fast_statement_unaffected(self):
        r = run("--timeout", "5", "--format", "csv", "-c",
                "MATCH (n:Nation) RETURN count(n) AS n", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines()[0], "n")

    def test_bad_timeout_is_a_usage_error(self):
        for bad in ("soon", "-1", "1e99"):
            r = run("--timeout", bad, "-c", "RETURN 1")
            self.assertEqual(r.returncode, 2, bad)
            self.assertIn("--timeout: expected a number of seconds", r.stderr)
        r = run("-c", "RETURN 1;\n:timeout soon\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("usage: :timeout SECONDS|off", r.stderr)


class MaxMemory(unittest.TestCase):
    def test_max_memory_names_the_limit(self):
        # Issue 10 D4: this result held 721 MB before its first row was printed.
        r = run("--max-memory", "64MB", "--format", "csv", "-c",
                "MATCH (a),(b),(c) RETURN id(a) AS x ORDER BY x", SAMPLE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("1:1: MemoryLimitExceeded: the statement needs more than its memory limit "
                      "of 64 MB", r.stderr)
        self.assertEqual(r.stdout, "")

    def test_meta_command_and_bad_sizes(self):
        r = run("--format", "csv", "-k", "-c",
                ":max-memory 1MB\nRETURN size(range(1, 1000000)) AS n;\n"
                ":max-memory off\nRETURN size(range(1, 1000000)) AS n;\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("2:13: MemoryLimitExceeded", r.stderr)
        self.assertEqual(r.stdout, "n\n1000000\n")
        r = run("--max-memory", "lots", "-c", "RETURN 1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--max-memory: expected a size such as 512MB or 2GB, not 'lots'", r.stderr)


class Interactive(unittest.TestCase):
    def test_timeout_and_ctrl_c_leave_the_shell_usable(self):
        from test_interactive import PROMPT, Terminal
        home = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, home)
        t = Terminal([SAMPLE], home)
        self.addCleanup(t.close)
        t.read_until(PROMPT)
        t.line(":timeout 1")
        self.assertIn("Timeout: 1 s", t.read_until(PROMPT))
        t.line(ENDLESS_MATCH + ";")
        self.assertIn("ran longer than its timeout of 1 second", t.read_until(PROMPT, timeout=15))
        t.line("RETURN 7 AS seven;")
        self.assertIn("(1 row", t.read_until(PROMPT))
        t.line(":timeout off")
        t.read_until(PROMPT)
        t.line(LONG_REDUCE + ";")
        time.sleep(0.5)
        sent = time.monotonic()
        t.type("\x03")
        self.assertIn("Query cancelled.", t.read_until(PROMPT, timeout=10))
        self.assertLess(time.monotonic() - sent, CANCEL_BOUND)
        t.line("RETURN 8 AS eight;")
        self.assertIn("eight", t.read_until(PROMPT))
        t.line(":quit")
        self.assertEqual(t.wait(), 0)


class CtrlC(unittest.TestCase):
    SCRIPT = "RETURN 1 AS first;\n" + LONG_REDUCE + ";\nRETURN 3 AS third;\n"

    def check_interrupted(self, took, out, err, where):
        self.assertIn(where + "2:1: Cancelled: interrupted (Ctrl-C): the statement was rolled back",
                      err)
        self.assertNotIn("third", out)
        self.assertLess(took, CANCEL_BOUND)

    def test_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "q.cypher")
            with open(path, "w") as f:
                f.write(self.SCRIPT)
            p = start("-k", "-f", path)
            took, out, err = interrupt_after(p, "first")
            self.assertEqual(p.returncode, 130, err)
            self.check_interrupted(took, out, err, path + ":")

    def test_stdin(self):
        p = start("--format", "csv", stdin_text=True)
        took, out, err = interrupt_after(p, "first", stdin_text=self.SCRIPT)
        self.assertEqual(p.returncode, 130, err)
        self.check_interrupted(took, out, err, "<stdin>:")

    def test_command(self):
        p = start("--format", "csv", "-c", self.SCRIPT.replace("\n", " "))
        took, out, err = interrupt_after(p, "first")
        self.assertEqual(p.returncode, 130, err)
        self.assertIn("Cancelled: interrupted (Ctrl-C)", err)
        self.assertNotIn("third", out)
        self.assertLess(took, CANCEL_BOUND)

    def test_comprehension_and_match(self):
        for query, data in ((LONG_COMPREHENSION, []), (ENDLESS_MATCH, [SAMPLE])):
            p = start("--format", "csv", "-c", "RETURN 1 AS first; " + query, *data)
            took, out, err = interrupt_after(p, "first")
            self.assertEqual(p.returncode, 130, query + err)
            self.assertLess(took, CANCEL_BOUND, query)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    if e2e_util.sanitized():
        CANCEL_BOUND = 20.0
        TIMEOUT_PROCESS_BOUND = 20.0
    unittest.main(verbosity=2)
