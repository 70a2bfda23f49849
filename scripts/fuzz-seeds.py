#!/usr/bin/env python3
"""Seed corpora for the fuzz targets (tests/fuzz/README.md), written under OUT/TARGET/:

  query        every query of the openCypher TCK (../shared/tck/*.jsonl) and of tests/queries
  json_loader  the sample's graph.json and the JSON files of tests/data/loaders
  csv_loader   the sample's and tests/data/loaders' CSV files, nodes and relationships
               joined by the "----" line the target splits on
  graph_file   the sample and a small graph as database files (built with SILKGRAPH build)
  wal          (the committed corpus only: records a real database logged)
  bolt         (the committed corpus only: one Bolt request of each kind)

plus the committed corpus tests/fuzz/corpus/TARGET/ (seeds and past findings)."""
import argparse
import hashlib
import json
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "central-asia-korea"


def put(out: pathlib.Path, data: bytes) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def test_file_statements(path: pathlib.Path):
    """The statements of a tests/queries .test file (the lines after `statement`/`query`)."""
    block, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("statement", "query")):
            inside, block = True, []
        elif inside and (line == "----" or line.strip() == ""):
            if block:
                yield "\n".join(block)
            inside, block = False, []
        elif inside:
            block.append(line)
    if inside and block:
        yield "\n".join(block)


def query_seeds(out: pathlib.Path) -> int:
    n = 0
    for tck in sorted((ROOT.parent / "shared" / "tck").glob("*.jsonl")):
        for line in tck.read_text(encoding="utf-8").splitlines():
            scenario = json.loads(line)
            for q in [scenario.get("query", "")] + list(scenario.get("setup", [])):
                if isinstance(q, str) and q.strip():
                    put(out, q.encode())
                    n += 1
    for test in sorted((ROOT / "tests" / "queries").glob("*.test")):
        for q in test_file_statements(test):
            put(out, q.encode())
            n += 1
    return n


def loader_seeds(out_json: pathlib.Path, out_csv: pathlib.Path) -> int:
    n = 0
    data = ROOT / "tests" / "data" / "loaders"
    for f in [SAMPLE / "graph.json", *sorted(data.rglob("*.json"))]:
        put(out_json, f.read_bytes())
        n += 1
    csvs = [*sorted(SAMPLE.glob("*.csv")), *sorted(data.rglob("*.csv"))]
    nodes = [f for f in csvs if b":START_ID" not in f.read_bytes().split(b"\n", 1)[0]]
    rels = [f for f in csvs if f not in nodes]
    for f in csvs:
        put(out_csv, f.read_bytes())
        n += 1
    for a in nodes[:6]:
        for b in rels[:6]:
            put(out_csv, a.read_bytes() + b"\n----\n" + b.read_bytes())
            n += 1
    return n


def graph_file_seeds(out: pathlib.Path, silkgraph: pathlib.Path, tmp: pathlib.Path) -> int:
    tmp.mkdir(parents=True, exist_ok=True)
    sources = [[str(SAMPLE)], [str(ROOT / "tests" / "data" / "loaders" / "good")]]
    for i, src in enumerate(sources):
        db = tmp / f"seed{i}.sg"
        subprocess.run([str(silkgraph), "build", str(db), *src], check=True,
                       stdout=subprocess.DEVNULL)
        put(out, db.read_bytes())
    return len(sources)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--silkgraph", required=True, type=pathlib.Path,
                    help="the silkgraph binary, to build the database-file seeds")
    args = ap.parse_args()
    counts = {
        "query": query_seeds(args.out / "query"),
        "graph_file": graph_file_seeds(args.out / "graph_file", args.silkgraph,
                                       args.out / "tmp"),
    }
    counts["json_loader+csv_loader"] = loader_seeds(args.out / "json_loader",
                                                    args.out / "csv_loader")
    for target in ("query", "json_loader", "csv_loader", "graph_file", "wal", "bolt"):
        committed = ROOT / "tests" / "fuzz" / "corpus" / target
        if committed.is_dir():
            (args.out / target).mkdir(parents=True, exist_ok=True)
            for f in committed.iterdir():
                shutil.copy(f, args.out / target / f.name)
    print("seeds:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
