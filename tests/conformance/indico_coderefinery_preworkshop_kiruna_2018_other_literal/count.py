#!/usr/bin/env python3
"""Hand count of kiruna-nov.csv (Indico event-survey export, CodeRefinery pre-workshop survey,
Kiruna, November 2018).

Judgement (one header row, first 23 respondents):
* 0/1 Submitter name and e-mail (emptied by the project), 2 submission timestamp: identifiers.
* 5 version control and 6 languages are multi-selects packed in one cell with "; ".  One
  version-control option itself contains a comma ("I use version control, but I don't know
  which system"), so the separator is ";" not ",".  Indico exports a chosen "Other" only as
  the word "Other" (the typed text is not in this export); a respondent with "Other" among
  the pieces is counted under "other", and "Other" is not an option key.
* 11 documentation, 12 build tools, 13 web repository were meant as multi-selects but the
  form had radio buttons (a respondent complains in column 19), so they are single choice;
  the answer "Other" again counts as "other".
* 3, 7-10, 14-18 single choice (18 "sessions most interested in" was also a radio list).
* 4 (OS version) and 19 (expectations) are typed text.
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

FILE = "kiruna-nov.csv"
rows = read_rows(FILE)
head, data = rows[0], rows[1:]

VC = ["I don't use version control and I don't know what it is",
      "I don't use version control but I know what it is",
      "I use version control, but I don't know which system",
      "Git", "Mercurial", "Subversion", "CVS", "Perforce", "Bazaar"]
LANG = ["Matlab", "R", "Python", "Perl", "C", "C++", "Fortran 77", "Fortran 90+",
        "Julia", "Haskell", "Go"]


def single(i):
    q = choice(data, i, head[i])
    if "Other" in q["counts"]:
        q["other"] += q["counts"].pop("Other")
    return q


questions = [single(3),
             multi_packed(data, 5, head[5], "; ", VC),
             multi_packed(data, 6, head[6], "; ", LANG)]
questions += [single(i) for i in (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18)]

write({
    "file": FILE,
    "platform": "Indico",
    "origin": {"repo": "coderefinery/pre-workshop-survey", "path": "indico_survey/2018/kiruna-nov.csv",
               "commit": "a5d6427819b97eac93a3c97a6e1686e5df0bc205", "licence": "CC-BY-4.0",
               "changes": "first 23 data rows kept (header row whole); bytes otherwise as read (CRLF line ends kept)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": head[0], "index": 0, "what": "name"},
                    {"column": head[1], "index": 1, "what": "e-mail"},
                    {"column": head[2], "index": 2, "what": "date"}],
    "free_text": [{"column": head[4], "index": 4}, {"column": head[19], "index": 19}],
})
