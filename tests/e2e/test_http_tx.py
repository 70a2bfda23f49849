"""End-to-end tests of the HTTP API's open-ended transactions, Neo4j's shape (docs/server.md,
"The HTTP API"): POST /db/neo4j/tx begins one (201, Location, "commit", "transaction":
{"expires"}), POST /db/neo4j/tx/ID runs more statements in it, POST .../commit commits,
DELETE rolls back; a failed statement rolls it back; one left idle past --http-tx-timeout is
rolled back; a later call, or a call of another user, gets 404 and
Neo.ClientError.Transaction.TransactionNotFound; while it is open, it holds the database as
a Bolt transaction does, so another request waits for its end. And a client that closes its
connection while its statement runs stops the statement, as over Bolt. urllib and a raw
socket.

Usage: test_http_tx.py PATH/TO/silkgraph"""
import base64
import email.utils
import json
import os
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import e2e_util
from e2e_util import run
from test_http import SAMPLE, Server

NOT_FOUND = "Neo.ClientError.Transaction.TransactionNotFound"


def call(server, method, path, statements=None, user="alice", password="secret", raw=None):
    """(status, parsed JSON, headers) of one request; statements are text or (text, params)."""
    if raw is None and statements is not None:
        items = [{"statement": s} if isinstance(s, str) else {"statement": s[0], "parameters": s[1]}
                 for s in statements]
        raw = json.dumps({"statements": items}).encode()
    url = path if path.startswith("http") else server.url(path)
    req = urllib.request.Request(url, data=raw, method=method)
    req.add_header("Content-Type", "application/json")
    token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
    req.add_header("Authorization", "Basic " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            return res.status, json.loads(res.read().decode()), res.headers
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read().decode()), e.headers


def rows(doc, i=0):
    return [d["row"] for d in doc["results"][i]["data"]]


class Transactions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-http-tx-")
        cls.passwords = os.path.join(cls.tmp.name, "users")
        for user, extra in (("alice", []), ("bob", []), ("reader", ["--read-only"])):
            r = run("passwd", cls.passwords, user, *extra, stdin="secret\n")
            assert r.returncode == 0, r.stderr
        cls.server = Server(SAMPLE, "--password-file", cls.passwords, "--http-tx-timeout", "3")

    @classmethod
    def tearDownClass(cls):
        code, log = cls.server.stop()
        assert code == 0, log
        cls.tmp.cleanup()

    def begin(self, *statements, user="alice"):
        status, doc, headers = call(self.server, "POST", "/db/neo4j/tx", statements, user=user)
        self.assertEqual(status, 201, doc)
        self.assertEqual(doc["errors"], [])
        return doc, headers

    def count(self, region):
        _, doc, _ = call(self.server, "POST", "/db/neo4j/tx/commit",
                         [("MATCH (r:Region {id: $id}) RETURN count(r)", {"id": region})])
        return rows(doc)[0][0]

    def test_begin_run_commit(self):
        doc, headers = self.begin(("CREATE (r:Region {id: $id, name: 'T1'}) RETURN r.name",
                                   {"id": "tx1"}))
        self.assertEqual(rows(doc), [["T1"]])
        commit = doc["commit"]
        self.assertRegex(commit, r"^http://127\.0\.0\.1:\d+/db/neo4j/tx/\d+/commit$")
        self.assertEqual(headers["Location"], commit[:-len("/commit")])
        expires = email.utils.parsedate_to_datetime(doc["transaction"]["expires"])
        self.assertGreater(expires.timestamp(), time.time())
        # More statements see the transaction's own writes.
        status, doc, _ = call(self.server, "POST", headers["Location"],
                              ["MATCH (r:Region {id: 'tx1'}) RETURN r.name",
                               "CREATE (:Region {id: 'tx1b', name: 'T1b'})"])
        self.assertEqual(status, 200, doc)
        self.assertEqual((doc["errors"], rows(doc)), ([], [["T1"]]))
        self.assertEqual(doc["commit"], commit)
        self.assertIn("expires", doc["transaction"])
        # Another request waits for the transaction, then sees what it committed.
        seen = {}
        reader = threading.Thread(target=lambda: seen.update(n=self.count("tx1")))
        reader.start()
        time.sleep(0.5)
        self.assertTrue(reader.is_alive(), "a read ran while the transaction held the database")
        status, doc, _ = call(self.server, "POST", commit, ["RETURN 1 AS one"])
        self.assertEqual((status, doc["errors"], rows(doc)), (200, [], [[1]]))
        reader.join(timeout=30)
        self.assertEqual(seen, {"n": 1})
        self.assertEqual(self.count("tx1b"), 1)
        status, doc, _ = call(self.server, "POST", commit, [])
        self.assertEqual((status, doc["errors"][0]["code"]), (404, NOT_FOUND))
        self.server.wait_for_log(r"http tx \d+: begun by 'alice'")
        self.server.wait_for_log(r"http tx \d+: committed")

    def test_delete_rolls_back(self):
        _, headers = self.begin("CREATE (:Region {id: 'tx2', name: 'Gone'})")
        status, doc, _ = call(self.server, "DELETE", headers["Location"])
        self.assertEqual((status, doc), (200, {"results": [], "errors": []}))
        self.assertEqual(self.count("tx2"), 0)
        status, doc, _ = call(self.server, "POST", headers["Location"], ["RETURN 1"])
        self.assertEqual((status, doc["errors"][0]["code"]), (404, NOT_FOUND))
        self.assertIn("no open transaction", doc["errors"][0]["message"])

    def test_a_failed_statement_rolls_the_transaction_back(self):
        _, headers = self.begin("CREATE (:Region {id: 'tx3', name: 'Gone'})")
        status, doc, _ = call(self.server, "POST", headers["Location"], ["RETURN 1 AS one",
                                                                        "RETURN 1/0"])
        self.assertEqual(status, 200)
        self.assertEqual(rows(doc), [[1]])
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Statement.ArgumentError")
        self.assertNotIn("commit", doc)
        status, doc, _ = call(self.server, "POST", headers["Location"] + "/commit", [])
        self.assertEqual((status, doc["errors"][0]["code"]), (404, NOT_FOUND))
        self.assertEqual(self.count("tx3"), 0)

    def test_an_idle_transaction_expires(self):
        _, headers = self.begin("CREATE (:Region {id: 'tx4', name: 'Expired'})")
        self.server.wait_for_log(r"http tx \d+: expired after 3 s idle: rolled back")
        status, doc, _ = call(self.server, "POST", headers["Location"], ["RETURN 1"])
        self.assertEqual((status, doc["errors"][0]["code"]), (404, NOT_FOUND))
        self.assertEqual(self.count("tx4"), 0)  # rolled back, and the database is free again

    def test_the_transaction_belongs_to_its_user(self):
        _, headers = self.begin("CREATE (:Region {id: 'tx5', name: 'Alices'})")
        for method, path in (("POST", headers["Location"]), ("POST", headers["Location"] + "/commit"),
                             ("DELETE", headers["Location"])):
            status, doc, _ = call(self.server, method, path, [], user="bob")
            self.assertEqual((status, doc["errors"][0]["code"]), (404, NOT_FOUND), path)
        status, doc, _ = call(self.server, "POST", headers["Location"] + "/commit", [])
        self.assertEqual((status, doc["errors"]), (200, []))
        self.assertEqual(self.count("tx5"), 1)

    def test_bad_requests(self):
        status, doc, _ = call(self.server, "POST", "/db/neo4j/tx", raw=b'{"statements": 1}')
        self.assertEqual((status, doc["errors"][0]["code"]),
                         (400, "Neo.ClientError.Request.InvalidFormat"))
        status, doc, _ = call(self.server, "POST", "/db/neo4j/tx/99999999999999999999999", [])
        self.assertEqual((status, doc["errors"][0]["code"]), (404, NOT_FOUND))
        status, doc, _ = call(self.server, "POST", "/db/neo4j/tx", ["CREATE (:Region {id: 'r'})"],
                              user="reader")
        self.assertEqual(status, 201)  # sent before the statements run, as in Neo4j
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Security.Forbidden")
        self.assertNotIn("commit", doc)
        # An empty body begins a transaction too.
        status, doc, headers = call(self.server, "POST", "/db/neo4j/tx", raw=b"")
        self.assertEqual(status, 201, doc)
        status, _, _ = call(self.server, "DELETE", headers["Location"])
        self.assertEqual(status, 200)


# A read of 10^10 rows: it ends only when stopped.
ENDLESS = ("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
           "WITH a, b WHERE a + b < 0 RETURN count(*) AS n")


class Disconnect(unittest.TestCase):
    def test_a_client_that_closes_mid_statement_stops_it(self):
        server = Server(SAMPLE, "--no-auth")
        try:
            body = json.dumps({"statements": [{"statement": ENDLESS}]}).encode()
            s, head = e2e_util.post_and_read_head(server.port, "/db/neo4j/tx/commit", body)
            self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
            time.sleep(0.5)  # the statement runs, the server writes a space now and then
            s.close()
            server.wait_for_log(r"http: the client closed the connection: its statements were "
                                r"stopped", 30)
            # The read has ended: a write, which needs the database alone, runs at once
            # (behind a running read it would wait, then fail with LockClientStopped).
            status, doc, _ = call(server, "POST", "/db/neo4j/tx/commit",
                                  ["CREATE (:Region {id: 'after', name: 'After'})"])
            self.assertEqual((status, doc["errors"]), (200, []))
        finally:
            code, log = server.stop()
        self.assertEqual(code, 0, log)

    def test_a_client_that_closes_mid_statement_of_an_open_transaction_stops_it(self):
        server = Server(SAMPLE, "--no-auth")
        try:
            status, doc, headers = call(server, "POST", "/db/neo4j/tx",
                                        ["CREATE (:Region {id: 'txgone', name: 'Gone'})"])
            self.assertEqual((status, doc["errors"]), (201, []))
            path = "/db/neo4j/tx/" + headers["Location"].rsplit("/", 1)[1]
            body = json.dumps({"statements": [{"statement": ENDLESS}]}).encode()
            s, head = e2e_util.post_and_read_head(server.port, path, body)
            self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
            time.sleep(0.5)  # the statement runs, the server writes a space now and then
            s.close()
            server.wait_for_log(r"http: the client closed the connection: its statements were "
                                r"stopped", 30)
            server.wait_for_log(r"http tx \d+: rolled back after a failed statement", 30)
            # The transaction has ended and its write is gone: the database is free at once.
            status, doc, _ = call(server, "POST", "/db/neo4j/tx/commit",
                                  ["MATCH (r:Region {id: 'txgone'}) RETURN count(r)"])
            self.assertEqual((status, doc["errors"], rows(doc)), (200, [], [[0]]))
        finally:
            code, log = server.stop()
        self.assertEqual(code, 0, log)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
