#!/usr/bin/env python3
"""Hand count of responses.csv: 2016 Jupyter education survey, a Google Forms export
(one header row, "Timestamp" first; multi-select answers packed in one cell with ", ",
and some options themselves contain ", ").

Run: python3 count.py  -> writes expected.json beside this script.

Judgement (made by reading the file; the form itself, questions.pdf, was not readable):
- Options are inferred from the answers. Google Forms lists ticked options in the
  form's order and writes an "Other" write-in last, so text that is not one of the
  options below is a write-in.
- "PhD, Postdoc, senior researchers" (level of education) is ONE write-in although it
  contains ", ". "Mixed (conferences, workshops, Software Carpentry style events, etc.)"
  is ONE option.
"""
FILE = "responses.csv"
PLATFORM = "Google Forms"
ORIGIN = {"repo": "jupyter/surveys",
          "path": "surveys/2016-05-education-survey/responses.csv",
          "commit": "b5c7cf50738ecadb559d63dd513e2d2f38398606",
          "licence": "CC0-1.0",
          "changes": "first 32 data rows kept (header row whole); instructor names (column 5) and "
                     "personal user names inside URLs (columns 3, 4, 13) replaced by invented ones; line "
                     "ends LF as the text index served the file (the repository copy separates "
                     "records with CRLF)"}
ENCODING = "utf-8"
DELIMITER = ","
HEADER_ROWS = 1
QUESTION_ROW = 0
KEEP_ROWS = None

# single choice: column -> options the form offered (None: every answer is an option)
CHOICE = {
    6: ["Every year", "Once", "Every other year", "Every semester / quarter",
        "Semi-continuously (e.g. a MOOC)", "Ad-hoc (e.g. workshops)"],
        # write-in: "Online Screencast"
    7: ["Less than 10", "10 - 25", "25 - 50", "50 - 100", "100 - 250", "More than 500"],
    9: ["Complete novice (no experience)", "Novice (~1 semester of experience)",
        "Intermediate (a year of experience)", "Advanced (2-3 years of experience)"],
    14: ["JupyterHub", "It is installed on computers in a university/school computer cluster or lab",
         "They have it installed on their own computers", "SageMath Cloud"],
         # write-ins: "anaconda is provided, then conda create", "All of the above except for
         # Binder and tmppnb", "Mainly static output", "We distribute a VM with ..."
}
# packed multi-select: column -> (separator, options)
MULTI = {
    8: (", ", ["High school (ages 14-18)", "Community college",
               "Introductory undergraduate (freshman and sophmores)",
               "Intermediate undergraduate (sophmores and juniors)",
               "Advanced undergraduate (juniors and seniors)", "Graduate", "MOOC",
               "Mixed (conferences, workshops, Software Carpentry style events, etc.)"]),
        # write-ins: "Corporate Training", "PhD, Postdoc, senior researchers"
    10: (", ", ["Biology", "Chemistry", "Computer science", "Data science", "Earth science",
                "Economics", "Electrical engineering", "Geography", "Linguistics",
                "Machine learning", "Mathematics", "Medicine", "Physics",
                "Planetary/space science", "Psychology", "Robotics", "Sociology", "Statistics"]),
         # write-ins: "Artificial Intelligence", "astrophysics" (both after the alphabetical list)
    12: (", ", ["Jupyter notebook", "IPython terminal", "IPython parallel", "Interactive widgets",
                "JupyterHub", "nbconvert", "nbgrader"]),
    15: (", ", ["Bash", "Fortran", "Javascript", "Matlab / Octave", "Python 2", "Python 3", "R",
                "SAS"]),
         # write-ins: "OCaml", "C", "Cython"
    16: (", ", ["IHaskell", "IJavascript", "IJulia", "IPyKernel", "IRKernel", "SageMath"]),
         # write-in: "iocaml"
    17: (", ", ["In-class exercises", "Lab exercises", "Homeworks / problem sets",
                "Collaborative / group assignments", "Exams"]),
    18: (", ", ["Autograded coding exercises", "Manually graded coding exercises",
                "Ungraded coding exercises", "Manually graded written answers (prose)",
                "Ungraded written answers (prose)"]),
         # write-ins: "Carry out a project", "N/A"
    19: (", ", ["nbgrader", "By hand", "Peer grading", "N/A"]),
         # write-in: "Pytest"
    20: (", ", ["Style", "Correctness", "Clarity", "N/A"]),
         # write-ins: "Complexity. Did the student utilize a higher concept appropriately?",
         # 'Analysis "correctness"'
}
MULTI_COLUMNS = {}

# 3 and 4: typed course URLs (may name an instructor); 5: instructor names
IDENTIFIERS = [(0, "date"), (3, "other"), (4, "other"), (5, "name")]
FREE_TEXT = [1, 2, 11, 13, 21, 22, 23, 24]


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
