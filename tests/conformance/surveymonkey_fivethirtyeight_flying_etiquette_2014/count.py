#!/usr/bin/env python3
"""Hand count of flying-etiquette.csv (SurveyMonkey export, FiveThirtyEight flying etiquette
survey, flattened by the publisher to ONE header row; column 0 is the SurveyMonkey RespondentID).

Judgement (first 40 respondents):
* every column 1-26 is a single choice question (frequency scales, yes/no, rude scales,
  heights from a drop-down list, age/income/education/region bands).
* the arm-rest questions (5, 6) offered "Other (please specify)"; the write-in text itself is
  not in this export, only the choice label.  A respondent whose answer is
  "Other (please specify)" is counted as "other", not as an option.
* "Household Income": "150000" is how the top band ($150,000+) came out in this file; it is
  the form's fifth band, so it is counted as an option (keyed as written).
* "More than five times times" (sic) and the missing spaces in "Is itrude", "tothe" are as
  written by the publisher.
* Respondents who never fly were routed past the flying questions (blank cells).
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

FILE = "flying-etiquette.csv"
rows = read_rows(FILE)
head, data = rows[0], rows[1:]

OTHER_LABEL = "Other (please specify)"
questions = []
for i in range(1, 27):
    q = choice(data, i, head[i])
    if OTHER_LABEL in q["counts"]:
        q["other"] += q["counts"].pop(OTHER_LABEL)
    questions.append(q)

write({
    "file": FILE,
    "platform": "SurveyMonkey",
    "origin": {"repo": "fivethirtyeight/data", "path": "flying-etiquette-survey/flying-etiquette.csv",
               "commit": "6d880e939ad3d11d94c137c911681b3cf718fd74", "licence": "MIT",
               "changes": "first 40 data rows kept (header row whole); bytes otherwise as read"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": head[0], "index": 0, "what": "id"}],
    "free_text": [],
})
