"""End-to-end tests of requests waiting for the database (docs/server.md, "Limits"): while
one session's explicit transaction holds it, other requests wait for it (at most 30 s); such
a wait ends early, without running the request, when its client closes the connection (Bolt,
HTTP /tx/commit; the log says so) or when the shutdown's grace period ends (the client gets
Neo.TransientError.General.DatabaseUnavailable saying the statement was not run). Raw Bolt
sockets and urllib, through test_server_shutdown's helpers.

Usage: test_server_lock_wait.py PATH/TO/silkgraph"""
import json
import os
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import e2e_util
from test_server_shutdown import (BEGIN, ENDLESS, FAILURE, SUCCESS, Raw, Served, autocommit,
                                  values)

COMMIT = b"\xb0\x12"
UNAVAILABLE = "Neo.TransientError.General.DatabaseUnavailable"
NOT_RUN = "the statement was not run"


def hold(server):
    """A Bolt connection whose explicit transaction has written {v: 'held'} and holds the
    database."""
    c = Raw(server.bolt)
    c.send(BEGIN)
    assert Raw.tag(c.read()) == SUCCESS
    _, summary = autocommit(c, "CREATE (:T {v: 'held'})")
    assert Raw.tag(summary) == SUCCESS, summary
    return c


def http(server, method, path, body=None):
    """(status, parsed answer) of one request; a failure to connect or read as (None, text)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request("http://127.0.0.1:%d%s" % (server.http, path), data=data,
                                 method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            return res.status, json.loads(res.read().decode())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode())
    except OSError as e:
        return None, repr(e)


def write(text):
    return {"statements": [{"statement": "CREATE (:T {v: '%s'})" % text}]}


class LockWait(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-lock-wait-")
        self.db = os.path.join(self.tmp.name, "g.sg")
        self.server = None

    def tearDown(self):
        if self.server and self.server.proc.poll() is None:
            self.server.proc.kill()  # a failed test's server
            self.server.proc.wait()
        self.tmp.cleanup()

    def serve(self, *args):
        self.server = Served(self.db, *args)
        return self.server

    def test_requests_waiting_when_the_grace_ends_are_not_run(self):
        grace = 1
        server = self.serve("--shutdown-timeout", str(grace))
        holder = hold(server)
        holder.run(ENDLESS)  # the transaction stays busy through the grace period
        holder.pull(-1)
        bolt = {}

        def bolt_write(i):
            c = Raw(server.bolt)
            c.run("CREATE (:T {v: 'bolt %d'})" % i)
            c.pull(-1)
            bolt[i] = (c.read(), c.read(), c.at_end())

        answers = {}

        def ask(name, method, path, body=None):
            answers[name] = http(server, method, path, body)

        threads = [threading.Thread(target=bolt_write, args=(i,)) for i in range(2)]
        threads += [threading.Thread(target=ask, args=a) for a in (
            ("commit", "POST", "/db/neo4j/tx/commit", write("http commit")),
            ("begin", "POST", "/db/neo4j/tx", write("http begin")),
            ("schema", "GET", "/api/schema"))]
        for t in threads:
            t.start()
        time.sleep(1)  # they all wait for the database
        code, took, log = server.terminate()
        for t in threads:
            t.join(timeout=60)
        self.assertEqual(code, 0, log)
        self.assertLess(took, grace + 5, log)
        for i in range(2):
            failure, pulled, closed = bolt[i]
            self.assertEqual(Raw.tag(failure), FAILURE, (failure, log))
            self.assertIn(UNAVAILABLE.encode(), failure)
            self.assertIn(NOT_RUN.encode(), failure)
            self.assertNotEqual(Raw.tag(pulled), SUCCESS)  # the PULL is IGNORED
            self.assertTrue(closed)
        for name in ("commit", "begin"):
            status, doc = answers[name]
            self.assertEqual(status, 200, (name, doc, log))
            self.assertEqual(doc["errors"][0]["code"], UNAVAILABLE, (name, doc))
            self.assertIn(NOT_RUN, doc["errors"][0]["message"])
        status, doc = answers["schema"]
        self.assertEqual((status, doc["errors"][0]["code"]), (503, UNAVAILABLE), doc)
        self.assertRegex(log, r"bolt-\d+: not run: " + UNAVAILABLE)
        self.assertRegex(log, r"http: not run: " + UNAVAILABLE)
        self.assertEqual(values(self.db), [])  # neither the held transaction nor the waiters

    def test_a_bolt_client_gone_while_waiting_is_not_run(self):
        server = self.serve("--shutdown-timeout", "30")
        holder = hold(server)
        c = Raw(server.bolt)
        c.run("CREATE (:T {v: 'gone'})")
        c.pull(-1)
        time.sleep(0.3)  # the RUN waits for the database
        c.close()
        server.wait_for_log(r"bolt-\d+: the client closed the connection while waiting for the "
                            r"database: its request was not run")
        holder.send(COMMIT)
        self.assertEqual(Raw.tag(holder.read()), SUCCESS)
        code, _, log = server.terminate()
        self.assertEqual(code, 0, log)
        self.assertEqual(values(self.db), ["held"])

    def test_an_http_client_gone_while_waiting_is_not_run(self):
        server = self.serve("--shutdown-timeout", "30")
        holder = hold(server)
        body = json.dumps(write("gone")).encode()
        s, head = e2e_util.post_and_read_head(server.http, "/db/neo4j/tx/commit", body)
        self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
        time.sleep(0.3)  # the request waits for the database
        s.close()
        server.wait_for_log(r"http: the client closed the connection while waiting for the "
                            r"database: its request was not run")
        holder.send(COMMIT)
        self.assertEqual(Raw.tag(holder.read()), SUCCESS)
        code, _, log = server.terminate()
        self.assertEqual(code, 0, log)
        self.assertEqual(values(self.db), ["held"])


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
