#!/usr/bin/env python3
"""Derives the Central Asia–Korea sample graph and the bundled geopolitical schema.

The real-world conversion (the publishers' formats, their quirks, names and codes resolved to
countries, units) is done once, by the C++ source loaders: this script runs the built
`silkgraph import countries|factbook|usgs-mcs|wikidata-offices|facts` on ../shared/data into
temporary databases, reads back with queries what the forum's scope needs (its nations, 15
organizations, the rare-earth figures, the fact table), adds the curation (TARGETS, CONCERNS,
IS_A with its basis, neodymium/cerium/lanthanum, INVITES.sector, Wikidata ids of the table's
leaders) and writes the files next to it and samples/schema/geopolitics.json. Python 3
standard library only.

    python3 samples/central-asia-korea/build_sample.py [--silkgraph BIN] [--shared DIR] [--check]

--check regenerates into memory and fails if a committed file differs.
"""

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
from collections import OrderedDict, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCHEMA_PATH = REPO / "samples" / "schema" / "geopolitics.json"

CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
FOCUS = CENTRAL_ASIA + ["KOR", "CHN"]

# International organizations taken from the Factbook participation lists: the regional and
# economic bodies a reader of the article meets, not the ~200 UN agencies.
ORGS = ["UN", "SCO", "CIS", "CSTO", "EAEU", "CICA", "OSCE", "ECO", "OIC", "WTO", "OECD", "APEC",
        "G-20", "BRICS", "ASEAN"]

# Factbook trade-partner rows left out on purpose (SOURCES.md: implausible entry in the source).
TRADE_EXCLUDE = {("KAZ", "IMPORTS_FROM", "GMB")}

# The fact table's rare-earth Resource is `ree`; USGS's commodity is `rare_earths`.
USGS_REE = "rare_earths"

# Citations of the curation's own inputs ------------------------------------------------------
CITE_USGS_T5 = ("USGS Mineral Commodity Summaries 2024, Table 5 critical minerals (public domain) — "
                "shared/data/usgs_mcs/mcs2024_summary/MCS2024_T5_Critical_Minerals_Salient.csv")
CITE_SEED = ("Rare Earth Exchanges, \"South Korea making Moves to Strengthen Rare Earth Element Supply "
             "Chain in Central Asia\", https://rareearthexchanges.com/news/central-asia-korea-cooperation — "
             "shared/seed/central-asia-korea-article.txt")


# Schema: the hand-curated part. Property lists are completed from the data below. -------------
LABELS = OrderedDict([
    ("Nation", "A sovereign state or territory; id is its ISO 3166-1 alpha-3 code"),
    ("Leader", "A person who holds or held public offices"),
    ("Initiative", "A policy, strategy, dialogue or standing cooperation format"),
    ("Resource", "A mineral, commodity or product class (IS_A builds the hierarchy)"),
    ("Organization", "A ministry, agency, institute or international organization"),
    ("Route", "A transport corridor"),
    ("Event", "A dated meeting, forum or summit"),
    ("Region", "A world region or subregion"),
    ("Company", "A company (state-owned or private)"),
    ("Project", "An industrial, energy or research project"),
    ("Deposit", "A mineral deposit or prospective area"),
])

# type -> (description, from labels, to labels, {property: (type, required)})
REL_TYPES = OrderedDict([
    ("HOLDS_OFFICE", ("Leader holds an office of a nation; valid_from/valid_to give the term",
                      ["Leader"], ["Nation"], {"title": ("string", True)})),
    ("PRODUCES", ("Producer output of a resource (tonnes per year, or a world share)",
                  ["Nation", "Company"], ["Resource"], {"year": ("int", False), "tonnes": ("float", False)})),
    ("HAS_RESERVES", ("Reserves of a resource as of the end of a year", ["Nation"], ["Resource"],
                      {"year": ("int", False), "tonnes": ("float", False)})),
    ("SUPPLIES", ("Supplier's share of the receiving nation's imports of a resource", ["Nation"], ["Nation"],
                  {"resource": ("string", True), "year": ("int", False), "share_pct": ("float", False),
                   "tonnes": ("float", False)})),
    ("PURSUES", ("Actor pursues an initiative, plan or project", ["Nation", "Leader"],
                 ["Initiative", "Event", "Project"], {})),
    ("TARGETS", ("Initiative is aimed at a nation or region", ["Initiative"], ["Nation", "Region"], {})),
    ("CONCERNS", ("Initiative is about a resource", ["Initiative"], ["Resource"], {})),
    ("INVITES", ("Invitation to take part in projects of a sector", ["Leader", "Nation"], ["Nation", "Company"],
                 {"sector": ("string", False)})),
    ("MEMBER_OF", ("Nation participates in an international organization (qualifier: observer, ...)",
                   ["Nation"], ["Organization"], {"qualifier": ("string", False)})),
    ("BORDERS", ("Land border between two nations (one relationship per pair, symmetric)",
                 ["Nation"], ["Nation"], {"length_km": ("float", False)})),
    ("PASSES_THROUGH", ("Route passes through a nation; order counts from the route's origin",
                        ["Route"], ["Nation"], {"order": ("int", True)})),
    ("PART_OF", ("Membership in a larger whole: nation in a region, subregion in a region, event in a series",
                 ["Nation", "Region", "Event"], ["Region", "Initiative"], {})),
    ("IS_A", ("Resource classification: neodymium IS_A rare earth elements IS_A critical minerals",
              ["Resource"], ["Resource"], {"basis": ("string", False)})),
    ("ATTENDED", ("Person or nation took part in an event", ["Leader", "Nation"], ["Event"], {})),
    ("HELD_IN", ("Event took place in a nation", ["Event"], ["Nation"], {})),
    ("BASED_IN", ("Company or organization is based in a nation", ["Company", "Organization"], ["Nation"], {})),
    ("EXPORTS_TO", ("Partner's share of the nation's goods exports", ["Nation"], ["Nation"],
                    {"share_pct": ("float", True), "year": ("int", False)})),
    ("IMPORTS_FROM", ("Partner's share of the nation's goods imports", ["Nation"], ["Nation"],
                      {"share_pct": ("float", True), "year": ("int", False)})),
])

# Relationship types whose facts read the same either way (a border, trade between two
# nations, an MOU signed with each other, a meeting): declared "symmetric" in the schema, so a
# directed MATCH pattern of one of them is answered in both directions (docs/formats.md).
SYMMETRIC = {"BORDERS", "TRADES_WITH", "SIGNED_MOU_WITH", "MET_WITH"}

# Relation types of facts.csv beyond the core ones, with the meaning facts/README.md gives them.
FACT_REL_DESCRIPTIONS = {
    "SIGNED_MOU_WITH": "MOU or agreement signed (document, signatories, minerals named)",
    "MET_WITH": "Meeting or summit between people, or a leader meeting an event's delegations",
    "HAS_RESOURCE": "Country resource endowment",
    "CARRIED": "Cargo carried by a route in a period",
    "VISITED": "State visit (valid_from/valid_to = visit days)",
    "ENDORSED": "Leader publicly backed an initiative or event",
    "LOCATED_IN": "Project or deposit location",
    "SUCCEEDED_BY": "Successor in a post",
    "HAS_DEPOSIT": "Country has a deposit",
    "CONTAINS": "Deposit resource estimate",
    "PLANS_TO_DEVELOP": "Announced development plan",
    "ORGANIZED_BY": "Organiser of an initiative or event",
    "HAS_TOPIC": "Event agenda item",
    "REELECTED": "Re-election and new term",
    "IMPORTS": "Import volume of a resource",
    "HAS_DIASPORA_OF": "Country hosts an ethnic diaspora of another nation",
    "TRADES_WITH": "Bilateral trade value",
    "BID_FOR": "Company bid for a project",
    "CHAIRED": "Person chaired an event",
    "APPROVED_WORK_PLAN_OF": "Event approved an organisation's work plan",
    "ESTABLISHED_IN": "Organisation set up in a country",
    "SIGNED_AGREEMENT_WITH": "Commercial or government agreement",
    "POSTPONED": "Event postponed by an actor",
    "SCHEDULED_FOR": "Event scheduled (valid_from/valid_to = dates)",
    "HOSTS": "Leader hosts an event",
    "SUSPENDED_FROM_OFFICE": "Powers suspended (valid_from/valid_to = suspension)",
    "REMOVED_FROM_OFFICE": "Removed from office",
    "IMPOSED_EXPORT_CONTROLS_ON": "Export controls on a resource",
    "EXPLORED": "Company explored a deposit",
    "ADJACENT_TO": "Spatial neighbour",
    "PRODUCED": "Historical production",
    "ACQUIRED_LICENSE": "Licence acquired",
    "EXPLORES": "Prospecting programme",
    "OPERATED_BY": "Project operator",
    "FUNDS": "Funding or grant",
    "ESTABLISHED_BY": "Company founded by another",
    "INVESTS_IN": "Investment relationship or rank",
    "DEVELOPS": "Country develops a route",
    "HAS_CAPACITY": "Route capacity",
    "HAS_CAPACITY_TARGET": "Route capacity target",
    "APPROVED": "Approval (e.g. a referendum)",
    "LEADS": "Company leads a project consortium",
}

# Properties every node and relationship may carry (docs/formats.md): never redeclared.
COMMON = {"id", "name", "aliases", "valid_from", "valid_to", "sources"}

# Sector of each invitation (INVITES), read off the invitation's own scope text.
INVITE_SECTORS = {"F018": "transport", "F019": "mining", "F020": "nuclear energy"}


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def infer_type(values):
    """Smallest schema type that fits every observed value."""
    kinds = set()
    for v in values:
        if isinstance(v, bool):
            kinds.add("bool")
        elif isinstance(v, int):
            kinds.add("int")
        elif isinstance(v, float):
            kinds.add("float")
        elif isinstance(v, str):
            kinds.add("string")
        elif isinstance(v, list):
            if v and all(isinstance(e, str) for e in v):
                kinds.add("string[]")
            elif v and all(isinstance(e, int) and not isinstance(e, bool) for e in v):
                kinds.add("int[]")
            else:
                kinds.add("list")
        elif isinstance(v, dict):
            kinds.add("map")
        else:
            kinds.add("any")
    if kinds <= {"int", "float"} and "float" in kinds:
        return "float"
    if len(kinds) == 1:
        return kinds.pop()
    return "any"


class Loaded:
    """Temporary databases made by `silkgraph import`, and queries on them."""

    def __init__(self, silkgraph, data, tmp):
        self.bin, self.data, self.tmp = str(silkgraph), data, Path(tmp)

    def build(self, name, *imports):
        db = self.tmp / (name + ".sg")
        for source, path in imports:
            r = subprocess.run([self.bin, "import", source, str(self.data / path), "-o", str(db)],
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit(f"silkgraph import {source} {path} failed:\n{r.stderr}")
        return db

    def query(self, db, cypher):
        r = subprocess.run([self.bin, "-q", "--read-only", "--format", "jsonl", "-c", cypher, str(db)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"query failed: {cypher}\n{r.stderr}")
        return [json.loads(line) for line in r.stdout.splitlines() if line.strip()]


class Builder:
    def __init__(self, loaded, data):
        self.loaded = loaded
        self.data = data
        self.nodes = OrderedDict()  # id -> node dict (JSON part)
        self.rels = []  # JSON part
        self.csv_files = OrderedDict()  # name -> (header, rows)

    # --------------------------------------------------------------- inputs
    def load(self):
        L = self.loaded
        # The fact table resolves its entities against what the graph holds: imported after the
        # countries alone, every entity of it is its own node (not a USGS Resource).
        self.facts_db = L.build("facts", ("countries", "countries"), ("facts", "facts"))
        self.world_db = L.build("world", ("countries", "countries"), ("factbook", "factbook"),
                                ("usgs-mcs", "usgs_mcs"),
                                ("wikidata-offices", "leaders/leaders_hos_hog_fm.csv"))
        # Curation input: USGS's critical-minerals table, the basis of IS_A.
        self.t5 = read_csv(self.data / "usgs_mcs" / "mcs2024_summary" / "MCS2024_T5_Critical_Minerals_Salient.csv")
        q = L.query
        self.nations = {r["p"]["id"]: r["p"] for r in q(self.facts_db, "MATCH (n:Nation) RETURN properties(n) AS p")}
        self.part_of = {r["a"]: (r["b"], r["s"]) for r in q(
            self.facts_db, "MATCH (a)-[r:PART_OF]->(b:Region) RETURN a.id AS a, b.id AS b, r.sources AS s")}
        self.regions = {r["p"]["id"]: r["p"] for r in q(self.facts_db, "MATCH (n:Region) RETURN properties(n) AS p")}
        self.entities = q(self.facts_db, "MATCH (n) WHERE NOT n:Nation AND NOT n:Region "
                                         "RETURN properties(n) AS p, labels(n)[0] AS label ORDER BY id(n)")
        self.table_rels = q(self.facts_db, "MATCH (a)-[r]->(b) WHERE r.fact_id IS NOT NULL OR type(r) = 'BASED_IN' "
                                           "RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p ORDER BY id(r)")
        self.world_rels = q(self.world_db, "MATCH (a:Nation)-[r]->(b) WHERE type(r) IN ['BORDERS', 'MEMBER_OF', "
                                           "'EXPORTS_TO', 'IMPORTS_FROM'] OR b.id = '" + USGS_REE + "' "
                                           "RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p")
        self.orgs = {r["p"]["name"]: r["p"] for r in q(self.world_db, "MATCH (n:Organization) RETURN properties(n) AS p")}
        self.leaders = {}  # name -> the first Wikidata Leader of that name
        for r in q(self.world_db, "MATCH (n:Leader) RETURN n.name AS name, n.wikidata_qid AS qid, n.sources AS s "
                                  "ORDER BY id(n)"):
            self.leaders.setdefault(r["name"], r)

    def rels_of(self, *types):
        return [r for r in self.world_rels if r["t"] in types]

    # --------------------------------------------------------------- nations
    def nation_set(self):
        ids = set(FOCUS)
        for r in self.rels_of("BORDERS"):
            if r["a"] in FOCUS or r["b"] in FOCUS:
                ids.update((r["a"], r["b"]))
        # Nation entities of the fact table: the facts import cites its row on the Nation.
        ids.update(i for i, n in self.nations.items() if any("entities.csv" in s for s in n["sources"]))
        self.ree_rows = [r for r in self.rels_of("PRODUCES", "HAS_RESERVES") if r["b"] == USGS_REE]
        ids.update(r["a"] for r in self.ree_rows)
        self.trade_rows = [r for r in self.rels_of("EXPORTS_TO", "IMPORTS_FROM")
                           if r["a"] in FOCUS and (r["a"], r["t"], r["b"]) not in TRADE_EXCLUDE]
        ids.update(r["b"] for r in self.trade_rows)
        missing = sorted(i for i in ids if i not in self.nations)
        if missing:
            raise SystemExit(f"not Nations of the countries import: {missing}")
        return sorted(ids)

    def build_nations(self):
        nations = self.nation_set()
        self.nation_ids = set(nations)
        rows, part_of, regions = [], [], OrderedDict()
        for iso in nations:
            n = self.nations[iso]
            # Two-letter codes (ISO and FIPS disagree) are no names (docs/world.md); ';' is the
            # CSV array delimiter.
            aliases = [a for a in n.get("aliases", []) if not re.fullmatch("[A-Z]{2}", a) and ";" not in a]
            rows.append([iso, "Nation", n["name"], ";".join(aliases), n.get("iso2", ""), n.get("iso_numeric", ""),
                         ";".join(n.get("capital", [])), fmt_num(n.get("area_km2")),
                         str(bool(n.get("landlocked"))).lower(), str(bool(n.get("un_member"))).lower(),
                         fmt_num(n.get("lat")), fmt_num(n.get("lng")), ";".join(n["sources"])])
            if iso not in self.part_of:
                continue
            sub, sub_sources = self.part_of[iso]
            chain = [sub]
            while chain[-1] in self.part_of:
                chain.append(self.part_of[chain[-1]][0])
            for rid in reversed(chain):
                regions.setdefault(rid, None)
            part_of.append([iso, sub, "PART_OF", ";".join(sub_sources)])
        self.csv_files["nations.csv"] = (
            ["id:ID", ":LABEL", "name", "aliases:string[]", "iso2", "iso_numeric", "capital:string[]",
             "area_km2:float", "landlocked:boolean", "un_member:boolean", "lat:float", "lng:float",
             "sources:string[]"], rows)
        for rid in regions:
            reg = self.regions[rid]
            self.add_node(rid, "Region", {"name": reg["name"], "sources": reg["sources"]})
            if rid in self.part_of:
                parent, sources = self.part_of[rid]
                self.add_rel("PART_OF", rid, parent, {"sources": sources})
        self.csv_files["nation_regions.csv"] = ([":START_ID", ":END_ID", ":TYPE", "sources:string[]"], part_of)

    def build_borders(self):
        rows = []
        for r in self.rels_of("BORDERS"):
            # One relationship per pair, from the smaller code (a symmetric type: a query may
            # also see it the other way round).
            if r["a"] < r["b"] and r["a"] in self.nation_ids and r["b"] in self.nation_ids:
                rows.append([r["a"], r["b"], "BORDERS", fmt_num(r["p"].get("length_km")), ";".join(r["p"]["sources"])])
        rows.sort()
        self.csv_files["borders.csv"] = ([":START_ID", ":END_ID", ":TYPE", "length_km:float", "sources:string[]"], rows)

    def build_memberships(self):
        ids = {}
        for abbr in ORGS:
            org = self.orgs[abbr]
            ids[org["id"]] = abbr
            self.add_node(org["id"], "Organization", {"name": abbr, "sources": org["sources"]})
        rows = []
        for r in self.rels_of("MEMBER_OF"):
            if r["a"] in self.nation_ids and r["b"] in ids:
                rows.append([r["a"], r["b"], "MEMBER_OF", r["p"].get("qualifier", ""), ";".join(r["p"]["sources"])])
        rows.sort()
        self.csv_files["memberships.csv"] = ([":START_ID", ":END_ID", ":TYPE", "qualifier", "sources:string[]"], rows)

    def build_trade(self):
        rows = [[r["a"], r["b"], r["t"], fmt_num(r["p"]["share_pct"]), str(r["p"]["year"]), ";".join(r["p"]["sources"])]
                for r in self.trade_rows]
        rows.sort()
        self.csv_files["trade_partners.csv"] = ([":START_ID", ":END_ID", ":TYPE", "share_pct:float", "year:int", "sources:string[]"], rows)

    def build_usgs(self):
        # One figure per country, measure and year: the newest edition's (`latest`), because
        # USGS revises earlier years; `amount` is in metric tons of rare-earth oxide.
        rows = []
        for r in self.ree_rows:
            p = r["p"]
            if not p.get("latest") or p.get("amount") is None:
                continue
            if p["unit"] != "t":
                raise SystemExit(f"rare-earth figure not in metric tons: {r}")
            rows.append([r["a"], "ree", r["t"], str(p["year"]), fmt_num(p["amount"]), str(p["estimated"]).lower(),
                         p["edition"], p["usgs_label"], ";".join(p["sources"])])
        rows.sort(key=lambda row: (row[0], row[2] == "HAS_RESERVES", int(row[3])))
        self.csv_files["usgs_rare_earths.csv"] = (
            [":START_ID", ":END_ID", ":TYPE", "year:int", "tonnes:float", "estimated:boolean", "edition",
             "usgs_label", "sources:string[]"], rows)

    # --------------------------------------------------------------- facts
    def build_entities(self):
        for row in self.entities:
            e, label = row["p"], row["label"]
            props = {k: v for k, v in e.items() if k not in ("id", "sources")}
            sources = list(e["sources"])
            if label == "Leader":
                # Curation: the table's leaders are matched by name to Wikidata's (the loader does
                # not link them, docs/world.md).
                for n in [e["name"]] + e.get("aliases", []):
                    if n in self.leaders:
                        props["wikidata_qid"] = self.leaders[n]["qid"]
                        sources += self.leaders[n]["s"]
                        break
            props["sources"] = sources
            self.add_node(e["id"], label, props)

    def build_facts(self):
        self.fact_cites, self.fact_props = {}, {}
        for r in self.table_rels:
            props = dict(r["p"])
            fid = props.get("fact_id")
            if fid:
                self.fact_cites[fid] = props["sources"][0]
                self.fact_props[fid] = props
                if r["t"] == "INVITES":
                    props["sector"] = INVITE_SECTORS[fid]
            self.add_rel(r["t"], r["a"], r["b"], props)

    def build_derived(self):
        """Edges the fact rows state inside their properties or that USGS tables state."""
        def cites(*ids):
            return [self.fact_cites[i] for i in ids]

        # K-Silk Road: a strategy for Central Asia about resources (F031 pillars, F032, the seed).
        self.add_rel("TARGETS", "k_silk_road", "central_asia", {"sources": cites("F031", "F032") + [CITE_SEED]})
        self.add_rel("CONCERNS", "k_silk_road", "critical_minerals", {"sources": cites("F031") + [CITE_SEED]})
        self.add_rel("TARGETS", "kor_kaz_supply_chain_dialogue", "KAZ", {"sources": cites("F039")})
        self.add_rel("CONCERNS", "kor_kaz_supply_chain_dialogue", "lithium", {"sources": cites("F039")})
        self.add_rel("CONCERNS", "kor_kaz_supply_chain_dialogue", "chromium", {"sources": cites("F039")})
        self.add_rel("CONCERNS", "kor_critical_minerals_strategy", "critical_minerals", {"sources": cites("F128")})
        self.add_rel("CONCERNS", "kor_ree_strategy_2026", "ree", {"sources": cites("F129")})

        # IS_A: USGS's critical-mineral table (US list) and the Korea–Kazakhstan critical
        # minerals MOU (F037, which names uranium) each classify some resources.
        t5 = {r["Critical_mineral"]: r for r in self.t5}
        usgs_names = {"ree": "Rare earths (compounds and metals)", "gallium": "Gallium",
                      "graphite": "Graphite (natural)", "indium": "Indium", "magnesium": "Magnesium",
                      "niobium": "Niobium", "bismuth": "Bismuth", "chromium": "Chromium", "lithium": "Lithium",
                      "tungsten": "Tungsten", "titanium": "Titanium (metal)"}
        isa = OrderedDict()
        for rid, usgs_name in usgs_names.items():
            if usgs_name not in t5:
                raise SystemExit(f"USGS T5 has no row {usgs_name!r}")
            isa[(rid, "critical_minerals")] = (["USGS MCS2024 critical minerals list"], [CITE_USGS_T5])
        f037 = self.fact_props["F037"]["minerals_named"]
        names = {"lithium": "lithium", "chromium": "chromium", "rare earths": "ree", "uranium": "uranium"}
        for m in f037:
            if m in names:
                basis, src = isa.setdefault((names[m], "critical_minerals"), ([], []))
                basis.append("Korea-Kazakhstan critical minerals MOU (2024-06-12)")
                src += cites("F037")
        basis, src = isa[("ree", "critical_minerals")]
        basis.append("Korea Critical Minerals Security Strategy (2023)")
        src += cites("F128")
        for (a, b), (basis, src) in isa.items():
            self.add_rel("IS_A", a, b, {"basis": "; ".join(basis), "sources": src})
        # Elements the REE row of USGS T5 lists ("Data include lanthanides cerium, ...,
        # neodymium, ...") and that the Kazakh deposit reports name (F133, F136).
        note = t5["Rare earths (compounds and metals)"]["Prod_notes"]
        for element in ["neodymium", "cerium", "lanthanum"]:
            if element not in note:
                raise SystemExit(f"{element} not in the USGS rare-earth note")
            self.add_node(element, "Resource", {"name": element.capitalize(),
                                                "sources": [CITE_USGS_T5] + cites("F136")})
            self.add_rel("IS_A", element, "ree", {"basis": "USGS MCS2024: rare earths include this lanthanide",
                                                  "sources": [CITE_USGS_T5]})

    # --------------------------------------------------------------- output helpers
    def add_node(self, nid, label, props):
        if nid in self.nodes:
            raise SystemExit(f"duplicate node {nid}")
        self.nodes[nid] = {"id": nid, "labels": [label], "properties": props}

    def add_rel(self, rtype, a, b, props):
        self.rels.append({"type": rtype, "from": a, "to": b, "properties": props})

    def label_of(self, nid):
        if nid in self.nodes:
            return self.nodes[nid]["labels"][0]
        if nid in self.nation_ids:
            return "Nation"
        raise SystemExit(f"unknown node id {nid}")

    def build_schema(self):
        """Core schema + every label/type/property the data uses, with inferred types."""
        node_props = defaultdict(lambda: defaultdict(list))
        for n in self.nodes.values():
            for k, v in n["properties"].items():
                node_props[n["labels"][0]][k].append(v)
        header, _ = self.csv_files["nations.csv"]
        csv_types = {"string": "string", "float": "float", "boolean": "bool", "int": "int", "string[]": "string[]"}
        nation_props = []
        for col in header:
            if col.startswith(":") or ":ID" in col:
                continue
            name, _, t = col.partition(":")
            if name not in COMMON:
                nation_props.append({"name": name, "type": csv_types[t or "string"]})
        rel_props = defaultdict(lambda: defaultdict(list))
        rel_ends = defaultdict(lambda: (set(), set()))
        csv_rel_props = defaultdict(dict)
        for r in self.rels:
            for k, v in r["properties"].items():
                rel_props[r["type"]][k].append(v)
            rel_ends[r["type"]][0].add(self.label_of(r["from"]))
            rel_ends[r["type"]][1].add(self.label_of(r["to"]))
        for name, (header, rows) in self.csv_files.items():
            if ":START_ID" not in header:
                continue
            for row in rows:
                a, b, t = row[0], row[1], row[2]
                rel_ends[t][0].add(self.label_of(a))
                rel_ends[t][1].add(self.label_of(b))
                for col, cell in zip(header[3:], row[3:]):
                    prop, _, ctype = col.partition(":")
                    if cell != "" and prop not in COMMON:
                        csv_rel_props[t][prop] = csv_types[ctype or "string"]
        labels = []
        for label, desc in LABELS.items():
            if label == "Nation":
                props = nation_props
            else:
                props = [{"name": k, "type": infer_type(v)} for k, v in sorted(node_props[label].items())
                         if k not in COMMON]
                for p in props:
                    if label == "Event" and p["name"] == "date":
                        p["type"] = "date"
            labels.append({"name": label, "key": "id", "description": desc, "properties": props})
        rels = []
        all_types = list(REL_TYPES) + sorted(t for t in rel_ends if t not in REL_TYPES)
        for t in all_types:
            if t in REL_TYPES:
                desc, frm, to, core = REL_TYPES[t]
            else:
                desc, frm, to, core = FACT_REL_DESCRIPTIONS.get(t), [], [], {}
                if desc is None:
                    raise SystemExit(f"relationship type {t} has no description")
            frm = frm + sorted(l for l in rel_ends[t][0] if l not in frm)
            to = to + sorted(l for l in rel_ends[t][1] if l not in to)
            props = []
            for k, (pt, req) in core.items():
                p = {"name": k, "type": pt}
                if req:
                    p["required"] = True
                props.append(p)
            inferred = {k: infer_type(vals) for k, vals in rel_props[t].items()}
            for k, ct in csv_rel_props[t].items():
                if inferred.setdefault(k, ct) != ct:
                    raise SystemExit(f"{t}.{k}: {ct} in CSV but {inferred[k]} in JSON")
            for k, pt in sorted(inferred.items()):
                if k in COMMON or k in core:
                    continue
                props.append({"name": k, "type": pt})
            rels.append({"type": t, "description": desc, "from": frm, "to": to, "properties": props})
            if t in SYMMETRIC:
                rels[-1]["symmetric"] = True
        self.float_props = {(r["type"], p["name"]) for r in rels for p in r["properties"] if p["type"] == "float"}
        # Common properties (id, name, aliases, valid_from, valid_to, sources) are implicit on
        # every node and relationship (docs/formats.md), so they are not declared here.
        return {"format": "silkgraph/1", "schema": {"labels": labels, "relationships": rels}}

    def finish_floats(self):
        # Write floats as floats so the JSON says what the schema stores (90 -> 90.0).
        for r in self.rels:
            for k, v in r["properties"].items():
                if (r["type"], k) in self.float_props and isinstance(v, int) and not isinstance(v, bool):
                    r["properties"][k] = float(v)

    def validate(self):
        """Cheap consistency checks the loaders would also make: one id space, known endpoints,
        sources on everything."""
        ids = set(self.nodes)
        clash = ids & self.nation_ids
        if clash:
            raise SystemExit(f"ids used twice: {sorted(clash)}")
        ids |= self.nation_ids
        for r in self.rels:
            if r["from"] not in ids or r["to"] not in ids:
                raise SystemExit(f"unknown endpoint in {r['type']} {r['from']} -> {r['to']}")
            if not r["properties"].get("sources"):
                raise SystemExit(f"no sources on {r['type']} {r['from']} -> {r['to']}")
        for n in self.nodes.values():
            if not n["properties"].get("sources"):
                raise SystemExit(f"no sources on node {n['id']}")
        for name, (header, rows) in self.csv_files.items():
            src = header.index("sources:string[]")
            for row in rows:
                if not row[src]:
                    raise SystemExit(f"{name}: no sources on {row[:3]}")
                if ":START_ID" in header and (row[0] not in ids or row[1] not in ids):
                    raise SystemExit(f"{name}: unknown endpoint {row[:3]}")

    def run(self):
        self.load()
        self.build_nations()
        self.build_entities()
        self.build_facts()
        self.build_derived()
        self.build_borders()
        self.build_memberships()
        self.build_trade()
        self.build_usgs()
        schema = self.build_schema()
        self.finish_floats()
        self.validate()
        graph = OrderedDict([
            ("format", "silkgraph/1"),
            ("imports", ["../schema/geopolitics.json"]),
            ("nodes", list(self.nodes.values())),
            ("relationships", self.rels),
        ])
        out = OrderedDict()
        out[SCHEMA_PATH] = dumps(schema)
        out[HERE / "graph.json"] = dumps(graph)
        for name, (header, rows) in self.csv_files.items():
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
            out[HERE / name] = buf.getvalue()
        return out


def fmt_num(x):
    if x is None or x == "":
        return ""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--silkgraph", type=Path, default=REPO / "build" / "silkgraph", help="the built binary")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder")
    ap.add_argument("--check", action="store_true", help="fail if the committed files are out of date")
    args = ap.parse_args()
    if args.check and not (args.shared / "data").is_dir():
        # A checkout without the shared data beside it (a clone elsewhere): nothing to compare
        # with. Exit status 77 is ctest's "skipped" (tests/CMakeLists.txt), not a pass.
        print("skipped: no shared data at %s (the generator reads ../shared/data)" % args.shared,
              file=sys.stderr)
        return 77
    if not args.silkgraph.is_file():
        print(f"no silkgraph binary at {args.silkgraph} (build it, or pass --silkgraph BIN)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="build_sample.") as tmp:
        data = args.shared / "data"
        out = Builder(Loaded(args.silkgraph, data, tmp), data).run()
    stale = []
    for path, text in out.items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.relative_to(REPO)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (re-run build_sample.py):", *stale, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
