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

    def test_output_format_follows_the_file_name(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        query = ["--query", "MATCH (k:Nation {id: 'KGZ'})-[b:BORDERS]-(n) RETURN k, b, n"]
        magic = {"svg": b"<svg", "png": b"\x89PNG", "pdf": b"%PDF"}
        for ext, start in magic.items():
            for name in ("graph." + ext, "GRAPH." + ext.upper()):
                out = os.path.join(tmp, name)
                r = run("export", "dot", DATA, "-o", out, *query)
                self.assertEqual(r.returncode, 0, r.stderr)
                with open(out, "rb") as f:
                    data = f.read()
                self.assertIn(start, data[:400], name)
        # --render makes a picture whatever the name, e.g. a PDF without extension.
        out = os.path.join(tmp, "picture")
        r = run("export", "dot", DATA, "--render", "pdf", "-o", out, *query)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f:
            self.assertTrue(f.read().startswith(b"%PDF"))
        # .dot, .gv and no extension hold the DOT text.
        for name in ("graph.dot", "graph.gv", "graph"):
            out = os.path.join(tmp, name)
            r = run("export", "dot", DATA, "-o", out, *query)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out, encoding="utf-8") as f:
                self.assertTrue(f.read().startswith("digraph"), name)
        # An extension that promises another format is refused, and nothing is written.
        for args in (["-o", "graph.jpg"], ["-o", "graph.txt"], ["-o", "graph.svg", "--render", "png"],
                     ["-o", "graph.dot", "--render", "svg"], ["--render", "pdf"],
                     ["--render", "gif", "-o", "graph.gif"]):
            r = run("export", "dot", DATA, *args, cwd=tmp)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("silkgraph export:", r.stderr)
        self.assertIn(".dot or .gv for DOT text", run("export", "dot", DATA, "-o", "g.jpg",
                                                      cwd=tmp).stderr)
        self.assertFalse(os.path.exists(os.path.join(tmp, "graph.jpg")))
        # GraphML goes only into .graphml / .xml (or extension-less) files.
        r = run("export", "graphml", DATA, "-o", os.path.join(tmp, "g.svg"))
        self.assertEqual(r.returncode, 2)
        self.assertIn(".graphml", r.stderr)
        r = run("export", "graphml", DATA, "-o", os.path.join(tmp, "g.graphml"))
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_missing_graphviz_is_explained(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        r = run("export", "dot", DATA, "-o", os.path.join(tmp, "g.pdf"), env={"PATH": tmp})
        self.assertEqual(r.returncode, 1)
        self.assertIn("Graphviz 'dot' was not found on PATH", r.stderr)

    def test_query_without_entities_warns(self):
        r = run("export", "dot", DATA, "--query", "RETURN 1 AS one")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("the query result refers to no nodes or relationships; the diagram is "
                      "empty", r.stderr)
        self.assertTrue(r.stdout.startswith("digraph"))
        r = run("export", "dot", DATA, "--query", "MATCH (n:Nation) RETURN n LIMIT 1")
        self.assertEqual(r.stderr, "")
        # A misspelt label is named, with a suggestion, before the empty-diagram warning.
        r = run("export", "dot", DATA, "--query", "MATCH (n:Natoin) RETURN n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stderr.startswith("--query:1:10: Warning: "), r.stderr)
        self.assertIn("Nation", r.stderr)
        self.assertIn("the diagram is empty", r.stderr)

    def test_errors(self):
        unknown = run("export", "gexf", DATA)
        self.assertEqual(unknown.returncode, 2)
        self.assertTrue(unknown.stderr.startswith("silkgraph export: unknown format 'gexf'"),
                        unknown.stderr)
        helped = run("export", "--help")
        self.assertEqual(helped.returncode, 0)
        for option in ("--query", "--output", "--render", "--param", "--title"):
            self.assertIn(option, helped.stdout)
        self.assertEqual(run("export", "dot", DATA, "--render", "svg").returncode, 2)
        self.assertEqual(run("export", "dot", DATA, "--render", "gif", "-o", "x.gif").returncode, 2)
        bad = run("export", "dot", DATA, "--query", "MATCH (n RETURN n")
        self.assertEqual(bad.returncode, 1)
        self.assertIn("SyntaxError", bad.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
