"""End-to-end tests of pictures that stay readable (docs/export.md, "Large graphs"): `export
dot` refuses a graph larger than a picture can show, saying how many nodes and relationships
there are and what to do, and draws it with --force; --layout and --cluster-by reach the DOT
text, and :export takes them too; the commands of docs/export.md's section run as written.
The large graph is benchmark data bench_generate writes small (real nations, synthetic
SUPPLIES rows).

Usage: test_export_pictures.py PATH/TO/silkgraph PATH/TO/bench_generate
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

import e2e_util
from e2e_util import run

GENERATOR = None
SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")
DOC = os.path.join(e2e_util.SOURCE_DIR, "docs", "export.md")


@unittest.skipUnless(shutil.which("dot"), "Graphviz dot is not installed")
class Pictures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        countries = os.path.join(e2e_util.SOURCE_DIR, "..", "shared", "data", "countries",
                                 "countries.csv")
        if not os.path.exists(countries):  # bench_generate draws on the real nations
            raise unittest.SkipTest(countries + " is not there")
        cls.tmp = tempfile.mkdtemp()
        cls.big = os.path.join(cls.tmp, "big")
        subprocess.run([GENERATOR, "--n", "3000", "--out", cls.big], check=True,
                       capture_output=True, timeout=120)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_refuses_a_large_graph_then_draws_it_with_force(self):
        out = os.path.join(self.tmp, "big.dot")
        r = run("export", "dot", self.big, "-o", out)
        self.assertEqual(r.returncode, 1)
        m = re.search(r"the picture would have (\d+) nodes and (\d+) relationships", r.stderr)
        self.assertIsNotNone(m, r.stderr)
        counts = run("--format", "csv", "-c",
                     "MATCH (n) WITH count(n) AS n MATCH ()-[r]->() RETURN n, count(r) AS r",
                     self.big)
        self.assertEqual(counts.stdout.splitlines()[1], "%s,%s" % m.groups())
        self.assertIn("at most 1000 nodes and 2000 relationships", r.stderr)
        self.assertIn("--query", r.stderr)
        self.assertIn("LIMIT", r.stderr)
        self.assertIn("--force", r.stderr)
        self.assertFalse(os.path.exists(out), "nothing is written when refused")
        r = run("export", "dot", self.big, "--force", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, encoding="utf-8") as f:
            self.assertIn("layout=sfdp", f.read())
        # A part of it, as the message suggests, needs no --force.
        r = run("export", "dot", self.big, "--query",
                "MATCH p = (:Nation {id: 'KOR'})-[]-() RETURN p LIMIT 100")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_layout_and_cluster_by_options(self):
        r = run("export", "dot", SAMPLE, "--layout", "neato")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("layout=neato", r.stdout)
        r = run("export", "dot", SAMPLE, "--layout", "spring")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--layout: expected one of auto|dot|sfdp|neato|fdp|circo|twopi", r.stderr)
        r = run("export", "dot", SAMPLE, "--cluster-by", "PART_OF")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('subgraph cluster_', r.stdout)
        self.assertIn('label="Central Asia"', r.stdout)
        res = subprocess.run(["dot", "-Tsvg"], input=r.stdout, capture_output=True, text=True,
                             timeout=120)
        self.assertEqual((res.returncode, res.stderr), (0, ""))
        r = run("export", "dot", SAMPLE, "--cluster-by", "no_such_thing")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no relationship type or property named 'no_such_thing'", r.stderr)

    def test_shell_export_takes_the_options(self):
        out = os.path.join(self.tmp, "shell.dot")
        script = ("MATCH p = (:Nation)-[:PART_OF]->(:Region) RETURN p;\n"
                  ":export dot %s --cluster-by PART_OF --layout fdp\n" % out)
        r = run("-f", "-", SAMPLE, stdin=script)
        self.assertEqual(r.returncode, 0, r.stderr)
        # A script says what it wrote too, on standard error (standard output is results).
        self.assertRegex(r.stderr, r"^Wrote \d+ nodes and \d+ relationships to %s\n$" %
                         re.escape(out))
        self.assertNotIn("Wrote", r.stdout)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("layout=fdp", text)
        self.assertIn("subgraph cluster_", text)
        r = run("-f", "-", SAMPLE, stdin="MATCH (n) RETURN n;\n:export dot x.dot --bogus\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("usage: :export dot FILE [--layout L] [--cluster-by P] [--force]", r.stderr)

    def test_the_documented_commands_run(self):
        with open(DOC, encoding="utf-8") as f:
            doc = f.read()
        block = re.search(r"<!-- run by tests/e2e/test_export_pictures.py -->\n```sh\n(.*?)```",
                          doc, re.S)
        self.assertIsNotNone(block, "the tested block of docs/export.md is missing")
        work = os.path.join(self.tmp, "doc")
        os.makedirs(work)
        os.symlink(os.path.join(e2e_util.SOURCE_DIR, "samples"), os.path.join(work, "samples"))
        commands = [l for l in block.group(1).splitlines() if l.startswith("silkgraph ")]
        self.assertGreaterEqual(len(commands), 2)
        for line in commands:
            args = shlex.split(line)[1:]
            r = run(*args, cwd=work)
            self.assertEqual(r.returncode, 0, line + "\n" + r.stderr)
            self.assertEqual(r.stderr, "", line)
            target = args[args.index("-o") + 1]
            self.assertGreater(os.path.getsize(os.path.join(work, target)), 10000, line)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    GENERATOR = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
