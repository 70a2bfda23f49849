"""samples/world: the world graph built with `silkgraph import` from ../shared/data alone (as
`make world` does), and every answer of samples/world/questions.cypher checked against the
source files, read here with Python's csv and json modules (skipped without ../shared/data)."""
import csv
import glob
import json
import os
import re
import tempfile
import time
import unittest

import e2e_util
from e2e_util import SOURCE_DIR, run

SHARED = os.path.join(os.path.dirname(SOURCE_DIR), "shared", "data")
QUESTIONS = os.path.join(SOURCE_DIR, "samples", "world", "questions.cypher")
USGS = os.path.join(SHARED, "usgs_mcs")
CENTRAL_ASIA = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]


def questions():
    """(title, statement) of each question: a '// Qn:' comment, then the statement up to ';'."""
    with open(QUESTIONS, encoding="utf-8") as f:
        text = f.read()
    out = []
    for m in re.finditer(r"// (Q\d+:[^\n]*)\n(.*?;)\s*$", text, re.S | re.M):
        out.append((m.group(1), m.group(2)))
    return out


def usgs_rows(path):
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]


def number(cell):
    cell = cell.strip().replace(",", "")
    return float(cell) if re.fullmatch(r"\d+(\.\d+)?", cell) else None


def label(raw):
    """A USGS country label without NBSP, footnote digits and a glued estimate 'e'."""
    return re.sub(r"\d+$", "", raw.replace("\u00a0", " ").strip()).strip()


def nation_names():
    with open(os.path.join(SHARED, "countries", "countries.json"), encoding="utf-8") as f:
        data = json.load(f)
    names = {}
    for c in data:
        for n in [c["name"]["common"], c["name"]["official"], *c.get("altSpellings", [])]:
            names.setdefault(n, c["cca3"])
    names.update({"Burma": "MMR", "Congo (Kinshasa)": "COD", "Turkey": "TUR"})
    return names, data


def top_producers(code, names):
    header, rows = usgs_rows(os.path.join(USGS, "mcs2024_world", "mcs2024-%s_world.csv" % code))
    col = [i for i, h in enumerate(header) if re.fullmatch(r"Prod_t_(est_)?2023", h)][0]
    world = [number(r[col]) for r in rows if label(r[1]).startswith("World total")][0]
    out = []
    for r in rows:
        name = label(r[1])
        if name in names and number(r[col]) is not None:
            v = number(r[col])
            out.append([names[name], v, round(100.0 * v / world, 1)])
    out.sort(key=lambda x: -x[1])
    return out[:3]


@unittest.skipUnless(os.path.exists(os.path.join(SHARED, "countries", "countries.json")),
                     "../shared/data not found")
class WorldSample(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.tmp.name, "world.sg")
        started = time.monotonic()
        for source, path in [("countries", "countries"), ("usgs-mcs", "usgs_mcs"),
                             ("factbook", "factbook"), ("gdelt", "gdelt"), ("facts", "facts")]:
            r = run("import", source, os.path.join(SHARED, path), "-o", cls.db)
            assert r.returncode == 0, r.stderr
        cls.build_seconds = time.monotonic() - started
        cls.names, cls.countries = nation_names()
        cls.answers = {}
        for title, q in questions():
            r = run("-c", q, "--format", "csv", cls.db)
            assert r.returncode == 0, title + "\n" + r.stderr
            cls.answers[title.split(":")[0]] = list(csv.reader(r.stdout.splitlines()))[1:]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_builds_fast_and_has_every_nation(self):
        self.assertLess(self.build_seconds, 30)
        self.assertGreaterEqual(len(self.answers), 20)

    def check_top(self, q, code):
        got = [[row[0], float(row[2]), float(row[3])] for row in self.answers[q]]
        self.assertEqual(got, top_producers(code, self.names))

    def test_q1_q2_q3_largest_producers_and_world_shares(self):
        self.check_top("Q1", "lithi")
        self.check_top("Q2", "cobal")
        self.check_top("Q3", "raree")

    def test_q4_revisions_of_china_2021(self):
        expected = []
        for edition, folder in [("MCS2022", "mcs2022_world"), ("MCS2023", "mcs2023_world")]:
            header, rows = usgs_rows(os.path.join(USGS, folder, "%s-raree_world.csv" % edition.lower()))
            col = [i for i, h in enumerate(header) if h.startswith("Prod_t") and h.endswith("2021")][0]
            china = [r for r in rows if label(r[1]) == "China"][0]
            expected.append([edition, number(china[col]), "est" in header[col].lower()])
        got = [[r[0], float(r[1]), r[2] == "true", r[3] == "true"] for r in self.answers["Q4"]]
        self.assertEqual([g[:3] for g in got], expected)
        self.assertEqual([g[3] for g in got], [False, True])  # the newest edition is latest

    def test_q5_china_share_of_reserves(self):
        header, rows = usgs_rows(os.path.join(USGS, "mcs2024_world", "mcs2024-raree_world.csv"))
        col = header.index("Reserves_t")
        china = [number(r[col]) for r in rows if label(r[1]) == "China"][0]
        world = [number(r[col]) for r in rows if label(r[1]).startswith("World total")][0]
        got = [float(x) for x in self.answers["Q5"][0]]
        self.assertEqual(got, [china, world, round(100.0 * china / world, 1)])

    def test_q6_q7_borders_and_region(self):
        kaz = [c for c in self.countries if c["cca3"] == "KAZ"][0]
        self.assertEqual([r[0] for r in self.answers["Q6"]], sorted(kaz["borders"]))
        central = sorted(c["cca3"] for c in self.countries if c.get("subregion") == "Central Asia")
        self.assertEqual([r[0] for r in self.answers["Q7"]], central)

    def test_q8_central_asian_producers(self):
        counts = {}
        for path in glob.glob(os.path.join(USGS, "mcs2024_world", "*.csv")):
            header, rows = usgs_rows(path)
            cols = [i for i, h in enumerate(header) if h.startswith("Prod_") and h.endswith("2023")]
            for name in CENTRAL_ASIA:
                if any(label(r[1]).startswith(name) and any(
                        i < len(r) and r[i].strip() not in ("", "NA", "XX") for i in cols)
                       for r in rows):
                    counts[self.names[name]] = counts.get(self.names[name], 0) + 1
        got = {r[0]: int(r[1]) for r in self.answers["Q8"]}
        self.assertEqual(got, counts)

    def test_q9_q10_factbook(self):
        members = {}
        with open(os.path.join(SHARED, "factbook", "factbook_org_participation.csv"),
                  encoding="utf-8") as f:
            for r in csv.DictReader(f):
                members.setdefault(r["gec_code"], set()).add(r["organization"].strip())
        shared = sorted(members["kz"] & members["ks"])
        self.assertEqual([r[0] for r in self.answers["Q9"]], shared)
        with open(os.path.join(SHARED, "factbook", "factbook_trade_partners.csv"),
                  encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r["gec_code"] == "kz" and r["direction"] == "export"]
        expected = sorted(([r["partner_iso3_mapped"], float(r["share_pct"]), r["year"]] for r in rows),
                          key=lambda x: (-x[1], x[0]))
        got = [[r[0], float(r[1]), r[2]] for r in self.answers["Q10"]]
        self.assertEqual(got, expected)

    def test_q11_gdelt_events_with_korea(self):
        roots = {}
        with open(os.path.join(SOURCE_DIR, "loaders", "world", "cameo_roots.tsv"),
                  encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#") and "\t" in line:
                    code, name = line.rstrip("\n").split("\t")
                    roots[code] = name
        nations = {c["cca3"] for c in self.countries}
        counts = {}
        with open(os.path.join(SHARED, "gdelt", "20191024143000.export.CSV"), encoding="utf-8") as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                a, b = r[7], r[17]
                if "KOR" not in (a, b) or a not in nations or b not in nations or a == b:
                    continue
                key = (b if a == "KOR" else a, roots[r[28]])
                counts[key] = counts.get(key, 0) + 1
        expected = sorted(([n, k, c] for (n, k), c in counts.items()), key=lambda x: (-x[2], x[0], x[1]))
        got = [[r[0], r[1], int(r[2])] for r in self.answers["Q11"]]
        self.assertEqual(got, expected)
        self.assertGreater(len(expected), 0)

    # ---- Q12-Q20: more questions across the sources, each computed here from the files

    def gdelt_between(self):
        """(Actor1 code, Actor2 code, row) of the export's events between two Nations."""
        nations = {c["cca3"] for c in self.countries}
        out = []
        with open(os.path.join(SHARED, "gdelt", "20191024143000.export.CSV"), encoding="utf-8") as f:
            for line in f:
                r = line.rstrip("\n").split("\t")
                if r[7] in nations and r[17] in nations:
                    out.append((r[7], r[17], r))
        return out

    def cameo_roots(self):
        roots = {}
        with open(os.path.join(SOURCE_DIR, "loaders", "world", "cameo_roots.tsv"), encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#") and "\t" in line:
                    code, name = line.rstrip("\n").split("\t")
                    roots[code] = name
        return roots

    def factbook(self, name):
        with open(os.path.join(SHARED, "factbook", name), encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def test_q12_organizations_of_all_central_asia(self):
        members = {}
        for r in self.factbook("factbook_org_participation.csv"):
            members.setdefault(r["gec_code"], set()).add(r["organization"].strip())
        shared = set.intersection(*(members[g] for g in ["kz", "kg", "ti", "tx", "uz"]))
        self.assertEqual([r[0] for r in self.answers["Q12"]], sorted(shared))

    def test_q13_gdelt_events_by_kind(self):
        roots, counts = self.cameo_roots(), {}
        for _, _, r in self.gdelt_between():
            counts[r[28]] = counts.get(r[28], 0) + 1
        expected = [[code, roots[code], n] for code, n in sorted(counts.items())]
        self.assertEqual([[r[0], r[1], int(r[2])] for r in self.answers["Q13"]], expected)

    def test_q14_gdelt_pairs(self):
        pairs = {}
        for a, b, r in self.gdelt_between():
            if a != b:
                pairs.setdefault(tuple(sorted((a, b))), []).append(float(r[30]))
        expected = sorted(([a, b, len(g), sum(g) / len(g)] for (a, b), g in pairs.items()),
                          key=lambda x: (-x[2], x[0], x[1]))[:10]
        got = [[r[0], r[1], int(r[2]), float(r[3])] for r in self.answers["Q14"]]
        self.assertEqual([g[:3] for g in got], [e[:3] for e in expected])
        for g, e in zip(got, expected):
            self.assertAlmostEqual(g[3], e[3], places=9)

    def test_q15_gdelt_central_asia(self):
        central = {c["cca3"] for c in self.countries if c.get("subregion") == "Central Asia"}
        roots, counts = self.cameo_roots(), {}
        for a, b, r in self.gdelt_between():
            self.assertFalse(a == b and a in central)  # no self-loop to count twice
            for c, other in [(a, b), (b, a)]:
                if c in central:
                    key = (c, other, roots[r[28]])
                    counts[key] = counts.get(key, 0) + 1
        expected = sorted(([c, o, k, n] for (c, o, k), n in counts.items()),
                          key=lambda x: (x[0], -x[3], x[1], x[2]))
        self.assertEqual([[r[0], r[1], r[2], int(r[3])] for r in self.answers["Q15"]], expected)
        self.assertGreater(len(expected), 0)

    def test_q16_revisions_of_burma_2022(self):
        expected = []
        for edition, folder in [("MCS2023", "mcs2023_world"), ("MCS2024", "mcs2024_world")]:
            header, rows = usgs_rows(os.path.join(USGS, folder, "%s-raree_world.csv" % edition.lower()))
            col = [i for i, h in enumerate(header) if h.startswith("Prod_t") and h.endswith("2022")][0]
            burma = [r for r in rows if label(r[1]) in ("Burma", "Burmae")][0]
            expected.append([edition, number(burma[col].lstrip("e"))])
        got = [[r[0], float(r[1])] for r in self.answers["Q16"]]
        self.assertEqual(got, expected)
        self.assertEqual([r[3] for r in self.answers["Q16"]], ["false", "true"])

    def test_q17_korea_import_partners(self):
        rows = [r for r in self.factbook("factbook_trade_partners.csv")
                if r["gec_code"] == "ks" and r["direction"] == "import"]
        expected = sorted(([r["partner_iso3_mapped"], float(r["share_pct"]), r["year"]] for r in rows),
                          key=lambda x: (-x[1], x[0]))
        self.assertEqual([[r[0], float(r[1]), r[2]] for r in self.answers["Q17"]], expected)

    def test_q18_uzbekistan_neighbours(self):
        by = {c["cca3"]: c for c in self.countries}
        expected = [[n, "true" if by[n]["landlocked"] else "false"] for n in sorted(by["UZB"]["borders"])]
        self.assertEqual(self.answers["Q18"], expected)

    def test_q19_central_asia_top_export_partner(self):
        region = {c["cca3"]: c["region"] for c in self.countries}
        rows = [r for r in self.factbook("factbook_trade_partners.csv") if r["direction"] == "export"
                and r["iso3_mapped"] in ("KAZ", "KGZ", "TJK", "TKM", "UZB")]
        expected = []
        for nation in sorted({r["iso3_mapped"] for r in rows}):
            mine = [r for r in rows if r["iso3_mapped"] == nation]
            top = max(float(r["share_pct"]) for r in mine)
            for r in sorted(mine, key=lambda r: r["partner_iso3_mapped"]):
                if float(r["share_pct"]) == top:
                    p = r["partner_iso3_mapped"]
                    expected.append([nation, p, top, region[p]])
        self.assertEqual([[r[0], r[1], float(r[2]), r[3]] for r in self.answers["Q19"]], expected)

    def test_q20_china_neighbours_in_sco(self):
        china = [c for c in self.countries if c["cca3"] == "CHN"][0]
        sco = {r["iso3_mapped"]: r["qualifier"] for r in self.factbook("factbook_org_participation.csv")
               if r["organization"].strip() == "SCO"}
        expected = [[n, sco[n] or ""] for n in sorted(china["borders"]) if n in sco]
        self.assertEqual([[r[0], r[1]] for r in self.answers["Q20"]], expected)


    def test_doc_examples_are_checked_questions(self):
        """docs/world.md's Cypher examples are questions of questions.cypher, whose answers the
        tests here check."""
        with open(os.path.join(SOURCE_DIR, "docs", "world.md"), encoding="utf-8") as f:
            blocks = re.findall(r"```cypher\n(.*?)```", f.read(), re.S)
        statements = [q.rstrip(";").strip() for _, q in questions()]
        self.assertGreaterEqual(len(blocks), 3)
        for b in blocks:
            self.assertIn(b.strip(), statements)

    def test_q21_central_asian_border_lengths(self):
        lengths = {}
        with open(os.path.join(SHARED, "factbook", "factbook_land_borders.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                lengths.setdefault((r["iso3_mapped"], r["neighbor_iso3_mapped"]), float(r["length_km"]))
        central_asia = sorted(c["cca3"] for c in self.countries if c.get("subregion") == "Central Asia")
        expected = []
        for c in central_asia:
            borders = [x for x in self.countries if x["cca3"] == c][0]["borders"]
            for n in sorted(borders):
                # both countries' lists give the same length for every Central Asian border
                self.assertEqual(lengths[(c, n)], lengths[(n, c)])
                expected.append([c, n, lengths[(c, n)]])
        self.assertEqual([[r[0], r[1], float(r[2])] for r in self.answers["Q21"]], expected)

    def test_q22_forum_delegations(self):
        with open(os.path.join(SHARED, "facts", "facts.csv"), encoding="utf-8") as f:
            facts = list(csv.DictReader(f))
        with open(os.path.join(SHARED, "facts", "entities.csv"), encoding="utf-8") as f:
            names = {e["entity_id"]: e["name"] for e in csv.DictReader(f)}
        attended = [r for r in facts if r["relation"] == "ATTENDED" and r["object"] == "forum_17_2024"]
        role = {r["subject"]: json.loads(r["properties"])["role"] for r in attended
                if r["subject_type"] == "Leader"}
        expected = []
        for r in attended:
            if r["subject_type"] == "Nation":
                head = json.loads(r["properties"])["head_of_delegation"]
                expected.append([r["subject"], names[head], role[head], r["fact_id"]])
        self.assertEqual(len(expected), 5)
        self.assertEqual(self.answers["Q22"], sorted(expected))

if __name__ == "__main__":
    e2e_util.take_binary_from_argv()
    unittest.main()
