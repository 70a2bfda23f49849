"""End-to-end tests of `silkgraph serve --tls-cert CERT --tls-key KEY` (docs/server.md, "TLS"):
a certificate for localhost made here by Debian's `openssl` command; the official
neo4j-driver (installed into the build tree as for test_server.py) connects with bolt+s://
(verifying the certificate against it, given as Node's extra CA), bolt+ssc:// and neo4j+s://;
HTTPS answers Python's urllib with the certificate verified; a client without TLS is refused
and logged while TLS clients go on; bad certificate and key files are refused with the file
named.

Usage: test_tls.py PATH/TO/silkgraph NODE_DIR"""
import base64
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.error
import urllib.request

import e2e_util
import test_server
from e2e_util import run

SAMPLE = test_server.SAMPLE
COUNT = "MATCH (n:Nation) RETURN count(n) AS n"


def make_certificate(folder, name="localhost"):
    """A self-signed certificate and key for `name` (and 127.0.0.1), valid for two days."""
    cert, key = os.path.join(folder, name + ".pem"), os.path.join(folder, name + ".key")
    r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-keyout", key, "-out", cert, "-subj", "/CN=" + name,
                        "-addext", "subjectAltName=DNS:%s,IP:127.0.0.1" % name],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return cert, key


class TlsServer:
    """`silkgraph serve SAMPLE --bolt 127.0.0.1:0 --http 127.0.0.1:0 --tls-cert --tls-key`; its
    log is read on a thread (test_server.Server's reader)."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([e2e_util.BINARY, "serve", SAMPLE, *args,
                                      "--bolt", "127.0.0.1:0", "--http", "127.0.0.1:0"],
                                     stderr=subprocess.PIPE, text=True)
        self.log = []
        self.bolt = self.http = None
        for line in self.proc.stderr:
            self.log.append(line)
            m = re.search(r"Bolt listening on 127\.0\.0\.1:(\d+) \(TLS, ", line)
            self.bolt = int(m.group(1)) if m else self.bolt
            m = re.search(r"HTTP listening on https://127\.0\.0\.1:(\d+)/ \(TLS, ", line)
            self.http = int(m.group(1)) if m else self.http
            if self.bolt and self.http:
                self.lock = threading.Lock()
                self.reader = threading.Thread(target=self._read, daemon=True)
                self.reader.start()
                return
        raise AssertionError("server did not start: " + "".join(self.log))

    _read = test_server.Server._read
    log_text = test_server.Server.log_text
    stop = test_server.Server.stop


class WithTls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-tls-")
        cls.cert, cls.key = make_certificate(cls.tmp.name)
        cls.passwords = os.path.join(cls.tmp.name, "users")
        assert run("passwd", cls.passwords, "alice", stdin="secret\n").returncode == 0
        cls.server = TlsServer("--password-file", cls.passwords, "--tls-cert", cls.cert,
                               "--tls-key", cls.key)

    @classmethod
    def tearDownClass(cls):
        code, log = cls.server.stop()
        cls.tmp.cleanup()
        assert code == 0, log
        # The plain client of test_a_client_without_tls_is_refused_and_logged, with the hint.
        assert re.search(r"TLS handshake with 127\.0\.0\.1:\d+ failed: wrong version number "
                         r"\(a client without TLS\?", log), log
        assert re.search(r"bolt-\d+: connected from 127\.0\.0\.1:\d+ \(Bolt 5\.\d, TLS\)", log), log

    def driver(self, uri, query, extra_ca=True):
        """Runs one query through client.js's `queries` mode; (rows, None) or (None, stderr)."""
        if test_server.DRIVER_PROBLEM:
            self.skipTest("neo4j-driver unavailable (" + test_server.DRIVER_PROBLEM + ")")
        path = os.path.join(self.tmp.name, "q.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump([{"query": query}], f)
        env = dict(os.environ, NODE_PATH=os.path.join(test_server.NODE_DIR, "node_modules"))
        env.pop("NODE_EXTRA_CA_CERTS", None)
        if extra_ca:
            env["NODE_EXTRA_CA_CERTS"] = self.cert
        else:
            env["SG_MAX_RETRY_MS"] = "1000"  # the refusal is the answer; no 30 s of retries
        r = subprocess.run(["node", test_server.CLIENT, "queries", uri, "alice", "secret", path],
                           capture_output=True, text=True, env=env, timeout=120)
        if r.returncode != 0:
            return None, r.stderr
        return json.loads(r.stdout)["results"][0]["rows"], None

    def test_drivers_connect_with_the_certificate_verified(self):
        port = self.server.bolt
        for uri in ("bolt+s://localhost:%d" % port, "neo4j+s://localhost:%d" % port,
                    "bolt+ssc://127.0.0.1:%d" % port):
            rows, err = self.driver(uri, COUNT)
            self.assertEqual(rows, [{"n": 44}], uri + ": " + str(err))

    def test_sample_question_over_tls_is_the_shells_answer(self):
        q = test_server.questions()[0]
        rows, err = self.driver("bolt+s://localhost:%d" % self.server.bolt, q)
        self.assertIsNone(err)
        shell = run(SAMPLE, "--format", "json", "-c", q)
        self.assertEqual(rows, json.loads(shell.stdout))

    def test_an_untrusted_certificate_is_refused_by_the_driver(self):
        rows, err = self.driver("bolt+s://localhost:%d" % self.server.bolt, COUNT, extra_ca=False)
        self.assertIsNone(rows)
        self.assertIn("ServiceUnavailable", err)

    def test_a_client_without_tls_is_refused_and_logged(self):
        s = socket.create_connection(("127.0.0.1", self.server.bolt), timeout=10)
        s.sendall(b"\x60\x60\xb0\x17" + b"\x00\x00\x04\x05" + b"\x00" * 12)
        got = test_server.recv_all(s)  # at most a TLS alert, then the server closes
        self.assertNotIn(b"\x00\x00\x04\x05", got)
        self.assertTrue(got == b"" or got[0] == 0x15, got)  # 0x15: a TLS alert record
        s.close()
        # The server goes on serving TLS clients.
        rows, err = self.driver("bolt+s://localhost:%d" % self.server.bolt, COUNT)
        self.assertEqual(rows, [{"n": 44}], err)

    def test_raw_bolt_inside_tls(self):
        ctx = ssl.create_default_context(cafile=self.cert)
        with socket.create_connection(("127.0.0.1", self.server.bolt), timeout=10) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                self.assertEqual(s.version() in ("TLSv1.2", "TLSv1.3"), True)
                s.sendall(b"\x60\x60\xb0\x17" + b"\x00\x04\x04\x05" + b"\x00" * 12)
                self.assertEqual(s.recv(4), b"\x00\x00\x04\x05")
                # Garbage instead of HELLO: a FAILURE, then the connection closes.
                s.sendall(test_server.chunk(b"\xff\xff\xff"))
                got = test_server.recv_all(s)
                self.assertIn(b"Neo.ClientError.Request.Invalid", got)

    def test_https_api(self):
        ctx = ssl.create_default_context(cafile=self.cert)
        body = json.dumps({"statements": [{"statement": COUNT}]}).encode()
        req = urllib.request.Request("https://localhost:%d/db/neo4j/tx/commit" % self.server.http,
                                     data=body, headers={"Content-Type": "application/json"})
        req.add_header("Authorization", "Basic " + base64.b64encode(b"alice:secret").decode())
        with urllib.request.urlopen(req, context=ctx, timeout=30) as r:
            doc = json.loads(r.read())
        self.assertEqual(doc["results"][0]["data"][0]["row"], [44])
        # Plain HTTP to the HTTPS port gets no answer.
        with self.assertRaises((urllib.error.URLError, ConnectionError,
                                http.client.HTTPException)):
            urllib.request.urlopen("http://127.0.0.1:%d/" % self.server.http, timeout=10).read()


class CommandLine(unittest.TestCase):
    def test_bad_files_are_named(self):
        with tempfile.TemporaryDirectory() as tmp:
            cert, key = make_certificate(tmp)
            other_cert, other_key = make_certificate(tmp, "other")
            r = run("serve", SAMPLE, "--no-auth", "--tls-cert", cert)
            self.assertEqual(r.returncode, 2)
            self.assertIn("both --tls-cert and --tls-key", r.stderr)
            missing = os.path.join(tmp, "missing.pem")
            r = run("serve", SAMPLE, "--no-auth", "--tls-cert", missing, "--tls-key", key)
            self.assertEqual(r.returncode, 1)
            self.assertIn(missing + ": cannot read it: No such file or directory", r.stderr)
            r = run("serve", SAMPLE, "--no-auth", "--tls-cert", key, "--tls-key", key)
            self.assertEqual(r.returncode, 1)
            self.assertIn(key + ": no PEM certificate", r.stderr)
            r = run("serve", SAMPLE, "--no-auth", "--tls-cert", cert, "--tls-key", cert)
            self.assertEqual(r.returncode, 1)
            self.assertIn(cert + ": no PEM private key", r.stderr)
            broken = os.path.join(tmp, "broken.pem")
            with open(cert, encoding="ascii") as f:
                text = f.read()
            with open(broken, "w", encoding="ascii") as f:
                f.write(text.replace(text.splitlines()[3], "garbage"))
            r = run("serve", SAMPLE, "--no-auth", "--tls-cert", broken, "--tls-key", key)
            self.assertEqual(r.returncode, 1)
            self.assertIn(broken + ": cannot use it as a TLS certificate (PEM): ", r.stderr)
            r = run("serve", SAMPLE, "--no-auth", "--tls-cert", cert, "--tls-key", other_key)
            self.assertEqual(r.returncode, 1)
            self.assertIn("does not match the certificate " + cert, r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    test_server.NODE_DIR = os.path.abspath(sys.argv.pop(1))
    if not shutil.which("openssl"):
        sys.exit("test_tls: the openssl command is missing (Debian package openssl)")
    test_server.DRIVER_PROBLEM = test_server.install_driver()
    if test_server.DRIVER_PROBLEM:
        print("test_tls: SKIPPING the driver tests: " + test_server.DRIVER_PROBLEM,
              file=sys.stderr)
    unittest.main()
