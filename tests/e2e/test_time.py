"""End-to-end tests of valid-time views and names on the real binary (issue 11, docs/time.md):
--as-of on the command line (the acceptance command prints only the president of that day),
:as-of in script files, bad view dates named as usage errors, and resolve() on the sample.
Facts: ../shared/data/facts/facts.csv F064 (Yoon Suk Yeol, President 2022-05-10..2025-04-04)
and F068 (Lee Jae-myung, President from 2025-06-04); mledoze/countries (대한민국 is a name of
the Republic of Korea, KOR)."""
import os
import tempfile
import unittest

import e2e_util
from e2e_util import run

SAMPLE = os.path.join(e2e_util.SOURCE_DIR, "samples", "central-asia-korea")
PRESIDENT = ("MATCH (l:Leader)-[h:HOLDS_OFFICE {title: 'President'}]->(:Nation {id: 'KOR'}) "
             "RETURN l.name")


class AsOf(unittest.TestCase):
    def test_acceptance_command_prints_only_the_president_of_that_day(self):
        r = run("--as-of", "2025-07-01", "-c", PRESIDENT, "--format", "csv", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["l.name", "Lee Jae-myung"])
        r = run("--as-of", "2024-11-04", "-c", PRESIDENT, "--format", "csv", SAMPLE)
        self.assertEqual(r.stdout.splitlines(), ["l.name", "Yoon Suk Yeol"])

    def test_without_a_view_date_both_terms_are_there(self):
        r = run("-c", PRESIDENT + " ORDER BY l.name", "--format", "csv", SAMPLE)
        self.assertEqual(r.stdout.splitlines(), ["l.name", "Lee Jae-myung", "Yoon Suk Yeol"])

    def test_as_of_in_a_script_file_and_off_again(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "presidents.cypher")
            with open(path, "w", encoding="utf-8") as f:
                f.write(":as-of 2024-11-04\n" + PRESIDENT + ";\n:as-of off\n" + PRESIDENT +
                        " ORDER BY l.name;\n")
            r = run("-f", path, "--format", "csv", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["l.name", "Yoon Suk Yeol", "l.name",
                                                 "Lee Jae-myung", "Yoon Suk Yeol"])

    def test_a_bad_view_date_is_a_usage_error(self):
        r = run("--as-of", "2025-13-01", "-c", "RETURN 1", SAMPLE)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--as-of: expected a date such as 2025-07-01 (YYYY-MM-DD) or off, not "
                      "'2025-13-01'", r.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.cypher")
            with open(path, "w", encoding="utf-8") as f:
                f.write(":as-of July\nRETURN 1;\n")
            r = run("-f", path, SAMPLE)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("usage: :as-of YYYY-MM-DD|off", r.stderr)


class Resolve(unittest.TestCase):
    def test_korean_name_resolves_to_kor(self):
        r = run("-c", "RETURN resolve('대한민국').id AS id", "--format", "csv", SAMPLE)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(), ["id", "KOR"])

    def test_a_typo_suggests_the_closest_name(self):
        r = run("-c", "RETURN resolve('Kazakstan') AS n", SAMPLE)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no node is called 'Kazakstan' (did you mean Kazakhstan?)", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
