"""End-to-end tests of load errors: a malformed JSON file and a CSV cell of the wrong type
each give FILE:line:col with the offending line and a non-zero exit, and nothing runs."""
import os
import unittest

import e2e_util
from e2e_util import DATA, run

BAD = os.path.join(DATA, "bad")


def position_of(path, needle):
    """1-based line and column (in characters) of the first occurrence of needle in path."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if needle in line:
                return number, line.index(needle) + 1, line.rstrip("\n")
    raise AssertionError("%r not in %s" % (needle, path))


class LoadErrors(unittest.TestCase):
    def check(self, path, needle, exact_column=True):
        """The error names the line of needle and (when exact_column) needle's column."""
        r = run("-c", "MATCH (n) RETURN count(n) AS c", DATA, path)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")  # the query never ran
        line, col, text = position_of(path, needle)
        if exact_column:
            prefix = "%s:%d:%d: LoadError: " % (path, line, col)
            self.assertTrue(r.stderr.startswith(prefix), r.stderr)
        else:
            prefix = "%s:%d:" % (path, line)
            self.assertTrue(r.stderr.startswith(prefix), r.stderr)
            col = int(r.stderr[len(prefix):].split(":")[0])
            self.assertTrue(1 <= col <= len(text) + 1, r.stderr)
            self.assertIn(": LoadError: malformed JSON", r.stderr)
        lines = r.stderr.splitlines()
        self.assertEqual(lines[1], text)
        self.assertEqual(lines[2], " " * (col - 1) + "^")

    def test_malformed_json(self):
        # A trailing comma. The column the JSON parser gives is not pinned down here (it
        # names the token before the offending '}'); the line must be exact.
        self.check(os.path.join(BAD, "malformed.json"), ",}", exact_column=False)

    def test_csv_cell_of_wrong_type(self):
        self.check(os.path.join(BAD, "wrong_type.csv"), "about 1314")

    def test_missing_file(self):
        r = run("-c", "RETURN 1", "/nonexistent/graph.json")
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent/graph.json", r.stderr)

    def test_good_data_loads(self):
        r = run("-c", "MATCH (n) RETURN count(n) AS c", "--format", "csv", DATA)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["c", "6"])


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main(verbosity=2)
