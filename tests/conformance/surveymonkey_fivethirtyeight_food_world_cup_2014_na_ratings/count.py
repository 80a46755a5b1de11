#!/usr/bin/env python3
"""Hand count of food-world-cup-data.csv (SurveyMonkey export, FiveThirtyEight "Food World Cup"
survey, flattened by the publisher to ONE header row; column 0 is the SurveyMonkey RespondentID).

Judgement (first 32 respondents):
* 1 knowledge (Novice/Intermediate/Advanced/Expert) and 2 interest are single choice.  The
  interest answers "Not muchÊ" / "Not at allÊ" carry a trailing "Ê" (a Mac-Roman no-break
  space read as Latin-1); it is part of the answer as written, not a space, so it is kept.
  The same "Ê" sits inside two question titles ("knowledgeÊof", "ofÊAustralia").
* 3-42: one 1-5 rating per country (a SurveyMonkey matrix flattened to 40 columns); "N/A" is
  an option offered by the form ("have not tried it"), counted as an answer, not as blank.
* 43-47 demographics, single choice.
* Several respondents stopped after question 2 (rest blank); one (3308761752) skipped the
  first 19 countries and the demographics.
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

FILE = "food-world-cup-data.csv"
rows = read_rows(FILE)
head, data = rows[0], rows[1:]

RATING = ["1", "2", "3", "4", "5", "N/A"]
questions = [choice(data, 1, head[1]), choice(data, 2, head[2])]
questions += [choice(data, i, head[i], RATING) for i in range(3, 43)]
questions += [choice(data, i, head[i]) for i in range(43, 48)]

write({
    "file": FILE,
    "platform": "SurveyMonkey",
    "origin": {"repo": "fivethirtyeight/data", "path": "food-world-cup/food-world-cup-data.csv",
               "commit": "070fa8c5016af8f1c4b4887a6fcff8f67e4c7b59", "licence": "MIT",
               "changes": "first 32 data rows kept (header row whole); text as read_file gave it, saved as UTF-8 (the 'Ê' characters are as read_file shows them)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": head[0], "index": 0, "what": "id"}],
    "free_text": [],
})
