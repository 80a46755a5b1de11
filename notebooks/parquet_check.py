"""Reads a report's tidy Parquet with pyarrow alone, as an analyst would, and checks it
against the report: the footer's schema version is the manifest's, and the answers counted
from the Parquet (overall, each option of each closed question, weights summed) are the
counts of tables/likert_counts.csv.

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
        if r["group"] == "overall" and r["count"] != "[c]":
            published[(r["question"], r["option"])] = int(r["count"])

wrong = {k: (counted.get(k, 0), n) for k, n in published.items() if counted.get(k, 0) != n}
if not published or wrong:
    sys.exit(f"counts from the Parquet differ from likert_counts.csv: {wrong or 'no counts'}")
print(
    f"{parquet.name}: read by pyarrow {pyarrow.__version__}, {table.num_rows} rows, "
    f"schema {version}; {len(published)} overall counts equal likert_counts.csv"
)
