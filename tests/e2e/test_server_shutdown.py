"""End-to-end tests of stopping `silkgraph serve` with SIGTERM (docs/server.md, "Stopping"): a
statement still running when the grace period (--shutdown-timeout) ends is stopped and its
client gets Neo.TransientError.General.DatabaseUnavailable naming the shutdown, over Bolt and
HTTP; an open transaction rolls back; a statement that ends within the grace period is
answered and kept; the process ends within the grace period plus a little, with exit status
0, after a checkpoint; the database file then holds the committed writes only. Each step is
in the server's log. Raw Bolt sockets and urllib: no driver needed.

Usage: test_server_shutdown.py PATH/TO/silkgraph"""
import json
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.request

import e2e_util
from e2e_util import run
from test_server_streaming import Raw, pack_int

# A read that takes far longer than any test (10^10 rows), polling its cancel flag.
ENDLESS = ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
           "WITH a, b WHERE a + b < 0 RETURN count(*) AS n")
BEGIN = b"\xb1\x11\xa0"
SUCCESS, FAILURE, IGNORED = 0x70, 0x7F, 0x7E


class Served:
    """`silkgraph serve DB --no-auth --bolt 127.0.0.1:0 --http 127.0.0.1:0 ARGS`; its log is
    read on a thread."""

    def __init__(self, db, *args):
        self.proc = subprocess.Popen(
            [e2e_util.BINARY, "serve", db, "--no-auth", "--bolt", "127.0.0.1:0", "--http",
             "127.0.0.1:0", *args], stderr=subprocess.PIPE, text=True)
        self.log = []
        self.lock = threading.Lock()
        self.bolt = self.http = None
        for line in self.proc.stderr:
            self.log.append(line)
            m = re.search(r"Bolt listening on 127\.0\.0\.1:(\d+)", line)
            self.bolt = int(m.group(1)) if m else self.bolt
            m = re.search(r"HTTP listening on http://127\.0\.0\.1:(\d+)/", line)
            self.http = int(m.group(1)) if m else self.http
            if self.bolt and self.http:
                break
        assert self.bolt and self.http, "".join(self.log)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            with self.lock:
                self.log.append(line)

    def log_text(self):
        with self.lock:
            return "".join(self.log)

    def wait_for_log(self, pattern, seconds=20):
        deadline = time.monotonic() + seconds
        while not re.search(pattern, self.log_text()):
            if time.monotonic() > deadline:
                raise AssertionError("no log line matching %r in:\n%s" % (pattern, self.log_text()))
            time.sleep(0.05)

    def terminate(self):
        """Sends SIGTERM; returns (exit status, seconds until the process ended, log)."""
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=300)
        took = time.monotonic() - start
        self.reader.join(timeout=10)
        self.proc.stderr.close()
        return code, took, self.log_text()

    def post(self, statements):
        """POST /db/neo4j/tx/commit; the parsed answer."""
        body = json.dumps({"statements": [{"statement": s} for s in statements]}).encode()
        req = urllib.request.Request("http://127.0.0.1:%d/db/neo4j/tx/commit" % self.http,
                                     data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as res:
            return json.loads(res.read().decode())


def autocommit(c, query):
    """RUN + PULL on a Raw connection; (records, summary message)."""
    c.run(query)
    c.pull(-1)
    run_reply = c.read()
    assert Raw.tag(run_reply) == SUCCESS, run_reply
    return c.read_until_summary()


def values(db):
    """The v property of every :T node of the database file, sorted (read by the shell)."""
    r = run("-c", "MATCH (t:T) RETURN t.v AS v ORDER BY v", db, "--format", "csv")
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()[1:]


class Shutdown(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-shutdown-")
        self.db = os.path.join(self.tmp.name, "g.sg")

    def tearDown(self):
        self.tmp.cleanup()

    def test_a_long_statement_is_stopped_after_the_grace_and_the_open_transaction_rolls_back(self):
        grace = 2
        server = Served(self.db, "--shutdown-timeout", str(grace))
        idle = Raw(server.bolt)
        autocommit(idle, "CREATE (:T {v: 'committed'})")
        tx = Raw(server.bolt)
        tx.send(BEGIN)
        self.assertEqual(Raw.tag(tx.read()), SUCCESS)
        _, summary = autocommit(tx, "CREATE (:T {v: 'in the open transaction'})")
        self.assertEqual(Raw.tag(summary), SUCCESS)
        tx.run(ENDLESS)  # inside the transaction: runs whole at RUN
        tx.pull(-1)
        answer = {}
        http = threading.Thread(target=lambda: answer.update(server.post([ENDLESS])))
        http.start()
        time.sleep(1)  # both statements are running
        server.proc.send_signal(signal.SIGTERM)
        start = time.monotonic()
        failure = tx.read()
        stopped_after = time.monotonic() - start
        code = server.proc.wait(timeout=60)
        took = time.monotonic() - start
        http.join(timeout=30)
        server.reader.join(timeout=10)
        server.proc.stderr.close()
        log = server.log_text()
        self.assertEqual(code, 0, log)
        self.assertEqual(Raw.tag(failure), FAILURE, failure)
        self.assertIn(b"Neo.TransientError.General.DatabaseUnavailable", failure)
        self.assertIn(b"the server is shutting down", failure)
        self.assertEqual(Raw.tag(tx.read()), IGNORED)  # the PULL after the failed RUN
        self.assertTrue(tx.at_end())
        self.assertTrue(idle.at_end())
        self.assertEqual(answer["errors"][0]["code"],
                         "Neo.TransientError.General.DatabaseUnavailable", answer)
        self.assertIn("the server is shutting down", answer["errors"][0]["message"])
        # The running statements were given the grace period, and the stop came soon after.
        self.assertGreater(stopped_after, grace - 0.5, log)
        self.assertLess(took, grace + 5, log)
        for line in (r"SIGTERM: stopping: no new connections or requests; 2 Bolt connections "
                     r"open, 2 requests running; running statements get 2 s to finish",
                     r"shutdown: the grace period of 2 s is over: stopping 2 requests",
                     r"bolt-\d+: statement failed: Neo\.TransientError\.General\."
                     r"DatabaseUnavailable: the server is shutting down",
                     # The HTTP read waits for the database behind the Bolt transaction:
                     # when the grace ends it is not run at all.
                     r"http: not run: Neo\.TransientError\.General\.DatabaseUnavailable",
                     r"bolt-\d+: open transaction rolled back",
                     r"shutdown: checkpoint of .*g\.sg \(\d+ bytes of log\)",
                     r"shutdown: closed .*g\.sg", r"silkgraph serve: stopped"):
            self.assertRegex(log, line)
        self.assertEqual(values(self.db), ["committed"])

    def test_a_statement_that_ends_within_the_grace_is_answered_and_kept(self):
        # A grace far longer than the statement, even under a sanitizer (about 40 s there):
        # the server stops when the statement ends, not when the grace is over.
        server = Served(self.db, "--shutdown-timeout", "600")
        c = Raw(server.bolt)
        # 10^8 rows (about 2 s) before the write: still running when SIGTERM comes.
        c.run("UNWIND range(1, 50000) AS a UNWIND range(1, 2000) AS b WITH count(*) AS n "
              "CREATE (:T {v: 'finished', n: n}) RETURN n")
        c.pull(-1)
        time.sleep(0.3)
        code, took, log = server.terminate()
        self.assertEqual(code, 0, log)
        self.assertIn("1 request running", log)
        self.assertNotIn("grace period of 600 s is over", log)
        self.assertEqual(Raw.tag(c.read()), SUCCESS)
        records, summary = c.read_until_summary()
        self.assertEqual(Raw.tag(summary), SUCCESS, summary)
        self.assertTrue(records[0].endswith(pack_int(100000000)), records)
        self.assertTrue(c.at_end())
        self.assertLess(took, 300, log)
        self.assertEqual(values(self.db), ["finished"])

    def test_a_bad_shutdown_timeout_is_a_usage_error(self):
        r = run("serve", self.db, "--no-auth", "--shutdown-timeout", "-1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--shutdown-timeout expects SECONDS >= 0", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
