"""End-to-end tests of parameters in the shell (issue 17, item 2): Neo4j 5's
`:param {a: 1, b: 'x'}` form, and `-p id=KAZ` (a bare word, read as a variable) failing as a
usage error that shows the quoted form to type instead."""
import os
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")


class Params(unittest.TestCase):
    def test_param_map_sets_each_key(self):
        r = run("--format", "csv", "-c",
                ":param y => 2\n:param {a: 1, b: 'x', y: 3}\nRETURN $a AS a, $b AS b, $y AS y;")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "a,b,y\n1,x,3\n")

    def test_param_map_must_be_a_map_with_names(self):
        r = run("-c", ":param {`a b`: 1}\nRETURN 1;")
        self.assertEqual(r.returncode, 1)
        self.assertIn("invalid parameter name 'a b'", r.stderr)

    def test_unquoted_string_parameter_is_a_usage_error_with_the_fix(self):
        r = run("-p", "id=KAZ", "-c", "MATCH (n:Nation {id: $id}) RETURN n.name", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--param id: 1:1: SemanticError: variable 'KAZ' is not defined", r.stderr)
        self.assertIn("A string value needs quotes: -p \"id='KAZ'\"", r.stderr)
        r = run("-p", "id='KAZ'", "--format", "csv", "-c",
                "MATCH (n:Nation {id: $id}) RETURN n.name AS name", SAMPLE)
        self.assertEqual(r.stdout, "name\nKazakhstan\n", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
