#!/usr/bin/env python3
"""Hand count of umea-oct.csv (Typeform export, CodeRefinery pre-workshop survey, Umea,
October 2017).

Judgement (one header row, 21 respondents):
* Typeform writes one column per option of a "choose as many as you like" question with the
  OPTION text as header (the question title is not in the file); a ticked cell repeats the
  option text; each block ends with an "Other" write-in column.  Blocks: 3-12 version control,
  13-24 languages, 25-30 web-based repositories.  "column" = header of the block's first column.
* Write-ins: "RCS" (version control), "Java" x3, "JS (node)", "Scala" (languages),
  "gogs"/"Gogs" (repositories) -- they count as "other" (respondents with a write-in).
* Column 0 (operating system) is single choice with its "Other" write-in in column 1 (unused).
* 31-33 single choice (33 academic discipline from a list).  Column 2 (OS version) is typed
  text.  34/35 submission timestamps.  Titles carry HTML <strong> tags.
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

FILE = "umea-oct.csv"
rows = read_rows(FILE)
head, data = rows[0], rows[1:]


def block(first, last_option, other_col):
    cols = list(range(first, last_option + 1))
    return multi_columns(data, cols, head[first], [head[i] for i in cols], other_cols=[other_col])


os_q = choice(data, 0, head[0], ["Mac OS X", "Windows", "Linux"])
os_q["columns"] = [0, 1]
os_q["other"] += sum(1 for r in data if blank(r[0]) and not blank(r[1]))

questions = [
    os_q,
    block(3, 11, 12),
    block(13, 23, 24),
    block(25, 29, 30),
    choice(data, 31, head[31]),
    choice(data, 32, head[32]),
    choice(data, 33, head[33]),
]

write({
    "file": FILE,
    "platform": "Typeform",
    "origin": {"repo": "coderefinery/pre-workshop-survey", "path": "2017/umea-oct.csv",
               "commit": "b76a7bbd27637b287c8d943caa089933240cb135", "licence": "CC-BY-4.0",
               "changes": "none (whole file as read)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": head[34], "index": 34, "what": "date"},
                    {"column": head[35], "index": 35, "what": "date"}],
    "free_text": [{"column": head[2], "index": 2}],
})
