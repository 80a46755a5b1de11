"""Reads a report's tidy Parquet with pyarrow alone, as an analyst would, and checks it
against the report: the footer's schema version and the cycle are the manifest's, the answers
counted from the Parquet (overall, each option of each closed question, weights summed) are
the counts of tables/likert_counts.csv (and its council the manifest's), and the favourable shares computed from its
`favourable` and `substantive` columns are the top2_percent of tables/likert_summary.csv.

    python notebooks/parquet_check.py REPORT_FOLDER
"""
import csv
import json
import sys
from collections import Counter
from pathlib import Path

import pyarrow
import pyarrow.parquet as pq

report = Path(sys.argv[1])
parquet = report / "internal" / "PERSONAL-DATA_responses.parquet"
table = pq.read_table(parquet)
footer = pq.ParquetFile(parquet).metadata.metadata
manifest = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
version = footer.get(b"evalboard.tidy_schema", b"").decode()
if version != manifest["tidy_schema"]:
    sys.exit(f"schema version {version!r} in the Parquet, {manifest['tidy_schema']!r} in the manifest")

rows = table.to_pylist()
counted = Counter()
for r in rows:
    if r["option"] is not None and r["kind"] != "multi_select":
        counted[(r["question"], r["option"])] += r["weight"]

published = {}
with open(report / "tables" / "likert_counts.csv", encoding="utf-8", newline="") as f:
    for r in csv.DictReader(f):
        if r["group"] == "overall" and r["status"] != "[c]":
            published[(r["question"], r["option"])] = int(r["count"])

wrong = {k: (counted.get(k, 0), n) for k, n in published.items() if counted.get(k, 0) != n}
if not published or wrong:
    sys.exit(f"counts from the Parquet differ from likert_counts.csv: {wrong or 'no counts'}")

if {r["cycle"] for r in rows} != {manifest["cycle"]}:
    sys.exit(f"cycle in the Parquet {sorted({r['cycle'] for r in rows})} is not the manifest's")
if {r["council"] for r in rows} != {manifest["council"]}:
    sys.exit(f"council in the Parquet {sorted({str(r['council']) for r in rows})} is not the manifest's")
favourable, substantive = Counter(), Counter()
for r in rows:
    if r["favourable"] is not None:
        substantive[r["question"]] += r["weight"]
        favourable[r["question"]] += r["weight"] if r["favourable"] else 0
shares = {}
with open(report / "tables" / "likert_summary.csv", encoding="utf-8", newline="") as f:
    for r in csv.DictReader(f):
        if r["group"] == "overall" and r["status"] != "[c]" and r["top2_percent"] != "":
            shares[r["question"]] = r["top2_percent"]
computed = {q: f"{100 * favourable[q] / substantive[q]:.4f}" for q in shares if substantive[q]}
if not shares or computed != shares:
    sys.exit(f"favourable shares from the Parquet {computed} differ from likert_summary.csv {shares}")
print(
    f"{parquet.name}: read by pyarrow {pyarrow.__version__}, {table.num_rows} rows, "
    f"schema {version}, cycle {manifest['cycle']}; {len(published)} overall counts equal "
    f"likert_counts.csv, {len(shares)} favourable shares equal likert_summary.csv"
)
