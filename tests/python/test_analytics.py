"""supply.disruption on the sample against the source data itself: the expected numbers are
computed here from ../shared/data (the fact table's SUPPLIES reports, facts/facts.csv, and
USGS mine production, usgs_mcs/critical_minerals_world_long.csv, with the sample's rule of one
figure per country and year from the newest edition), not copied from silkgraph's output."""

import csv
import json
import os

import pytest

from conftest import SOURCE_DIR

DATA = os.path.join(SOURCE_DIR, "..", "shared", "data")
pytestmark = pytest.mark.skipif(not os.path.isdir(DATA), reason="../shared/data not found")


def supplies_reports(resource):
    """(importer, period, supplier, share) for every SUPPLIES fact with a number."""
    out = []
    with open(os.path.join(DATA, "facts", "facts.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["relation"] != "SUPPLIES":
                continue
            props = json.loads(r["properties"])
            if props.get("resource_id") != resource or "share_pct" not in props:
                continue
            period = str(props["year"]) if "year" in props else props["period"]
            out.append((r["object"], period, r["subject"], float(props["share_pct"])))
    return out


def expected_imports(exporter, resource):
    rows = {}
    reports = supplies_reports(resource)
    for importer, period, supplier, share in reports:
        if supplier == exporter:
            rows.setdefault((importer, period), []).append(share)
    out = []
    for (importer, period), shares in sorted(rows.items()):
        others = {}
        for imp, per, supplier, share in reports:
            if imp == importer and per == period and supplier != exporter:
                others[supplier] = max(others.get(supplier, share), share)
        out.append((period, importer, min(shares), max(shares), len(shares),
                    sum(others.values())))
    return out


def expected_production(exporter):
    best = {}
    path = os.path.join(DATA, "usgs_mcs", "critical_minerals_world_long.csv")
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["commodity"] != "Rare earths" or r["measure"] != "production" or not r["iso3"]:
                continue
            key = (r["iso3"], r["year"])
            if key not in best or r["edition"] > best[key]["edition"]:
                best[key] = r
    years = {}
    for (iso3, year), r in best.items():
        years.setdefault(year, {})[iso3] = float(r["value"])
    out = []
    for year, producers in sorted(years.items()):
        if exporter in producers:
            total = sum(producers.values())
            out.append((year, 100 * producers[exporter] / total, producers[exporter], total,
                        len(producers)))
    return out


def test_disruption_imports(sample_db):
    ours = sample_db.execute(
        "CALL supply.disruption('CHN', 'ree') YIELD kind, period, importer, lowPct, highPct, "
        "reports, othersPct WHERE kind = 'imports' "
        "RETURN period, importer.id, lowPct, highPct, reports, othersPct "
        "ORDER BY importer.id, period").fetchall()
    expected = expected_imports("CHN", "ree")
    assert len(ours) == len(expected) == 8
    for got, want in zip(ours, expected):
        assert got[:5] == tuple(want[:5])
        assert got[5] == pytest.approx(want[5])


def test_disruption_production(sample_db):
    ours = sample_db.execute(
        "CALL supply.disruption('CHN', 'ree') YIELD kind, period, lowPct, highPct, tonnes, "
        "totalTonnes, reports WHERE kind = 'production' "
        "RETURN period, lowPct, highPct, tonnes, totalTonnes, reports ORDER BY period").fetchall()
    expected = expected_production("CHN")
    assert [r[0] for r in ours] == [e[0] for e in expected] == ["2020", "2021", "2022", "2023"]
    for got, (year, pct, tonnes, total, producers) in zip(ours, expected):
        assert got[1] == pytest.approx(pct) and got[2] == pytest.approx(pct), year
        assert got[3:] == (tonnes, total, producers), year


def test_disruption_of_a_minor_supplier(sample_db):
    """Japan: what Korea's reports attribute to it (2010-2012), and its absence from USGS's
    producers (no production rows)."""
    ours = sample_db.execute(
        "CALL supply.disruption('JPN', 'ree') YIELD kind, period, importer, lowPct, highPct, "
        "reports, othersPct RETURN kind, period, importer.id, lowPct, highPct, reports, othersPct "
        "ORDER BY period").fetchall()
    expected = expected_imports("JPN", "ree")
    assert [r[0] for r in ours] == ["imports"] * len(expected)
    for got, want in zip(ours, expected):
        assert got[1:6] == tuple(want[:5])
        assert got[6] == pytest.approx(want[5])
    assert expected_production("JPN") == []
