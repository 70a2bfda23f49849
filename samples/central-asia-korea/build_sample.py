#!/usr/bin/env python3
"""Derives the Central Asia–Korea sample graph and the bundled geopolitical schema.

The sample must stay a faithful, re-checkable derivation of the real data in
../shared/data (see its SOURCES.md): this script is the only way the files next to it
and samples/schema/geopolitics.json are produced, so anyone can re-run it and diff.
Python 3 standard library only.

    python3 samples/central-asia-korea/build_sample.py [--shared DIR] [--check]

--check regenerates into memory and fails if a committed file differs.
"""

import argparse
import calendar
import csv
import io
import json
import re
import sys
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
TRADE_EXCLUDE = {("KAZ", "import", "GMB")}

# Citations ------------------------------------------------------------------------------------
CITE_MLEDOZE = ("mledoze/countries @ 5e9f370050f83ad2ba4cb885f75d66114badf72c, countries.json "
                "(ODbL 1.0), https://github.com/mledoze/countries — shared/data/countries/countries.json")
CITE_FB_BORDERS = ("CIA World Factbook via factbook/factbook.json @ 8662a8b (public domain, CC0), "
                   "Geography > Land boundaries — shared/data/factbook/factbook_land_borders.csv")
CITE_FB_ORGS = ("CIA World Factbook via factbook/factbook.json @ 8662a8b (public domain, CC0), "
                "Government > International organization participation — "
                "shared/data/factbook/factbook_org_participation.csv")
CITE_FB_TRADE = ("CIA World Factbook via factbook/factbook.json @ 8662a8b (public domain, CC0), "
                 "Economy > Exports/Imports - partners — shared/data/factbook/factbook_trade_partners.csv")
CITE_ENTITIES = ("Korea-Central Asia fact table, shared/data/facts/entities.csv "
                 "(hand-compiled from the sources in shared/data/facts/sources.csv)")
CITE_USGS_T5 = ("USGS Mineral Commodity Summaries 2024, Table 5 critical minerals (public domain) — "
                "shared/data/usgs_mcs/mcs2024_summary/MCS2024_T5_Critical_Minerals_Salient.csv")
CITE_SEED = ("Rare Earth Exchanges, \"South Korea making Moves to Strengthen Rare Earth Element Supply "
             "Chain in Central Asia\", https://rareearthexchanges.com/news/central-asia-korea-cooperation — "
             "shared/seed/central-asia-korea-article.txt")


def usgs_cite(edition, source_file):
    return (f"USGS Mineral Commodity Summaries {edition[3:]}, rare earths world data (public domain) — "
            f"shared/data/usgs_mcs/{source_file}")


def fact_cite(f):
    parts = [f["publisher"], f"\"{f['source_title']}\""]
    if f["published"]:
        parts.append(f["published"])
    parts.append(f["source_url"])
    return ", ".join(parts) + f" (shared/data/facts/facts.csv {f['fact_id']})"


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


def snake(text):
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


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



def validity(start, end):
    """valid_from/valid_to of a fact row whose dates may be a year or a month (YYYY, YYYY-MM):
    a fact for 2022 holds from 2022-01-01 through 2022-12-31 (docs/time.md), so the bounds are
    written as those days, and valid_precision says how precisely the source knew them when
    every bound it gave was a year (or every one a month)."""
    out = OrderedDict()
    if start:
        out["valid_from"] = period_start(start)
    if end:
        out["valid_to"] = period_end(end)
    kinds = {PRECISION[len(d)] for d in (start, end) if d}
    if len(kinds) == 1 and kinds != {"day"}:
        out["valid_precision"] = kinds.pop()
    return out


PRECISION = {4: "year", 7: "month", 10: "day"}


def period_start(d):
    return d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d


def period_end(d):
    if len(d) == 4:
        return d + "-12-31"
    if len(d) == 7:
        year, month = int(d[:4]), int(d[5:7])
        return f"{d}-{calendar.monthrange(year, month)[1]:02d}"
    return d

class Builder:
    def __init__(self, shared):
        self.shared = shared
        self.data = shared / "data"
        self.nodes = OrderedDict()  # id -> node dict (JSON part)
        self.rels = []  # JSON part
        self.csv_files = OrderedDict()  # name -> (header, rows)

    # --------------------------------------------------------------- inputs
    def load(self):
        self.facts = read_csv(self.data / "facts" / "facts.csv")
        for f in self.facts:
            f["props"] = json.loads(f["properties"]) if f["properties"] else {}
        self.entities = OrderedDict((e["entity_id"], e) for e in read_csv(self.data / "facts" / "entities.csv"))
        with open(self.data / "countries" / "countries.json", encoding="utf-8") as f:
            self.countries = {c["cca3"]: c for c in json.load(f)}
        self.usgs = read_csv(self.data / "usgs_mcs" / "critical_minerals_world_long.csv")
        self.fb_borders = read_csv(self.data / "factbook" / "factbook_land_borders.csv")
        self.fb_orgs = read_csv(self.data / "factbook" / "factbook_org_participation.csv")
        self.fb_trade = read_csv(self.data / "factbook" / "factbook_trade_partners.csv")
        self.t5 = read_csv(self.data / "usgs_mcs" / "mcs2024_summary" / "MCS2024_T5_Critical_Minerals_Salient.csv")
        self.leaders = read_csv(self.data / "leaders" / "leaders_hos_hog_fm.csv")

    # --------------------------------------------------------------- nations
    def nation_set(self):
        ids = set(FOCUS)
        for c in FOCUS:
            ids.update(self.countries[c]["borders"])
        ids.update(e for e, row in self.entities.items() if row["type"] == "Nation")
        self.ree_rows = [r for r in self.usgs if r["commodity"] == "Rare earths" and r["iso3"]]
        ids.update(r["iso3"] for r in self.ree_rows)
        self.trade_rows = [r for r in self.fb_trade if r["iso3_mapped"] in FOCUS and r["partner_iso3_mapped"]
                           and (r["iso3_mapped"], r["direction"], r["partner_iso3_mapped"]) not in TRADE_EXCLUDE]
        ids.update(r["partner_iso3_mapped"] for r in self.trade_rows)
        missing = sorted(i for i in ids if i not in self.countries)
        if missing:
            raise SystemExit(f"not in countries.json: {missing}")
        return sorted(ids)

    def build_nations(self):
        nations = self.nation_set()
        self.nation_ids = set(nations)
        rows = []
        regions = OrderedDict()
        part_of = []
        for iso in nations:
            c = self.countries[iso]
            aliases = []
            ent = self.entities.get(iso)
            if ent and ent["aliases"]:
                aliases += ent["aliases"].split(";")
            aliases.append(c["name"]["official"])
            aliases += [a for a in c["altSpellings"] if len(a) > 2]
            for nat in c["name"].get("native", {}).values():
                aliases += [nat["common"], nat["official"]]
            kor = c.get("translations", {}).get("kor")
            if kor:
                aliases += [kor["common"], kor["official"]]
            seen = []
            for a in aliases:
                a = a.strip()
                if a and a != c["name"]["common"] and a not in seen and ";" not in a:
                    seen.append(a)
            sources = [CITE_MLEDOZE]
            if ent:
                sources.append(CITE_ENTITIES)
            lat, lng = (c.get("latlng") or [None, None])[:2]
            rows.append([iso, "Nation", c["name"]["common"], ";".join(seen), c["cca2"], c.get("ccn3", ""),
                         ";".join(c.get("capital", [])), fmt_num(c.get("area")),
                         str(bool(c.get("landlocked"))).lower(), str(bool(c.get("unMember"))).lower(),
                         fmt_num(lat), fmt_num(lng), ";".join(sources)])
            sub, reg = c.get("subregion"), c.get("region")
            if reg and reg not in regions:
                regions[reg] = None
            if sub and sub not in regions:
                regions[sub] = reg
            part_of.append([iso, snake(sub or reg), "PART_OF", CITE_MLEDOZE + " (subregion)"])
        self.csv_files["nations.csv"] = (
            ["id:ID", ":LABEL", "name", "aliases:string[]", "iso2", "iso_numeric", "capital:string[]",
             "area_km2:float", "landlocked:boolean", "un_member:boolean", "lat:float", "lng:float",
             "sources:string[]"], rows)
        for name, parent in regions.items():
            self.add_node(snake(name), "Region", {"name": name, "sources": [CITE_MLEDOZE + " (region/subregion)"]})
            if parent:
                self.add_rel("PART_OF", snake(name), snake(parent), {"sources": [CITE_MLEDOZE + " (region/subregion)"]})
        self.csv_files["nation_regions.csv"] = ([":START_ID", ":END_ID", ":TYPE", "sources:string[]"], part_of)

    def build_borders(self):
        lengths = {}
        for r in self.fb_borders:
            a, b = r["iso3_mapped"], r["neighbor_iso3_mapped"]
            if not a or not b:
                continue
            # A fragment may pack two segments ("Russia (northeast) 4,133 km and Russia
            # (northwest) 46 km"); the derived column kept only the first, so sum them here.
            kms = [float(x.replace(",", "")) for x in re.findall(r"([\d,.]+) km", r["raw_fragment"])]
            total = sum(kms) if kms else (float(r["length_km"]) if r["length_km"] else None)
            if total is not None:
                lengths.setdefault(frozenset((a, b)), total)
        pairs = set()
        for a in self.nation_ids:
            for b in self.countries[a]["borders"]:
                if b in self.nation_ids:
                    pairs.add(tuple(sorted((a, b))))
        rows = []
        for a, b in sorted(pairs):
            km = lengths.get(frozenset((a, b)))
            sources = [CITE_MLEDOZE + " (borders)"]
            if km is not None:
                sources.append(CITE_FB_BORDERS)
            rows.append([a, b, "BORDERS", fmt_num(km), ";".join(sources)])
        self.csv_files["borders.csv"] = ([":START_ID", ":END_ID", ":TYPE", "length_km:float", "sources:string[]"], rows)

    def build_memberships(self):
        for abbr in ORGS:
            self.add_node("org_" + snake(abbr), "Organization", {"name": abbr, "sources": [CITE_FB_ORGS]})
        rows = []
        for r in self.fb_orgs:
            if r["iso3_mapped"] in self.nation_ids and r["organization"] in ORGS:
                rows.append([r["iso3_mapped"], "org_" + snake(r["organization"]), "MEMBER_OF", r["qualifier"], CITE_FB_ORGS])
        rows.sort()
        self.csv_files["memberships.csv"] = ([":START_ID", ":END_ID", ":TYPE", "qualifier", "sources:string[]"], rows)

    def build_trade(self):
        rows = []
        for r in self.trade_rows:
            t = "EXPORTS_TO" if r["direction"] == "export" else "IMPORTS_FROM"
            rows.append([r["iso3_mapped"], r["partner_iso3_mapped"], t, fmt_num(float(r["share_pct"])), r["year"], CITE_FB_TRADE])
        rows.sort()
        self.csv_files["trade_partners.csv"] = ([":START_ID", ":END_ID", ":TYPE", "share_pct:float", "year:int", "sources:string[]"], rows)

    def build_usgs(self):
        # One figure per (country, measure, year): the newest edition that reports it, because
        # USGS revises earlier years (SOURCES.md quality notes).
        best = {}
        for r in self.ree_rows:
            if r["measure"] not in ("production", "reserves") or r["value"] == "":
                continue
            key = (r["iso3"], r["measure"], int(r["year"]))
            if key not in best or r["edition"] > best[key]["edition"]:
                best[key] = r
        rows = []
        for (iso, measure, year), r in sorted(best.items()):
            t = "PRODUCES" if measure == "production" else "HAS_RESERVES"
            rows.append([iso, "ree", t, str(year), fmt_num(float(r["value"])), str(r["estimated"] == "true").lower(),
                         r["edition"], r["country_raw"].replace("\u00a0", " "), usgs_cite(r["edition"], r["source_file"])])
        self.csv_files["usgs_rare_earths.csv"] = (
            [":START_ID", ":END_ID", ":TYPE", "year:int", "tonnes:float", "estimated:boolean", "edition",
             "usgs_label", "sources:string[]"], rows)

    # --------------------------------------------------------------- facts
    def build_entities(self):
        self.entity_sources = defaultdict(list)
        for f in self.facts:
            for e in (f["subject"], f["object"]):
                self.entity_sources[e].append(f)
        qids = {}
        for r in self.leaders:
            qids.setdefault(r["person"], (r["person_wikidata_qid"], r["source_file"]))
        for eid, e in self.entities.items():
            if e["type"] == "Nation":
                continue
            props = {"name": e["name"]}
            if e["aliases"]:
                props["aliases"] = e["aliases"].split(";")
            extra = json.loads(e["properties"]) if e["properties"] else {}
            for k, v in extra.items():
                props[k] = v
            sources = [CITE_ENTITIES]
            # The first fact row naming the entity gives a citable page for it.
            first = self.entity_sources.get(eid)
            if first:
                sources.append(fact_cite(first[0]))
            if e["type"] == "Leader":
                for n in [e["name"]] + props.get("aliases", []):
                    if n in qids:
                        props["wikidata_qid"] = qids[n][0]
                        sources.append("Wikidata via EveryPolitician (CC0), shared/data/leaders/" + qids[n][1])
                        break
            props["sources"] = sources
            self.add_node(eid, e["type"], props)
            country = extra.get("country")
            if e["type"] in ("Company", "Organization") and country in self.nation_ids:
                self.add_rel("BASED_IN", eid, country, {"sources": [CITE_ENTITIES]})

    def build_facts(self):
        for f in self.facts:
            props = OrderedDict()
            for k, v in f["props"].items():
                props[k] = v
            if f["relation"] == "INVITES":
                props["sector"] = INVITE_SECTORS[f["fact_id"]]
            props.update(validity(f["valid_from"], f["valid_to"]))
            props["fact_id"] = f["fact_id"]
            props["confidence"] = f["confidence"]
            if f["notes"]:
                props["notes"] = f["notes"]
            props["sources"] = [fact_cite(f)]
            self.add_rel(f["relation"], f["subject"], f["object"], props)

    def build_derived(self):
        """Edges the fact rows state inside their properties or that USGS tables state."""
        by_id = {f["fact_id"]: f for f in self.facts}

        def cites(*ids):
            return [fact_cite(by_id[i]) for i in ids]

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
        f037 = by_id["F037"]["props"]["minerals_named"]
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
                                                "sources": [CITE_USGS_T5, fact_cite(by_id["F136"])]})
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
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared/ folder")
    ap.add_argument("--check", action="store_true", help="fail if the committed files are out of date")
    args = ap.parse_args()
    if args.check and not (args.shared / "data").is_dir():
        # A checkout without the shared data beside it (a clone elsewhere): nothing to compare
        # with. Exit status 77 is ctest's "skipped" (tests/CMakeLists.txt), not a pass.
        print("skipped: no shared data at %s (the generator reads ../shared/data)" % args.shared,
              file=sys.stderr)
        return 77
    out = Builder(args.shared).run()
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
