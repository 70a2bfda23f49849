"""End-to-end tests of `silkgraph export dot`: the whole graph or a query's subgraph as DOT
that the real Graphviz `dot` accepts without warnings, rendering to SVG, and usage errors."""
import os
import shutil
import subprocess
import tempfile
import unittest

import e2e_util
from e2e_util import DATA, run


def dot_accepts(testcase, dot_text):
    res = subprocess.run(["dot", "-Tsvg"], input=dot_text, capture_output=True, text=True,
                         encoding="utf-8", timeout=60)
    testcase.assertEqual(res.returncode, 0, res.stderr)
    testcase.assertEqual(res.stderr, "", "Graphviz warnings")
    return res.stdout


@unittest.skipUnless(shutil.which("dot"), "Graphviz dot is not installed")
class ExportDot(unittest.TestCase):
    def test_whole_graph(self):
        r = run("export", "dot", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.lstrip().startswith("digraph"))
        for name in ("South Korea", "Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Murat Nurtleu",
                     "Yoon Suk Yeol"):
            self.assertIn(name, r.stdout)
        svg = dot_accepts(self, r.stdout)
        self.assertIn("<svg", svg)

    def test_query_subgraph(self):
        r = run("export", "dot", DATA, "--query",
                "MATCH (k:Nation {id: $id})-[b:BORDERS]-(n) RETURN k, b, n", "--param", "id='KGZ'")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Kyrgyzstan", r.stdout)
        self.assertIn("Uzbekistan", r.stdout)
        self.assertNotIn("South Korea", r.stdout)
        self.assertNotIn("Murat Nurtleu", r.stdout)
        dot_accepts(self, r.stdout)

    def test_render_svg(self):
        out = os.path.join(tempfile.mkdtemp(), "graph.svg")
        self.addCleanup(shutil.rmtree, os.path.dirname(out))
        r = run("export", "dot", DATA, "--render", "svg", "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        with open(out, encoding="utf-8") as f:
            svg = f.read()
        self.assertIn("<svg", svg)
        self.assertIn("Kazakhstan", svg)

    def test_errors(self):
        unknown = run("export", "gexf", DATA)
        self.assertEqual(unknown.returncode, 2)
        self.assertIn("gexf", unknown.stderr)
        self.assertEqual(run("export", "dot", DATA, "--render", "svg").returncode, 2)
        self.assertEqual(run("export", "dot", DATA, "--render", "gif", "-o", "x.gif").returncode, 2)
        bad = run("export", "dot", DATA, "--query", "MATCH (n RETURN n")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("SyntaxError", bad.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
