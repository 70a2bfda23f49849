"""End-to-end tests of `silkgraph serve --http` (docs/server.md): Neo4j's transactional
endpoint through urllib (rows, parameters, errors with line:col, 401, an oversize body, a
write read back after a restart, the statement limits), the web page's helpers (/api/schema,
/api/svg, escaping), and the page itself in headless Chromium driven through chromedriver
over the W3C WebDriver protocol (Debian's `chromium` and `chromium-driver`; those tests skip
with a message when either is missing): it runs the issue's query and shows a table with rows
and an SVG with nodes, a click on a node shows its properties and sources, the history
survives a reload, and no property value runs as code. A screenshot is saved in OUTPUT_DIR.

Usage: test_http.py PATH/TO/silkgraph OUTPUT_DIR"""
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

import e2e_util
import test_server
from e2e_util import SOURCE_DIR, run

SAMPLE = os.path.join(SOURCE_DIR, "samples", "central-asia-korea")
OUTPUT_DIR = None
ISSUE_QUERY = "MATCH (n:Nation)-[b:BORDERS]-(m) RETURN n, b, m LIMIT 20"
# A value that would run as code if the page or the drawing put it into the DOM as markup.
HOSTILE = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=1\">&amp;\"'"


class Server:
    """A running `silkgraph serve ... --http 127.0.0.1:0`; .port is the HTTP port it chose. Its
    log (standard error: a line per request) is read on a thread, so it never fills the pipe."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([e2e_util.BINARY, "serve", *args, "--http", "127.0.0.1:0"],
                                     stderr=subprocess.PIPE, text=True)
        self.log = []
        self.lock = threading.Lock()
        for line in self.proc.stderr:
            self.log.append(line)
            m = re.search(r"HTTP listening on http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                self.reader = threading.Thread(target=self._read, daemon=True)
                self.reader.start()
                return
        raise AssertionError("server did not start: " + "".join(self.log))

    # The log reader and waits of test_server.Server (the same log, the same pipe).
    _read = test_server.Server._read
    log_text = test_server.Server.log_text
    wait_for_log = test_server.Server.wait_for_log

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def stop(self):
        self.proc.terminate()
        code = self.proc.wait(timeout=30)
        self.reader.join(timeout=10)
        self.proc.stderr.close()
        return code, self.log_text()


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
        r = run("passwd", cls.passwords, "reader", "--read-only", stdin="pw\n")
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
        # The log has a line per request and one per failed statement.
        self.server.wait_for_log(r"silkgraph serve: http: statement failed: "
                                 r"Neo\.ClientError\.Statement\.SyntaxError: 2:23: SyntaxError: ")
        self.server.wait_for_log(r"silkgraph serve: http 127\.0\.0\.1:\d+: "
                                 r"POST /db/neo4j/tx/commit 200\n")

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
        self.server.wait_for_log(r"http 127\.0\.0\.1:\d+: POST /api/schema 401\n")

    def test_read_only_user_may_read_but_not_write(self):
        count = "MATCH (n:Nation) RETURN count(n)"
        _, before = commit(self.server, count)
        for _ in range(2):  # the second request takes the remembered login
            status, doc = commit(self.server, count, "CREATE (:Nation {id: 'XKX'})",
                                 user="reader", password="pw")
            self.assertEqual(status, 200)
            self.assertEqual(rows(doc), rows(before))
            self.assertEqual(doc["errors"][0]["code"], "Neo.ClientError.Security.Forbidden")
            self.assertIn("1:1: Forbidden:", doc["errors"][0]["message"])
        status, doc = commit(self.server, "CREATE (:Nation {id: 'XKX'})", user="reader",
                             password="wrong")
        self.assertEqual(status, 401)
        _, after = commit(self.server, count)
        self.assertEqual(rows(after), rows(before))

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
        # BORDERS is symmetric in the sample's schema: a directed pattern matches each border
        # both ways, so count the relationships stored with DISTINCT.
        _, doc = commit(self.server, "MATCH (n:Nation) RETURN count(n)",
                        "MATCH ()-[b:BORDERS]->() RETURN count(DISTINCT b)",
                        "MATCH (n) RETURN count(n)")
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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """Just enough of the W3C WebDriver protocol (urllib against Debian's chromedriver) to
    drive headless Chromium: open a page, find, type, click, run a script, take a
    screenshot."""

    ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element identifier

    def __init__(self, profile_dir):
        self.port = free_port()
        self.proc = subprocess.Popen([shutil.which("chromedriver"), "--port=%d" % self.port],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.call("GET", "/status")["ready"]:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("chromedriver did not start")
            time.sleep(0.2)
        options = {"binary": shutil.which("chromium"),
                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                            "--disable-dev-shm-usage", "--window-size=1400,1000",
                            "--user-data-dir=" + profile_dir]}
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": options}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.port, path), data=data,
                                     method=method)
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=120) as res:
                return json.loads(res.read())["value"]
        except urllib.error.HTTPError as e:
            raise AssertionError("WebDriver %s %s: %s" % (method, path, e.read().decode()))

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def go(self, url):
        self.s("POST", "/url", {"url": url})

    def find(self, css):
        return [e[self.ELEMENT] for e in
                self.s("POST", "/elements", {"using": "css selector", "value": css})]

    def type(self, css, text):
        [element] = self.find(css)
        self.s("POST", "/element/%s/clear" % element, {})
        self.s("POST", "/element/%s/value" % element, {"text": text})

    def click(self, element):
        self.s("POST", "/element/%s/click" % element, {})

    def script(self, js, *args):
        return self.s("POST", "/execute/sync", {"script": js, "args": list(args)})

    def wait(self, js, seconds=60):
        deadline = time.monotonic() + seconds
        while not self.script(js):
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for: " + js)
            time.sleep(0.1)

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))

    def quit(self):
        try:
            self.call("DELETE", "/session/" + self.session)
        finally:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def browser_problem():
    for program in ("chromium", "chromedriver"):
        if not shutil.which(program):
            return "%s is not installed (Debian packages chromium and chromium-driver)" % program
    return None


class Page(unittest.TestCase):
    """The web page in headless Chromium, logged in with basic authentication."""

    @classmethod
    def setUpClass(cls):
        problem = browser_problem()
        if problem:
            raise unittest.SkipTest(problem)
        cls.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-page-")
        passwords = os.path.join(cls.tmp.name, "users")
        r = run("passwd", passwords, "alice", stdin="secret\n")
        assert r.returncode == 0, r.stderr
        cls.server = Server(SAMPLE, "--password-file", passwords)
        cls.browser = WebDriver(os.path.join(cls.tmp.name, "profile"))
        # Credentials in the URL log the page in; its own requests then carry them.
        cls.base = "http://alice:secret@127.0.0.1:%d/" % cls.server.port

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        code, log = cls.server.stop()
        assert code == 0, log
        cls.tmp.cleanup()

    def run_query(self, query):
        self.browser.type("#query", query)
        self.browser.script("document.body.dataset.state = 'idle'")
        self.browser.click(self.browser.find("#run")[0])
        self.browser.wait("return document.body.dataset.state === 'done'")

    def text(self, css):
        return self.browser.script("const e = document.querySelector(arguments[0]);"
                                   "return e ? e.textContent : null", css)

    def test_1_issue_query_shows_a_table_and_an_svg(self):
        b = self.browser
        b.go(self.base)
        b.wait("return document.querySelector('#schema h3') !== null")
        self.run_query(ISSUE_QUERY)
        self.assertEqual(b.script("return document.querySelectorAll('#table thead th').length"),
                         3)
        self.assertEqual(b.script("return document.querySelectorAll('#table tbody tr').length"),
                         20)
        self.assertTrue(self.text("#table tbody td").startswith("(:Nation {id: "))
        self.assertTrue(self.text("#error") == "" or
                        b.script("return document.querySelector('#error').hidden"))
        drawn = b.find("#graph svg g.node[data-node-id]")
        self.assertGreater(len(drawn), 5)
        # Every node of the table is drawn: compare with the API's answer.
        _, doc = commit(self.server, "MATCH (n:Nation)-[b:BORDERS]-(m) RETURN id(n), id(m) "
                                     "LIMIT 20")
        ids = sorted({str(i) for row in rows(doc) for i in row})
        self.assertEqual(sorted(b.script(
            "return [...document.querySelectorAll('#graph g.node[data-node-id]')]"
            ".map((g) => g.dataset.nodeId)")), ids)
        # Clicking a node shows its properties and sources.
        b.click(drawn[0])
        b.wait("return !document.querySelector('#details').hidden")
        self.assertIn(":Nation", self.text("#details-title"))
        self.assertIn("mledoze/countries", self.text("#details-sources"))
        self.assertIn("iso2", self.text("#details-props"))
        os.makedirs(OUTPUT_DIR, exist_ok=True)
        b.screenshot(os.path.join(OUTPUT_DIR, "page.png"))

    def test_2_schema_panel_counts(self):
        b = self.browser
        b.go(self.base)
        b.wait("return document.querySelector('#schema h3') !== null")
        _, doc = commit(self.server, "MATCH (n:Nation) RETURN count(n)")
        nation = b.script("return [...document.querySelectorAll('#schema li')]"
                          ".map((li) => li.textContent).find((t) => t.startsWith(':Nation '))")
        self.assertTrue(nation.startswith(":Nation %d" % rows(doc)[0][0]), nation)

    def test_3_history_survives_a_reload(self):
        b = self.browser
        b.go(self.base)
        b.wait("return document.querySelector('#schema h3') !== null")
        self.run_query("MATCH (n:Region) RETURN n.name ORDER BY n.name LIMIT 3")
        b.go(self.base)
        b.wait("return document.querySelector('#schema h3') !== null")
        options = b.script("return [...document.querySelectorAll('#history option')]"
                           ".map((o) => o.textContent)")
        self.assertEqual(options[1], "MATCH (n:Region) RETURN n.name ORDER BY n.name LIMIT 3")

    def test_4_errors_show_line_and_column(self):
        b = self.browser
        b.go(self.base)
        self.run_query("MATCH (n RETURN n")
        self.assertFalse(b.script("return document.querySelector('#error').hidden"))
        error = self.text("#error")
        self.assertIn("Neo.ClientError.Statement.SyntaxError", error)
        self.assertIn("1:10: SyntaxError", error)
        self.assertIn("MATCH (n RETURN n\n         ^", error)

    def test_5_values_never_run_as_code(self):
        b = self.browser
        commit(self.server, ("CREATE (:Region {id: 'xss', name: $name})", {"name": HOSTILE}))
        try:
            b.go(self.base)
            self.run_query("MATCH (r:Region {id: 'xss'}) RETURN r, r.name AS name")
            self.assertEqual(self.text("#table tbody td:nth-child(2)"), HOSTILE)
            [node] = b.find("#graph svg g.node[data-node-id]")
            b.click(node)
            b.wait("return !document.querySelector('#details').hidden")
            self.assertIn(HOSTILE, self.text("#details-title"))
            self.assertIsNone(b.script("return window.pwned === undefined ? null : 1"))
            self.assertEqual(b.script("return document.querySelectorAll("
                                      "'img, #graph script, #table script').length"), 0)
        finally:
            commit(self.server, "MATCH (r:Region {id: 'xss'}) DELETE r")


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
