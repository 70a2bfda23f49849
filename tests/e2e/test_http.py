"""End-to-end tests of `silkgraph serve --http` (docs/server.md): Neo4j's transactional
endpoint through urllib (rows, parameters, errors with line:col, 401, an oversize body, a
write read back after a restart, the statement limits), the web page's helpers (/api/schema,
/api/svg, escaping), and the page itself in headless Chromium (Debian's `chromium`; those
tests skip with a message when it is not installed): it runs the issue's query and shows a
table with rows and an SVG with nodes; a screenshot is saved in the build tree.

Usage: test_http.py PATH/TO/silkgraph OUTPUT_DIR"""
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.parse
import urllib.request

import e2e_util
from e2e_util import SOURCE_DIR, run

SAMPLE = os.path.join(SOURCE_DIR, "samples", "central-asia-korea")
OUTPUT_DIR = None
ISSUE_QUERY = "MATCH (n:Nation)-[b:BORDERS]-(m) RETURN n, b, m LIMIT 20"
# A value that would run as code if the page or the drawing put it into the DOM as markup.
HOSTILE = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\">&amp;\"'"


class Server:
    """A running `silkgraph serve ... --http 127.0.0.1:0`; .port is the HTTP port it chose."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([e2e_util.BINARY, "serve", *args, "--http", "127.0.0.1:0"],
                                     stderr=subprocess.PIPE, text=True)
        self.log = []
        for line in self.proc.stderr:
            self.log.append(line)
            m = re.search(r"HTTP listening on http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                return
        raise AssertionError("server did not start: " + "".join(self.log))

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def stop(self):
        self.proc.terminate()
        rest = self.proc.stderr.read()
        self.proc.stderr.close()
        code = self.proc.wait(timeout=30)
        return code, "".join(self.log) + rest


def request(server, path, body=None, user="alice", password="secret", raw=None):
    """(status, parsed JSON or text, headers) of one request; body is sent as JSON."""
    data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
    req = urllib.request.Request(server.url(path), data=data)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if user is not None:
        token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
        req.add_header("Authorization", "Basic " + token)
    try:
        with urllib.request.urlopen(req, timeout=60) as res:
            status, text, headers = res.status, res.read().decode(), res.headers
    except urllib.error.HTTPError as e:
        status, text, headers = e.code, e.read().decode(), e.headers
    if headers.get("Content-Type", "").startswith("application/json"):
        return status, json.loads(text), headers
    return status, text, headers


def commit(server, *statements, **kw):
    """POST /db/neo4j/tx/commit with statements given as text or (text, parameters)."""
    items = []
    for s in statements:
        text, params = (s, None) if isinstance(s, str) else s
        item = {"statement": text}
        if params is not None:
            item["parameters"] = params
        items.append(item)
    status, doc, _ = request(server, "/db/neo4j/tx/commit", {"statements": items}, **kw)
    return status, doc


def rows(doc, i=0):
    return [d["row"] for d in doc["results"][i]["data"]]


class Api(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-http-")
        cls.passwords = os.path.join(cls.tmp.name, "users")
        r = run("passwd", cls.passwords, "alice", stdin="secret\n")
        assert r.returncode == 0, r.stderr
        cls.server = Server(SAMPLE, "--password-file", cls.passwords,
                            "--max-message-bytes", "65536", "--timeout", "2",
                            "--max-memory", "16MB")

    @classmethod
    def tearDownClass(cls):
        code, log = cls.server.stop()
        assert code == 0, log
        cls.tmp.cleanup()

    def test_rows_with_parameters(self):
        status, doc = commit(self.server, (
            "MATCH (n:Nation)-[:BORDERS]-(m:Nation {id: $id}) RETURN n.name AS name "
            "ORDER BY name", {"id": "KAZ"}))
        self.assertEqual(status, 200)
        self.assertEqual(doc["errors"], [])
        self.assertEqual(doc["results"][0]["columns"], ["name"])
        self.assertEqual(rows(doc), [["China"], ["Kyrgyzstan"], ["Russia"], ["Turkmenistan"],
                                     ["Uzbekistan"]])

    def test_nodes_come_as_properties_with_meta_and_graph(self):
        status, doc, _ = request(self.server, "/db/neo4j/tx/commit", {"statements": [{
            "statement": "MATCH (n:Nation {id: 'KAZ'})-[b:BORDERS]-(m:Nation {id: 'CHN'}) "
                         "RETURN n, b, [n.iso2, 1, 2.5, true, null] AS l",
            "resultDataContents": ["row", "graph"]}]})
        data = doc["results"][0]["data"]
        self.assertEqual(len(data), 1)
        node, rel, values = data[0]["row"]
        self.assertEqual((node["id"], node["name"]), ("KAZ", "Kazakhstan"))
        self.assertEqual(values, ["KZ", 1, 2.5, True, None])
        meta = data[0]["meta"]
        self.assertEqual(meta[0]["type"], "node")
        self.assertEqual(meta[1]["type"], "relationship")
        self.assertEqual(meta[2], [None] * 5)
        graph = data[0]["graph"]
        self.assertEqual(sorted(n["properties"]["id"] for n in graph["nodes"]), ["CHN", "KAZ"])
        self.assertEqual([r["type"] for r in graph["relationships"]], ["BORDERS"])
        self.assertEqual(graph["nodes"][0]["labels"], ["Nation"])

    def test_errors_name_line_and_column(self):
        status, doc = commit(self.server, "MATCH (n:Nation)\nRETURN n.name ORDER BY")
        self.assertEqual(status, 200)
        self.assertEqual(doc["results"], [])
        [error] = doc["errors"]
        self.assertEqual(error["code"], "Neo.ClientError.Statement.SyntaxError")
        self.assertRegex(error["message"], r"^2:23: SyntaxError: ")
        self.assertIn("RETURN n.name ORDER BY\n", error["message"])
        self.assertTrue(error["message"].endswith("^"), error["message"])
        _, doc = commit(self.server, "RETURN $missing")
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Statement.ParameterMissing")

    def test_malformed_requests(self):
        status, doc, _ = request(self.server, "/db/neo4j/tx/commit", raw=b'{"statements": [')
        self.assertEqual(status, 400)
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Request.InvalidFormat")
        self.assertIn("line 1, column 17", doc["errors"][0]["message"])
        status, doc, _ = request(self.server, "/db/neo4j/tx/commit",
                                 {"statements": [{"statement": "RETURN 1", "parameters": []}]})
        self.assertEqual(status, 400)
        self.assertIn("statements[0].parameters: expected an object",
                      doc["errors"][0]["message"])
        status, doc, _ = request(self.server, "/nowhere")
        self.assertEqual(status, 404)
        self.assertIn("no such endpoint: GET /nowhere", doc["errors"][0]["message"])

    def test_authentication(self):
        for user, password in ((None, None), ("alice", "wrong"), ("mallory", "secret")):
            for path in ("/db/neo4j/tx/commit", "/", "/api/schema"):
                status, doc, headers = request(self.server, path, {"statements": []},
                                               user=user, password=password)
                self.assertEqual(status, 401, (user, path))
                self.assertIn("Basic", headers["WWW-Authenticate"])
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Security.Unauthorized")
        status, _, _ = request(self.server, "/api/schema")
        self.assertEqual(status, 200)

    def test_oversize_body_is_refused(self):
        big = {"statements": [{"statement": "RETURN 1 // " + "x" * 70000}]}
        status, doc, _ = request(self.server, "/db/neo4j/tx/commit", big)
        self.assertEqual(status, 413)
        self.assertIn("larger than the server's limit of 65536 bytes",
                      doc["errors"][0]["message"])
        status, doc = commit(self.server, "RETURN 1 AS one")
        self.assertEqual(rows(doc), [[1]])

    def test_statement_limits_apply(self):
        _, doc = commit(self.server, "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                                     "RETURN count(*)")
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Transaction.Terminated")
        _, doc = commit(self.server, "RETURN size(collect(range(1, 5000000))) AS n")
        self.assertEqual(doc["errors"][0]["code"],
                         "Neo.TransientError.General.TransactionMemoryLimit")
        self.assertIn("16 MB", doc["errors"][0]["message"])

    def test_statements_of_a_request_are_one_transaction(self):
        _, doc = commit(self.server, "CREATE (:Region {id: 'tx_test', name: 'Rolled back'})",
                        "RETURN 1/0")
        self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Statement.ArgumentError")
        _, doc = commit(self.server, "MATCH (r:Region {id: 'tx_test'}) RETURN count(r)")
        self.assertEqual(rows(doc), [[0]])
        _, doc = commit(self.server, "CREATE (:Region {id: 'tx_test2', name: 'Kept'})",
                        "MATCH (r:Region {id: 'tx_test2'}) RETURN r.name")
        self.assertEqual(doc["errors"], [])
        self.assertEqual(doc["results"][0]["stats"]["nodes_created"], 1)
        self.assertEqual(rows(doc, 1), [["Kept"]])
        _, doc = commit(self.server, "MATCH (r:Region {id: 'tx_test2'}) DELETE r")
        self.assertEqual(doc["results"][0]["stats"]["nodes_deleted"], 1)

    def test_doc_example_runs(self):
        with open(os.path.join(SOURCE_DIR, "docs", "server.md"), encoding="utf-8") as f:
            text = f.read()
        section = text[text.index("## The HTTP API"):]
        command = re.findall(r"```sh\n(.*?)```", section, re.S)[0]
        expected = re.findall(r"```json\n(.*?)```", section, re.S)[0]
        env = dict(os.environ, SILKGRAPH_PASSWORD="secret",
                   SILKGRAPH_HTTP="http://127.0.0.1:%d" % self.server.port)
        r = subprocess.run(["bash", "-c", command], capture_output=True, text=True, env=env,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout), json.loads(expected))

    def test_schema_counts(self):
        status, schema, _ = request(self.server, "/api/schema")
        self.assertEqual(status, 200)
        _, doc = commit(self.server, "MATCH (n:Nation) RETURN count(n)",
                        "MATCH ()-[b:BORDERS]->() RETURN count(b)", "MATCH (n) RETURN count(n)")
        nation = [l for l in schema["labels"] if l["name"] == "Nation"][0]
        borders = [t for t in schema["types"] if t["name"] == "BORDERS"][0]
        self.assertEqual(nation["count"], rows(doc, 0)[0][0])
        self.assertEqual(nation["key"], "id")
        self.assertEqual(borders["count"], rows(doc, 1)[0][0])
        self.assertEqual(schema["nodes"], rows(doc, 2)[0][0])

    def test_svg_draws_nodes_and_escapes_values(self):
        _, doc = commit(self.server, ("CREATE (r:Region {id: 'xss', name: $name}) RETURN id(r)",
                                      {"name": HOSTILE}))
        rid = rows(doc)[0][0]
        try:
            _, doc = commit(self.server, "MATCH (n:Nation {id: 'KAZ'})-[b:BORDERS]-(m) "
                                         "RETURN id(n), id(b)")
            status, drawing, _ = request(self.server, "/api/svg", {
                "nodes": [rid, str(rows(doc)[0][0])], "relationships": [rows(doc)[0][1]]})
            self.assertEqual(status, 200)
            svg = drawing["svg"]
            self.assertIn("<title>n%d</title>" % rid, svg)
            # Kazakhstan, its neighbour and the hostile region (the legend's entries are not nodes).
            self.assertEqual(len(re.findall(r"<title>n\d+</title>", svg)), 3)
            self.assertNotIn("<script", svg)
            self.assertNotIn("<img", svg)
            self.assertIn("&lt;script&gt;", svg)
            self.assertEqual(drawing["nodes"][str(rid)]["properties"]["name"], HOSTILE)
            status, doc, _ = request(self.server, "/api/svg", {"nodes": list(range(501))})
            self.assertEqual(status, 400)
            self.assertIn("too many to draw", doc["errors"][0]["message"])
        finally:
            commit(self.server, "MATCH (r:Region {id: 'xss'}) DELETE r")


class Durable(unittest.TestCase):
    def test_a_write_survives_a_restart_and_bolt_runs_beside(self):
        with tempfile.TemporaryDirectory(prefix="sg-e2e-http-db-") as tmp:
            db = os.path.join(tmp, "cities.sg")
            server = Server(db, "--no-auth", "--bolt", "127.0.0.1:0")
            try:
                _, doc = commit(server, ("CREATE (c:City {name: $name}) RETURN c.name",
                                         {"name": "Tashkent"}), user=None)
                self.assertEqual(rows(doc), [["Tashkent"]])
            finally:
                code, log = server.stop()
            self.assertEqual(code, 0, log)
            self.assertRegex(log, r"Bolt listening on 127\.0\.0\.1:\d+ \(no authentication\)")
            server = Server(db, "--no-auth", "--read-only")
            try:
                _, doc = commit(server, "MATCH (c:City) RETURN c.name", user=None)
                self.assertEqual(rows(doc), [["Tashkent"]])
                _, doc = commit(server, "CREATE (:City {name: 'Nope'})", user=None)
                self.assertEqual(len(doc["errors"]), 1)
            finally:
                code, log = server.stop()
            self.assertEqual(code, 0, log)
            self.assertNotIn("Bolt listening", log)


class CommandLine(unittest.TestCase):
    def test_bad_addresses_and_limits_are_usage_errors(self):
        r = run("serve", SAMPLE, "--no-auth", "--http", "nowhere")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--http expects HOST:PORT, not 'nowhere'", r.stderr)
        r = run("serve", SAMPLE, "--no-auth", "--http", "127.0.0.1:0", "--max-memory", "lots")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--max-memory", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    OUTPUT_DIR = os.path.abspath(sys.argv.pop(1))
    unittest.main()
