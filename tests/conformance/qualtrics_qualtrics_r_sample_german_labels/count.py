#!/usr/bin/env python3
"""Hand count of sample.csv (Qualtrics CSV export kept as a test file by the qualtRics R package).

Judgement: three header rows (1: export tags StartDate/Q1/Q2..., 2: labels -- the metadata
labels are in GERMAN because the account language was German, question wording in English,
3: {"ImportId":...} JSON).  One respondent.  Q1 is a multiple-choice question exported as the
numeric choice code ("2"), so the answer is counted as the code.  Q2 is free text; "Q2 - Topics"
is an empty Text-iQ topics column.  Status "0" and Finished "1" are numeric codes too.
Identifier-like columns: dates, IP address, response id, recipient name/e-mail, external
reference, location.
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

FILE = "sample.csv"
rows = read_rows(FILE)
tags, labels, import_ids, data = rows[0], rows[1], rows[2], rows[3:]

idents = [(0, "date"), (1, "date"), (3, "ip"), (7, "date"), (8, "id"), (9, "name"), (10, "name"),
          (11, "e-mail"), (12, "id"), (13, "other"), (14, "other")]

write({
    "file": FILE,
    "platform": "Qualtrics",
    "origin": {"repo": "ropensci/qualtRics", "path": "tests/testthat/files/sample.csv",
               "commit": "b8d9c7ec7621dea34281113aa3c6bb59e84e390e", "licence": "MIT",
               "changes": "IP address and location latitude/longitude of the one respondent replaced by invented values of the same shape (192.0.2.66, 46.951599121094, 7.4387969970703)"},
    "header_rows": 3,
    "respondents": len(data),
    "questions": [choice(data, 17, labels[17])],
    "identifiers": [{"column": labels[i], "index": i, "what": w} for i, w in idents],
    "free_text": [{"column": labels[18], "index": 18}],
})
