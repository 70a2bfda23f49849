"""End-to-end tests of the database file used in place and `silkgraph check DB.sg`
(docs/storage.md, "Integrity"): a byte flipped in a relationship section is not read by an
open, so a node query still answers, the first relationship query refuses the file naming
the damaged section, and `silkgraph check` finds it at once."""
import os
import struct
import tempfile
import unittest

import e2e_util
from e2e_util import DATA, run

# The section kind of the relationship sources (engine/graph_file_format.h): 16-bit node ids
# here, as the sample has fewer than 65,536 nodes (kRelSrc16; kRelSrc = 7 holds 32-bit ones).
REL_SOURCES = 38


def section(path, tag):
    """(offset, length) of the first section of kind `tag`, read from the section table."""
    with open(path, "rb") as f:
        data = f.read()
    table, count = struct.unpack_from("<QI", data, 24)
    for i in range(count):
        offset, length, _sum, kind = struct.unpack_from("<QQQH", data, table + 32 * i)
        if kind == tag:
            return offset, length
    raise AssertionError("no section of kind %d" % tag)


class Check(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="sg-e2e-check-")
        self.db = os.path.join(self.tmp.name, "world.sg")
        r = run("build", self.db, os.path.join(DATA, "graph.json"))
        self.assertEqual(r.returncode, 0, r.stderr)

    def tearDown(self):
        self.tmp.cleanup()

    def test_intact_file(self):
        r = run("check", self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r"^%s: ok \(\d+ checksummed parts, %d bytes\)\n$"
                         % (self.db, os.path.getsize(self.db)))

    def test_damage_in_a_relationship_section_is_found_at_first_use(self):
        offset, length = section(self.db, REL_SOURCES)
        with open(self.db, "r+b") as f:
            f.seek(offset + length // 2)
            byte = f.read(1)
            f.seek(offset + length // 2)
            f.write(bytes([byte[0] ^ 0x01]))
        r = run(self.db, "--format", "csv", "-c", "MATCH (n:Nation {id: 'KOR'}) RETURN n.name")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "n.name\nSouth Korea\n")
        message = ("%s: LoadError: database file section 'relationship sources (16-bit)' is corrupt "
                   "(checksum mismatch)" % self.db)
        r = run(self.db, "-c", "MATCH (l)-[h:HOLDS_OFFICE]->(n) RETURN h.title")
        self.assertEqual(r.returncode, 1)
        self.assertIn(message, r.stderr)
        self.assertEqual(r.stdout, "")
        r = run("check", self.db)
        self.assertEqual(r.returncode, 1)
        self.assertIn(message, r.stderr)

    def test_usage(self):
        self.assertEqual(run("check").returncode, 2)
        r = run("check", os.path.join(DATA, "graph.json"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a database file", r.stderr)
        r = run("check", os.path.join(self.tmp.name, "none.sg"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("none.sg", r.stderr)


if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
