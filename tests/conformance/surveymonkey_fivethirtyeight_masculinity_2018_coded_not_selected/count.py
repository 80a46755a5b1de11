#!/usr/bin/env python3
"""Hand count of raw-responses.csv (FiveThirtyEight/WNYC "masculinity" survey run on
SurveyMonkey, 2018; released by FiveThirtyEight with coded column names).

Judgement (first 10 respondents):
* One header row of codes (q0001, q0004_0001 ...); the first header cell is EMPTY and its
  column is a row number (identifier).  StartDate/EndDate are identifiers (dates).
* Multi-selects are spread over option columns q00NN_0001.. : a ticked column holds the option
  text, an unticked one holds the literal "Not selected".  "NA" means the question was not
  shown (routing).  Blocks: q0004 (5-10), q0008 (23-34), q0010 (36-43), q0011 (44-48),
  q0012 (49-55), q0019 (61-67), q0020 (68-73), q0021 (74-77), q0025 (80-82).  Options are
  keyed by the option text written in the cells; "None of the above" is an option; a ticked
  "Other (please specify)" (the typed text is not in the file) counts as "other".
* Single choice: q0001, q0002, q0005, the q0007 frequency matrix (one column per statement),
  q0009, q0013-q0018, q0022, q0024, q0026-q0036, and the publisher-derived categorical
  columns race2 ... orientation (counted like choices; they are closed categories).
  "NA" (not asked) and "No answer" (asked, skipped; the publisher's code) are NOT answers.
* weight is a number computed by the publisher: neither question nor identifier.
* Apostrophes were lost in the publisher's export and appear as "?" ("It isn?t", "don?t").
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

FILE = "raw-responses.csv"
rows = read_rows(FILE)
head, raw = rows[0], rows[1:]

MISSING = {"NA", "No answer"}
UNTICKED = {"Not selected", "NA"}
OTHER = "Other (please specify)"

# missing-value codes become blank for the single-choice counts
data = [[("" if c in MISSING else c) for c in r] for r in raw]


def block(first, last):
    cols = list(range(first, last + 1))
    counts, answered, other = {}, 0, 0
    for i in cols:
        n = sum(1 for r in raw if not blank(r[i]) and r[i] not in UNTICKED and r[i] != OTHER)
        if n:
            label = Counter(r[i] for r in raw if not blank(r[i]) and r[i] not in UNTICKED).most_common(1)[0][0]
            counts[label] = n
    for r in raw:
        ticked = [r[i] for i in cols if not blank(r[i]) and r[i] not in UNTICKED]
        if ticked:
            answered += 1
        if OTHER in ticked:
            other += 1
    return {"column": head[first], "index": first, "kind": "multi_select", "columns": cols,
            "counts": counts, "answered": answered, "other": other}


BLOCKS = [(5, 10), (23, 34), (36, 43), (44, 48), (49, 55), (61, 67), (68, 73), (74, 77), (80, 82)]
SINGLE = [3, 4, 11] + list(range(12, 23)) + [35, 56, 57, 58, 59, 60, 78, 79] + list(range(83, 97))

questions = [block(a, b) for a, b in BLOCKS] + [choice(data, i, head[i]) for i in SINGLE]
questions.sort(key=lambda q: q["index"])

write({
    "file": FILE,
    "platform": "SurveyMonkey",
    "origin": {"repo": "fivethirtyeight/data", "path": "masculinity-survey/raw-responses.csv",
               "commit": "1c706a12dcdfdf4c8940d69d86a0d1a3ecb50e27", "licence": "MIT",
               "changes": "first 10 data rows kept (header row whole); bytes otherwise as read (CRLF line ends kept)"},
    "header_rows": 1,
    "respondents": len(raw),
    "questions": questions,
    "identifiers": [{"column": head[0], "index": 0, "what": "id"},
                    {"column": head[1], "index": 1, "what": "date"},
                    {"column": head[2], "index": 2, "what": "date"}],
    "free_text": [],
})
