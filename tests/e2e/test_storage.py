"""End-to-end tests of a database file that keeps what you write (docs/storage.md): the real
binary creates, writes, reopens and recovers DB.sg; one writer at a time; --read-only;
transactions with :begin/:commit/:rollback in files and at the end of a script; :checkpoint."""
import os
import re
import subprocess
import tempfile
import time
import unittest

import e2e_util
from e2e_util import DATA, run


class Storage(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-storage-")
        self.db = os.path.join(self.tmp.name, "world.sg")

    def tearDown(self):
        self.tmp.cleanup()

    def count(self, query="MATCH (n) RETURN count(n)"):
        r = run(self.db, "--read-only", "--format", "csv", "-c", query)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.splitlines()[1]

    def test_create_in_one_process_read_in_the_next(self):
        r = run(self.db, "-c", "CREATE (:Nation {id: 'XKX', name: 'Kosovo'})")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Created 1 node", r.stdout)
        self.assertEqual(self.count("MATCH (n:Nation) RETURN n.name"), "Kosovo")
        self.assertFalse(os.path.exists(self.db + ".wal"), "a clean exit checkpoints")

    def test_second_writer_is_refused_with_the_holders_pid(self):
        run(self.db, "-c", "CREATE (:N)")
        # A writer that stays open: the interactive-less stdin mode waits for its input.
        holder = subprocess.Popen([e2e_util.BINARY, self.db, "-f", "-"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(100):
                if os.path.exists(self.db + ".wal"):
                    break
                time.sleep(0.05)
            time.sleep(0.2)
            r = run(self.db, "-c", "CREATE (:M)")
            self.assertEqual(r.returncode, 1)
            self.assertIn(self.db + ": IOError: the database is open for writing in another "
                          "process (pid %d)" % holder.pid, r.stderr)
            r = run(self.db, "--read-only", "-c", "MATCH (n) RETURN count(n) AS c")
            self.assertEqual(r.returncode, 0, r.stderr)
            r = run(self.db, "--read-only", "-c", "CREATE (:M)")
            self.assertEqual(r.returncode, 1)
            self.assertIn("open read-only", r.stderr)
        finally:
            holder.communicate("", timeout=30)
        self.assertEqual(holder.returncode, 0)
        self.assertEqual(self.count(), "1")

    def test_transactions_in_a_file(self):
        script = os.path.join(self.tmp.name, "tx.cypher")
        with open(script, "w") as f:
            f.write(":begin\nCREATE (:N {i: 1});\nCREATE (:N {i: 2});\n:commit\n"
                    ":begin\nCREATE (:N {i: 3});\n:rollback\n"
                    ":begin\nCREATE (:N {i: 4});\n")
        r = run(self.db, "-f", script)
        self.assertEqual(r.returncode, 1, "an uncommitted transaction at the end fails the run")
        self.assertIn(script + ": Warning: the transaction opened with :begin was not committed; "
                      "rolled it back", r.stderr)
        self.assertEqual(self.count("MATCH (n:N) RETURN collect(n.i)"), "\"[1, 2]\"")

    def test_an_error_inside_a_transaction_leaves_it_for_rollback(self):
        r = run(self.db, "-k", "-c", ":begin\nCREATE (:N);\nRETURN 1/0;\nCREATE (:N);\n:commit\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("the transaction failed at an earlier statement", r.stderr)
        self.assertEqual(self.count(), "0")

    def test_checkpoint_and_build_into_an_open_database(self):
        r = run(self.db, "-c", "CREATE (:N);\n:checkpoint\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        holder = subprocess.Popen([e2e_util.BINARY, self.db, "-f", "-"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(100):
                if os.path.exists(self.db + ".wal"):
                    break
                time.sleep(0.05)
            time.sleep(0.2)
            r = run("build", self.db, DATA)
            self.assertEqual(r.returncode, 1)
            self.assertIn("open for writing in another process", r.stderr)
        finally:
            holder.communicate("", timeout=30)
        self.assertEqual(self.count(), "1")

    def test_kill_then_torn_tail_is_dropped_with_a_warning(self):
        # Commit, then stay busy in a long statement and be killed: the commit is in the log.
        proc = subprocess.Popen(
            [e2e_util.BINARY, self.db, "-c",
             "CREATE (:N {i: 1}); UNWIND range(1, 50000000) AS x UNWIND range(1, 50) AS y "
             "WITH x WHERE x < 0 RETURN count(*)"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        def log():
            if not os.path.exists(self.db + ".wal"):
                return b""
            with open(self.db + ".wal", "rb") as f:
                return f.read()
        for _ in range(200):
            if b"SGWR" in log():  # the record after the 40-byte header
                break
            time.sleep(0.05)
        proc.kill()
        proc.communicate(timeout=30)
        # The start of a record cut short, right after the first (the file has zeros after the
        # records: the log is preallocated).
        end = 40 + 16 + int.from_bytes(log()[44:48], "little")
        with open(self.db + ".wal", "r+b") as f:
            f.seek(end)
            f.write(b"SGWR\x07")
        r = run(self.db, "--format", "csv", "-c", "MATCH (n:N) RETURN n.i")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines()[1:], ["1"])
        self.assertIn(self.db + ".wal: Warning: recovered 1 statement; dropped a torn or corrupt "
                      "tail of 5 bytes", r.stderr)

    def test_docs_examples(self):
        """Each ```sh block of docs/storage.md's write-ahead log section, run in order in one
        directory, prints the ```text block that follows it."""
        with open(os.path.join(e2e_util.SOURCE_DIR, "docs", "storage.md"), encoding="utf-8") as f:
            doc = f.read()
        section = doc[doc.index("## Write-ahead log"):doc.index("## Memory: bytes per")]
        blocks = re.findall(r"```(sh|text)\n(.*?)```", section, re.S)
        bindir = os.path.join(self.tmp.name, "bin")
        os.mkdir(bindir)
        os.symlink(e2e_util.BINARY, os.path.join(bindir, "silkgraph"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
        ran = 0
        for (kind, code), (next_kind, expected) in zip(blocks, blocks[1:]):
            if kind != "sh":
                continue
            self.assertEqual(next_kind, "text", code)
            r = subprocess.run(["bash", "-e", "-c", code], cwd=self.tmp.name, env=env,
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, expected, code)
            ran += 1
        self.assertGreaterEqual(ran, 2)

    def test_missing_read_only_database_is_an_error(self):
        r = run(os.path.join(self.tmp.name, "none.sg"), "--read-only", "-c", "RETURN 1")
        self.assertEqual(r.returncode, 1)
        self.assertIn("none.sg", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
