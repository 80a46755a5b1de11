#!/usr/bin/env python3
"""Hand count of sample_legacy.csv (legacy Qualtrics CSV export, kept as a test file by the
qualtRics R package).

Judgement: two header rows (1: V1..V10 / Q1 / Q2 variable names, 2: labels); every line ends
with a trailing comma, so each row has an extra empty 16th field.  One respondent.  Q1 is a
multiple-choice question exported as the numeric code "2"; Q2 is free text.  ResponseSet
"Standard-Antwortsatz" and Name "Anonym" are German defaults, not answers.
"""
# ---- shared counting helpers (standard library only) ----
import csv, json, os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def read_rows(name, delimiter=",", encoding="utf-8"):
    with open(os.path.join(HERE, name), newline="", encoding=encoding) as f:
        return list(csv.reader(f, delimiter=delimiter))


def blank(v):
    return v is None or v.strip() == ""


def norm(v):
    """Answers differing only in case / surrounding or repeated spaces are one answer."""
    return " ".join(v.split()).casefold()


def merged(values):
    """Counter keyed by the most common written (stripped) form of each answer."""
    groups = {}
    for v in values:
        groups.setdefault(norm(v), []).append(v.strip())
    out = Counter()
    for forms in groups.values():
        label = Counter(forms).most_common(1)[0][0]
        out[label] = len(forms)
    return out


def choice(rows, idx, column, options=None):
    """Single choice. options=None: every non-blank answer is one of the form's options."""
    vals = [r[idx] for r in rows if idx < len(r) and not blank(r[idx])]
    c = merged(vals)
    other = 0
    if options is not None:
        keys = {norm(o) for o in options}
        for k in list(c):
            if norm(k) not in keys:
                other += c.pop(k)
    counts = dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
    return {"column": column, "index": idx, "kind": "choice", "counts": counts, "other": other}


def multi_columns(rows, cols, column, labels, other_cols=()):
    """One column per option (a cell is ticked when not blank); labels[i] names cols[i].
    other_cols: write-in columns of the same question."""
    counts, answered, other = {}, 0, 0
    for i, lab in zip(cols, labels):
        n = sum(1 for r in rows if i < len(r) and not blank(r[i]))
        if n:
            counts[lab] = n
    for r in rows:
        ticked = any(i < len(r) and not blank(r[i]) for i in cols)
        wrote = any(i < len(r) and not blank(r[i]) for i in other_cols)
        if ticked or wrote:
            answered += 1
        if wrote:
            other += 1
    return {"column": column, "index": min(list(cols) + list(other_cols)), "kind": "multi_select",
            "columns": sorted(list(cols) + list(other_cols)),
            "counts": counts, "answered": answered, "other": other}


def multi_packed(rows, idx, column, sep, options):
    """Several options packed in one cell, split on sep; pieces not among options are write-ins."""
    keys = {norm(o): o for o in options}
    counts, answered, other = Counter(), 0, 0
    for r in rows:
        if idx >= len(r) or blank(r[idx]):
            continue
        answered += 1
        wrote = False
        for piece in r[idx].split(sep):
            if blank(piece):
                continue
            k = norm(piece)
            if k in keys:
                counts[keys[k]] += 1
            else:
                wrote = True
        if wrote:
            other += 1
    return {"column": column, "index": idx, "kind": "multi_select", "separator": sep,
            "counts": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "answered": answered, "other": other}


def write(doc):
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
# ---- end of helpers ----

FILE = "sample_legacy.csv"
rows = read_rows(FILE)
names, labels, data = rows[0], rows[1], rows[2:]

idents = [(0, "id"), (2, "name"), (3, "id"), (4, "e-mail"), (5, "ip"), (7, "date"), (8, "date"),
          (12, "other"), (13, "other")]

write({
    "file": FILE,
    "platform": "Qualtrics",
    "origin": {"repo": "ropensci/qualtRics", "path": "tests/testthat/files/sample_legacy.csv",
               "commit": "327e5a8edcae063e9382da3d66f2db5232187591", "licence": "MIT",
               "changes": "IP address and location latitude/longitude of the one respondent replaced by invented values of the same shape (192.0.2.66, 46.951599121094, 7.4387969970703)"},
    "header_rows": 2,
    "respondents": len(data),
    "questions": [choice(data, 10, labels[10])],
    "identifiers": [{"column": labels[i], "index": i, "what": w} for i, w in idents],
    "free_text": [{"column": labels[11], "index": 11}],
})
