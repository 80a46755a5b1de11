#!/usr/bin/env python3
"""Hand count of spack-user-survey-2020-responses.csv: Spack user survey 2020, a Google
Forms export (one header row, "Timestamp" first). Grid questions appear as one column
per row of the grid ("Rank these ... [New, backtracking concretizer]"). Multi-select
answers are packed in one cell with ", ". Some single-choice options contain commas
("> 1,000", "500-1,000", "Yes, I'd attend") and some have doubled spaces
("I'd live.  (I can provide 2.7 somehow)").

Run: python3 count.py  -> writes expected.json beside this script.

Judgement: options inferred from the answers (the form is not published); the few
answers that read as typed "Other" text are write-ins: "Compiler Testing" (application
areas) and "spack help" (how do you get help).
"""
FILE = "spack-user-survey-2020-responses.csv"
PLATFORM = "Google Forms"
ORIGIN = {"repo": "spack/spack-user-survey",
          "path": "data/spack-user-survey-2020-responses.csv",
          "commit": "7f6b7cb0de8313054c4a62c83d1c97d2526a2128",
          "licence": "MIT OR Apache-2.0",
          "changes": "first 24 data rows kept (header row whole); a user name inside a file path "
                     "and a first name in a comment replaced by invented ones; saved without the UTF-8 "
                     "byte-order mark that the repository copy starts with (the text index did "
                     "not show it)"}
ENCODING = "utf-8"
DELIMITER = ","
HEADER_ROWS = 1
QUESTION_ROW = 0
KEEP_ROWS = None

RANK = ["Not Important", "Slightly Important", "Somewhat important", "Very Important", "Critical"]
QUALITY = ["Horrible", "Bad", "OK", "Good", "Excellent"]
CHOICE = {
    1: None,   # What kind of user are you?
    2: None,   # Where do you work?
    3: None,   # country, from a list
    4: ["Yes", "No"],
    6: None,   # How did you find out about Spack?
    7: None,   # years using Spack: 0..5 offered as numbers
    11: ["1 - 10", "10 - 100", "100 - 200", "200 - 500", "500-1,000", "> 1,000"],
    13: ["Do it!", "I'd live.  (I can provide 2.7 somehow)",
         "Unacceptable  (it's the only python on important machines)"],
    14: ["Do it!", "I'd live (I can provide Python 3 somehow)", "Unacceptable"],
    33: ["Yes, I'd attend", "Yes, I'd present something!", "Maybe", "No"],
    34: ["Yes", "No"],
    36: None,  # Daily / Weekly / Monthly ...
    37: None,  # Probably / Probably not / No ...
}
for c in range(20, 32):
    CHOICE[c] = RANK
for c in range(38, 42):
    CHOICE[c] = QUALITY

MULTI = {
    5: (", ", ["Traditional HPC / Simulation", "Statistics / Data Analysis", "AI/ML",
               "Computer Science Research", "Bioinformatics", "High Energy Physics"]),
       # write-in: "Compiler Testing"
    8: (", ", ["No", "Packages", "Core Features", "Documentation", "Slack Discussions",
               "Mailing List", "Issues"]),
    9: (", ", None),
    10: (", ", None),
    12: (", ", None),
    15: (", ", None),
    16: (", ", None),
    17: (", ", None),
    18: (", ", None),
    19: (", ", None),
    35: (", ", ["Documentation", "Slack", "Coworkers", "Mailing List", "GitHub"]),
        # write-in: "spack help"
}
MULTI_COLUMNS = {}

IDENTIFIERS = [(0, "date")]
FREE_TEXT = [32, 42, 43, 44, 45, 46, 47]


# ---------------------------------------------------------------------------
# Counting (standard library only). Everything above is the hand-made judgement.
# ---------------------------------------------------------------------------
import csv
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def is_blank(v):
    return v is None or v.strip() == ""


def norm(v):
    return " ".join(v.split()).lower()


def merge_forms(values):
    """Map each answer to the most common written form among answers that differ
    only in case or surrounding / repeated spaces."""
    groups = {}
    for v in values:
        groups.setdefault(norm(v), Counter())[v] += 1
    canon = {}
    for c in groups.values():
        best = c.most_common(1)[0][0]
        for v in c:
            canon[v] = best
    return canon


def split_packed(cell, sep, options):
    """Split a packed multi-select cell. Without a list of options every piece is an
    option. With one, known options are peeled off the front in turn (an option may
    itself contain the separator); the platform writes an "Other" write-in after the
    ticked options, so whatever is left over is one write-in."""
    s = sep.strip() or sep
    if options is None:
        return [p.strip() for p in cell.split(s) if p.strip()], []
    opts = sorted(options, key=len, reverse=True)
    rest = cell.strip()
    picked, others = [], []
    while rest:
        for o in opts:
            tail = rest[len(o):]
            if rest[:len(o)].lower() == o.lower() and (tail.strip() == "" or tail.lstrip().startswith(s)):
                picked.append(o)
                rest = tail.strip()
                if rest.startswith(s):
                    rest = rest[len(s):].strip()
                break
        else:
            w = rest.strip()
            while w.endswith(s):
                w = w[: -len(s)].strip()
            if w:
                others.append(w)
            rest = ""
    return picked, others


def read_rows():
    with open(os.path.join(HERE, FILE), encoding=ENCODING, newline="") as f:
        return list(csv.reader(f, delimiter=DELIMITER))


def sort_counts(c):
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))


def main():
    rows = read_rows()
    qrow = rows[QUESTION_ROW]
    data = [r for r in rows[HEADER_ROWS:] if any(not is_blank(x) for x in r)]
    data = data[:KEEP_ROWS] if KEEP_ROWS else data

    def cell(r, i):
        return r[i] if i < len(r) else ""

    questions = []
    for col in sorted(set(CHOICE) | set(MULTI) | set(MULTI_COLUMNS)):
        if col in CHOICE:
            opts = CHOICE[col]
            vals = [cell(r, col) for r in data if not is_blank(cell(r, col))]
            canon = merge_forms(vals)
            counts, other = Counter(), 0
            okeys = None if opts is None else {norm(o) for o in opts}
            for v in vals:
                w = canon[v]
                if okeys is None or norm(w) in okeys:
                    counts[w] += 1
                else:
                    other += 1
            questions.append({"column": qrow[col], "index": col, "kind": "choice",
                              "counts": sort_counts(counts), "other": other})
        elif col in MULTI:
            sep, opts = MULTI[col]
            counts, answered, other = Counter(), 0, 0
            pieces_all = []
            per_row = []
            for r in data:
                v = cell(r, col)
                if is_blank(v):
                    continue
                picked, others = split_packed(v, sep, opts)
                per_row.append((picked, others))
                pieces_all.extend(picked)
            canon = merge_forms(pieces_all)
            for picked, others in per_row:
                if picked or others:
                    answered += 1
                for p in {canon[p] for p in picked}:
                    counts[p] += 1
                if others:
                    other += 1
            questions.append({"column": qrow[col], "index": col, "kind": "multi_select",
                              "separator": sep, "counts": sort_counts(counts),
                              "answered": answered, "other": other})
        else:
            spec = MULTI_COLUMNS[col]
            counts, answered, other = Counter(), 0, 0
            for r in data:
                any_tick = False
                for c, label in spec["options"].items():
                    if not is_blank(cell(r, c)):
                        counts[label] += 1
                        any_tick = True
                wi = spec.get("other_column")
                if wi is not None and not is_blank(cell(r, wi)):
                    other += 1
                    any_tick = True
                if any_tick:
                    answered += 1
            cols = sorted(spec["options"]) + ([spec["other_column"]] if spec.get("other_column") is not None else [])
            questions.append({"column": spec["title"], "index": col, "kind": "multi_select",
                              "columns": cols, "counts": sort_counts(counts),
                              "answered": answered, "other": other})
    out = {
        "file": FILE,
        "platform": PLATFORM,
        "origin": ORIGIN,
        "header_rows": HEADER_ROWS,
        "respondents": len(data),
        "questions": questions,
        "identifiers": [{"column": qrow[i], "index": i, "what": w} for i, w in IDENTIFIERS],
        "free_text": [{"column": qrow[i], "index": i} for i in FREE_TEXT],
    }
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
