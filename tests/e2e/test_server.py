"""End-to-end tests of `silkgraph serve` (docs/server.md): the official Neo4j JavaScript driver
(npm neo4j-driver, installed into the build tree at test time; these tests skip with a message
when npm cannot install it) connects, authenticates, runs the sample's questions with
parameters and gets the shell's answers, reads every value type, commits and rolls back, gets
Neo4j's error codes and is refused with a wrong password. Raw sockets check the handshake and
that malformed bytes, oversize messages and refused connections leave the server serving.

Usage: test_server.py PATH/TO/silkgraph NODE_DIR"""
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import e2e_util
from e2e_util import SOURCE_DIR, run

SAMPLE = os.path.join(SOURCE_DIR, "samples", "central-asia-korea")
CLIENT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bolt", "client.js")
NODE_DIR = None
DRIVER_PROBLEM = None


def install_driver():
    """npm install neo4j-driver into NODE_DIR once; returns None or why it is unavailable."""
    if os.path.isdir(os.path.join(NODE_DIR, "node_modules", "neo4j-driver")):
        return None
    if not shutil.which("node") or not shutil.which("npm"):
        return "node or npm is not installed"
    os.makedirs(NODE_DIR, exist_ok=True)
    r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", NODE_DIR,
                        "neo4j-driver@6"], capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        return "npm could not install neo4j-driver: " + r.stderr.strip()[-300:]
    return None


class Server:
    """A running `silkgraph serve ... --bolt 127.0.0.1:0`; .port is the port it chose. Its
    standard error (the server's log: a line per connection and per failed statement) is read
    on a thread, so a long test never fills the pipe and blocks the server."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([e2e_util.BINARY, "serve", *args, "--bolt", "127.0.0.1:0"],
                                     stderr=subprocess.PIPE, text=True)
        self.log = []
        self.lock = threading.Lock()
        for line in self.proc.stderr:
            self.log.append(line)
            m = re.search(r"Bolt listening on 127\.0\.0\.1:(\d+)", line)
            if m:
                self.port = int(m.group(1))
                self.reader = threading.Thread(target=self._read, daemon=True)
                self.reader.start()
                return
        raise AssertionError("server did not start: " + "".join(self.log))

    def _read(self):
        for line in self.proc.stderr:
            with self.lock:
                self.log.append(line)

    def log_text(self):
        with self.lock:
            return "".join(self.log)

    def wait_for_log(self, pattern, seconds=10):
        """Waits for a log line matching `pattern` (a connection's last line follows its
        close, which the client does not wait for)."""
        deadline = time.monotonic() + seconds
        while not re.search(pattern, self.log_text()):
            if time.monotonic() > deadline:
                raise AssertionError("no log line matching %r in:\n%s" % (pattern, self.log_text()))
            time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        code = self.proc.wait(timeout=30)
        self.reader.join(timeout=10)
        self.proc.stderr.close()
        return code, self.log_text()


def node(mode, port, user="alice", password="secret", file=None):
    args = ["node", CLIENT, mode, "bolt://127.0.0.1:%d" % port, user, password]
    if file:
        args.append(file)
    env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"))
    r = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120)
    if r.returncode != 0:
        raise AssertionError("client.js %s failed:\n%s" % (mode, r.stderr))
    return json.loads(r.stdout)


def questions():
    """The sample's questions, split as the shell splits them (comments off, at ';')."""
    with open(os.path.join(SAMPLE, "questions.cypher"), encoding="utf-8") as f:
        text = "\n".join(l for l in f.read().splitlines() if not l.lstrip().startswith("//"))
    return [q.strip() for q in text.split(";") if q.strip()]


def chunk(payload):
    return struct.pack(">H", len(payload)) + payload + b"\x00\x00"


def handshake(port, proposals):
    """Connects and negotiates. A server with --max-connections frees the slot of a closed
    connection when its thread sees the close, which can lag on a loaded machine: a refused
    connection (reset, or closed before any reply) is retried for up to 10 seconds."""
    deadline = time.monotonic() + 10
    while True:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        try:
            s.sendall(b"\x60\x60\xb0\x17" + b"".join(proposals))
            got = s.recv(4)
        except ConnectionResetError:
            got = b""
        if got or time.monotonic() > deadline:
            return s, got
        s.close()
        time.sleep(0.1)


def recv_all(s):
    data = b""
    while True:
        try:
            part = s.recv(65536)
        except (ConnectionResetError, socket.timeout):
            break
        if not part:
            break
        data += part
    return data


class WithDriver(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if DRIVER_PROBLEM:
            raise unittest.SkipTest("neo4j-driver unavailable (" + DRIVER_PROBLEM + ")")
        cls.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-server-")
        cls.passwords = os.path.join(cls.tmp.name, "users")
        r = run("passwd", cls.passwords, "alice", stdin="secret\n")
        assert r.returncode == 0, r.stderr
        r = run("passwd", cls.passwords, "reader", "--read-only", stdin="pw\n")
        assert r.returncode == 0 and "(read-only)" in r.stderr, r.stderr
        cls.server = Server(SAMPLE, "--password-file", cls.passwords)

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "server", None):
            code, log = cls.server.stop()
            assert code == 0, log
        cls.tmp.cleanup()

    def test_sample_questions_give_the_shells_answers(self):
        qs = [{"query": q} for q in questions()]
        # Question 1 again with its constants as parameters.
        q1 = qs[0]["query"].replace("{id: 'KOR'}", "{id: $country}").replace("'ree'", "$resource")
        self.assertIn("$country", q1)
        qs.append({"query": q1, "params": {"country": "KOR", "resource": "ree"}})
        path = os.path.join(self.tmp.name, "questions.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(qs, f)
        got = node("queries", self.server.port, file=path)["results"]
        self.assertEqual(len(got), len(qs))
        for q, answer in zip(qs, got):
            text = q["query"].replace("$country", "'KOR'").replace("$resource", "'ree'")
            shell = run(SAMPLE, "--format", "json", "-c", text)
            self.assertEqual(shell.returncode, 0, shell.stderr)
            self.assertEqual(answer["rows"], json.loads(shell.stdout), q["query"])
            self.assertEqual(answer["type"], "r")
        self.assertGreater(sum(len(a["rows"]) for a in got), 10)

    def test_every_value_type(self):
        out = node("types", self.server.port)
        row = out["row"]
        self.assertIsNone(row["nothing"])
        self.assertIs(row["yes"], True)
        self.assertEqual(row["int"], 42)
        self.assertEqual(row["float"], 2.5)
        self.assertEqual(row["text"], "카자흐스탄")
        self.assertEqual(row["list"], [1, "two"])
        self.assertEqual(row["map"], {"k": [1]})
        self.assertEqual(row["node"]["labels"], ["Nation"])
        self.assertEqual(row["node"]["properties"]["id"], "KAZ")
        self.assertEqual(row["node"]["elementId"], str(row["node"]["node"]))
        self.assertEqual(row["rel"]["rel"], "BORDERS")
        ends = {row["node"]["elementId"], row["other"]["elementId"]}
        self.assertEqual({row["rel"]["start"], row["rel"]["end"]}, ends)
        # The path in its own order (KAZ first) whichever way the relationship points.
        self.assertEqual(row["path"]["path"],
                         [[row["node"]["elementId"], "BORDERS", row["other"]["elementId"]]])
        self.assertEqual(row["day"], "2024-06-14")
        self.assertEqual(out["dayParam"], "2024-06-14")
        for k in ("intIsInteger", "floatIsNumber", "nodeIsNode", "relIsRelationship",
                  "pathIsPath", "dayIsDate"):
            self.assertTrue(out[k], k)

    def test_temporal_values_are_the_drivers_types_both_ways(self):
        out = node("temporal", self.server.port)
        self.assertEqual(out["kinds"], {k: True for k in ("dt", "dtz", "ldt", "t", "lt", "d")})
        self.assertEqual(out["zone"], "Asia/Seoul")
        self.assertEqual(out["offset"], 9 * 3600)
        self.assertEqual(out["hour"], 10)  # the local hour, not UTC's
        self.assertEqual(out["text"], {
            "dt": "2024-11-04T10:02:03.500000000+09:00",
            "dtz": "2024-11-04T10:02:03+09:00[Asia/Seoul]",
            "ldt": "2024-11-04T10:02:03",
            "t": "10:02:03-05:00",
            "lt": "10:02:03.000000007",
            "d": "P1Y2M3DT4H5M6.500000000S",
        })
        # Sent back as parameters, silkgraph reads the same values (its own ISO text).
        self.assertEqual(out["params"], {
            "dt": "2024-11-04T10:02:03.500+09:00",
            "dtz": "2024-11-04T10:02:03+09:00[Asia/Seoul]",
            "ldt": "2024-11-04T10:02:03",
            "t": "10:02:03-05:00",
            "lt": "10:02:03.000000007",
            "d": "P1Y2M3DT4H5M6.5S",
            "epoch": 1730682123,
            "zone": "Asia/Seoul",
        })
        self.assertEqual(out["driverMade"], "2025-07-01T09:30+02:00[Europe/Paris]")

    def test_error_codes_and_the_session_goes_on(self):
        out = node("errors", self.server.port)
        codes = {e["query"]: e["code"] for e in out["errors"]}
        self.assertEqual(codes["MATCH (n RETURN n"], "Neo.ClientError.Statement.SyntaxError")
        self.assertEqual(codes["RETURN $missing"], "Neo.ClientError.Statement.ParameterMissing")
        self.assertEqual(codes["RETURN 1 + true"], "Neo.ClientError.Statement.TypeError")
        self.assertTrue(codes["RETURN nosuchfunction(1)"].startswith("Neo.ClientError.Statement."))
        syntax = out["errors"][0]["message"]
        self.assertIn("1:10: SyntaxError:", syntax)
        self.assertIn("MATCH (n RETURN n\n         ^", syntax)
        self.assertEqual(out["afterError"], [{"one": 1}])
        # The server's log names each failed statement with its code and reason, and the
        # connection's end with its counts.
        log = self.server.log_text()
        self.assertRegex(log, r"silkgraph serve: bolt-\d+: statement failed: "
                              r"Neo\.ClientError\.Statement\.SyntaxError: 1:10: SyntaxError: ")
        self.assertRegex(log, r"bolt-\d+: statement failed: "
                              r"Neo\.ClientError\.Statement\.ParameterMissing: ")
        self.server.wait_for_log(r"bolt-\d+: closed after \d+ statements, [1-9]\d* failed\n")

    def test_wrong_password_and_unknown_user_are_refused(self):
        for user, password in (("alice", "wrong"), ("mallory", "secret")):
            self.assertEqual(node("auth", self.server.port, user, password)["code"],
                             "Neo.ClientError.Security.Unauthorized")
        self.assertIsNone(node("auth", self.server.port)["code"])
        # Logged: each connection with its address and protocol, each refusal and log-on.
        log = self.server.log_text()
        self.assertRegex(log, r"bolt-\d+: connected from 127\.0\.0\.1:\d+ \(Bolt 5\.\d\)\n")
        self.assertIn("authentication failed (scheme 'basic', user 'mallory')", log)
        self.assertIn("authentication failed (scheme 'basic', user 'alice')", log)
        self.assertRegex(log, r"bolt-\d+: logged on as 'alice'\n")
        self.assertNotIn("secret", log)  # never a password

    def test_read_only_user_reads_and_every_write_is_forbidden(self):
        before = node("queries", self.server.port, file=self.count_file())
        out = node("readonly", self.server.port, "reader", "pw")
        self.assertEqual(out["read"], [{"name": "South Korea"}])
        for e in out["errors"]:
            self.assertEqual(e["code"], "Neo.ClientError.Security.Forbidden", e)
            self.assertIn("may only read", e["message"])
        self.assertIn("2:1: Forbidden:", out["errors"][1]["message"])  # the SET, with a caret
        self.assertIn("SET n.name = 'x'\n^", out["errors"][1]["message"])
        self.assertEqual(out["after"], before["results"][0]["rows"])

    def count_file(self):
        path = os.path.join(self.tmp.name, "count.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump([{"query": "MATCH (n:Nation) RETURN count(n) AS n"}], f)
        return path

    def test_doc_example_runs(self):
        with open(os.path.join(SOURCE_DIR, "docs", "server.md"), encoding="utf-8") as f:
            blocks = re.findall(r"```javascript\n(.*?)```", f.read(), re.S)
        self.assertEqual(len(blocks), 1)
        env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"),
                   SILKGRAPH_URI="neo4j://127.0.0.1:%d" % self.server.port,
                   SILKGRAPH_PASSWORD="secret")
        r = subprocess.run(["node", "-e", blocks[0]], capture_output=True, text=True, env=env,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "China, Kyrgyzstan, Russia, Turkmenistan, Uzbekistan")

    def test_neo4j_scheme_routes_to_this_server(self):
        env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"))
        script = ("const n=require('neo4j-driver');(async()=>{const d=n.driver('neo4j://127.0.0.1:"
                  "%d',n.auth.basic('alice','secret'));const r=await d.executeQuery("
                  "\"MATCH (n:Nation {id: 'KOR'}) RETURN n.name AS name\");"
                  "console.log(r.records[0].get('name'));await d.close()})()"
                  % self.server.port)
        r = subprocess.run(["node", "-e", script], capture_output=True, text=True, env=env,
                           timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "South Korea")


class Transactions(unittest.TestCase):
    def test_commit_is_durable_and_rollback_leaves_nothing(self):
        if DRIVER_PROBLEM:
            self.skipTest("neo4j-driver unavailable (" + DRIVER_PROBLEM + ")")
        with tempfile.TemporaryDirectory(prefix="sg-e2e-server-tx-") as tmp:
            db = os.path.join(tmp, "cities.sg")
            server = Server(db, "--no-auth")
            try:
                out = node("tx", server.port)
            finally:
                code, log = server.stop()
            self.assertEqual(code, 0, log)
            self.assertIn("--no-auth", log)
            self.assertEqual(out["insideRollbackTx"], [{"name": "Astana"}, {"name": "Seoul"}])
            self.assertEqual(out["written"]["rows"], [{"name": "Tashkent"}])
            self.assertEqual(out["written"]["stats"]["nodesCreated"], 1)
            self.assertEqual(out["after"], [{"name": "Seoul"}, {"name": "Tashkent"}])
            r = run(db, "--read-only", "--format", "csv", "-c",
                    "MATCH (c:City) RETURN c.name ORDER BY c.name")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.splitlines()[1:], ["Seoul", "Tashkent"])


class RawBytes(unittest.TestCase):
    """No driver needed: the handshake and hostile bytes, on a server without a password."""

    @classmethod
    def setUpClass(cls):
        cls.server = Server(SAMPLE, "--no-auth", "--max-message-bytes", "1000",
                            "--max-connections", "4")

    @classmethod
    def tearDownClass(cls):
        code, log = cls.server.stop()
        assert code == 0, log

    def hello(self, s):
        # HELLO {user_agent: "raw"} in Bolt 4.4 (no LOGON).
        s.sendall(chunk(b"\xb1\x01\xa1\x8auser_agent\x83raw"))
        reply = s.recv(65536)
        self.assertEqual(reply[2:4], b"\xb1\x70", reply)  # SUCCESS

    def test_version_negotiation(self):
        cases = [
            ([b"\x00\x00\x04\x04", b"\x00" * 4, b"\x00" * 4, b"\x00" * 4], b"\x00\x00\x04\x04"),
            ([b"\x00\x08\x08\x05", b"\x00" * 4, b"\x00" * 4, b"\x00" * 4], b"\x00\x00\x04\x05"),
            ([b"\x00\x00\x02\x05", b"\x00\x00\x04\x04", b"\x00" * 4, b"\x00" * 4],
             b"\x00\x00\x02\x05"),
            ([b"\x00\x00\x00\x03", b"\x00\x00\x03\x04", b"\x00" * 4, b"\x00" * 4], b"\x00" * 4),
        ]
        for proposals, want in cases:
            s, got = handshake(self.server.port, proposals)
            s.close()
            self.assertEqual(got, want, proposals)

    def test_hostile_bytes_get_a_failure_and_a_closed_connection(self):
        bad = [
            chunk(b"\xb1\x01\xa1\x8auser_agent\x8f"),  # string longer than the message
            chunk(b"\xb0\x99"),  # unknown message tag
            chunk(b"\xb1\x01" + b"\x91" * 200 + b"\xc0"),  # nested too deeply
            chunk(b"\xb3\x10\x81x\xa0\xa0") + chunk(b"\xb3\x10"),  # RUN before HELLO
            struct.pack(">H", 900) + b"\x00" * 900 + struct.pack(">H", 900) + b"\x00" * 900,
        ]
        for payload in bad:
            s, version = handshake(self.server.port, [b"\x00\x00\x04\x04"] + [b"\x00" * 4] * 3)
            self.assertEqual(version, b"\x00\x00\x04\x04")
            s.sendall(payload)
            reply = recv_all(s)
            s.close()
            self.assertIn(b"\xb1\x7f", reply, payload[:20])  # FAILURE, then end of stream
            self.assertIn(b"Neo.ClientError.Request.Invalid", reply)
        s, _ = handshake(self.server.port, [b"\x00\x00\x04\x04"] + [b"\x00" * 4] * 3)
        self.hello(s)  # the server still serves
        s.close()

    def test_garbage_instead_of_a_handshake_is_closed(self):
        s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(recv_all(s), b"")
        s.close()

    def test_connections_over_the_limit_are_closed(self):
        held = [handshake(self.server.port, [b"\x00\x00\x04\x04"] + [b"\x00" * 4] * 3)[0]
                for _ in range(4)]
        extra = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
        extra.sendall(b"\x60\x60\xb0\x17" + b"\x00\x00\x04\x04" + b"\x00" * 12)
        self.assertEqual(recv_all(extra), b"")
        extra.close()
        for s in held:
            s.close()


def serve_usage_errors():
    r = run("serve", SAMPLE, "--bolt", "127.0.0.1:0")
    assert r.returncode == 2 and "--password-file" in r.stderr and "--no-auth" in r.stderr, r.stderr
    r = run("serve", SAMPLE, "--no-auth", "--bolt", "nowhere")
    assert r.returncode == 2 and "HOST:PORT" in r.stderr, r.stderr


class CommandLine(unittest.TestCase):
    def test_auth_is_required_unless_refused_explicitly(self):
        serve_usage_errors()

    def test_passwd_hashes_with_a_salt(self):
        with tempfile.TemporaryDirectory() as tmp:
            f = os.path.join(tmp, "users")
            for user in ("alice", "bob", "alice"):
                self.assertEqual(run("passwd", f, user, stdin="pw\n").returncode, 0)
            with open(f, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
            self.assertEqual([l.split(":")[0] for l in lines], ["alice", "bob"])
            self.assertTrue(all(l.split(":", 1)[1].startswith("$argon2id$") for l in lines))
            self.assertNotEqual(lines[0].split(":", 1)[1], lines[1].split(":", 1)[1])
            self.assertEqual(os.stat(f).st_mode & 0o777, 0o600)
            self.assertEqual(run("passwd", f, "bob", "--read-only", stdin="pw2\n").returncode, 0)
            with open(f, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
            self.assertEqual(lines[0].count(":"), 1)
            self.assertTrue(lines[1].startswith("bob:$argon2id$") and lines[1].endswith(":read-only"))
            r = run("passwd", f, "a:b", stdin="pw\n")
            self.assertEqual(r.returncode, 1)
            self.assertIn("user name", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    NODE_DIR = os.path.abspath(sys.argv.pop(1))
    DRIVER_PROBLEM = install_driver()
    if DRIVER_PROBLEM:
        print("test_server: SKIPPING the driver tests: " + DRIVER_PROBLEM, file=sys.stderr)
    unittest.main()
