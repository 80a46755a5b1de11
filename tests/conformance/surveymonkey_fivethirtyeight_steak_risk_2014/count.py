#!/usr/bin/env python3
"""Hand count of steak-risk-survey.csv (SurveyMonkey export, FiveThirtyEight steak survey).

Judgement: two header rows (question text, then "Response" under every single-choice
question).  Column 0 is the SurveyMonkey respondent id.  Every other column is a single
choice question whose answers are all options offered by the form (yes/no, lottery A/B,
doneness scale, age bands, income bands, education, census region).  No write-ins, no
free text.  "How do you like your steak prepared?" is only shown to steak eaters.
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

FILE = "steak-risk-survey.csv"
rows = read_rows(FILE)
head, sub, data = rows[0], rows[1], rows[2:]

# explicit option lists where the form offered a fixed list (all answers must be in them)
OPTIONS = {
    1: ["Lottery A", "Lottery B"],
    9: ["Rare", "Medium rare", "Medium", "Medium Well", "Well"],
    10: ["Male", "Female"],
    11: ["18-29", "30-44", "45-60", "> 60"],
}
for i in range(2, 9):
    OPTIONS[i] = ["Yes", "No"]
questions = [choice(data, i, head[i], OPTIONS.get(i)) for i in range(1, 15)]

write({
    "file": FILE,
    "platform": "SurveyMonkey",
    "origin": {"repo": "fivethirtyeight/data", "path": "steak-survey/steak-risk-survey.csv",
               "commit": "fb2517698597e83fd4eb2c2d6580361641f65786", "licence": "MIT",
               "changes": "first 100 data rows kept (both header rows whole); bytes otherwise as read"},
    "header_rows": 2,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": head[0], "index": 0, "what": "id"}],
    "free_text": [],
})
