#!/usr/bin/env python3
"""Hand count of copenhagen-may.csv (Typeform export, CodeRefinery pre-workshop survey,
Copenhagen, May 2017).

Judgement (one header row, 22 respondents):
* Typeform writes one column per option of a multiple-choice ("choose as many as you like")
  question and puts the OPTION text, not the question, in the header; the question title
  itself is not in the file.  The ticked cell repeats the option text.  Each such block ends
  with an "Other" write-in column.  Blocks: 3-12 version control, 13-24 languages,
  29-40 documentation, 41-47 build tools, 48-53 web-based repositories.  For these the
  "column" is the header of the first column of the block (what a reader sees there).
* Column 0 (operating system) is single choice with its "Other" write-in in column 1.
* Columns 25-28 and 54-57 are single choice (57 academic discipline picked from a list).
* Column 2 (OS version) is typed text.  58/59 are submission timestamps.
* Question titles carry HTML <strong> tags; "HMTL" (sic) is an option as written.
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

FILE = "copenhagen-may.csv"
rows = read_rows(FILE)
head, data = rows[0], rows[1:]


def block(first, last_option, other_col):
    cols = list(range(first, last_option + 1))
    q = multi_columns(data, cols, head[first], [head[i] for i in cols], other_cols=[other_col])
    return q


os_q = choice(data, 0, head[0], ["Mac OS X", "Windows", "Linux"])
os_q["columns"] = [0, 1]
os_q["other"] += sum(1 for r in data if blank(r[0]) and not blank(r[1]))

questions = [
    os_q,
    block(3, 11, 12),
    block(13, 23, 24),
    choice(data, 25, head[25]),
    choice(data, 26, head[26]),
    choice(data, 27, head[27]),
    choice(data, 28, head[28]),
    block(29, 39, 40),
    block(41, 46, 47),
    block(48, 52, 53),
    choice(data, 54, head[54]),
    choice(data, 55, head[55]),
    choice(data, 56, head[56]),
    choice(data, 57, head[57]),
]

write({
    "file": FILE,
    "platform": "Typeform",
    "origin": {"repo": "coderefinery/pre-workshop-survey", "path": "data/typeform/2017/copenhagen-may.csv",
               "commit": "9143a8decf56cf9f8a2e98390a7a108eef18a600", "licence": "CC-BY-4.0",
               "changes": "none (whole file as read)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": head[58], "index": 58, "what": "date"},
                    {"column": head[59], "index": 59, "what": "date"}],
    "free_text": [{"column": head[2], "index": 2}],
})
