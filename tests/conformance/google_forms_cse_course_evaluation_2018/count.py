#!/usr/bin/env python3
"""Hand count of eval-data.csv: an instructor's own end-of-course evaluation form for
an introductory programming course (CSE 1223), a Google Forms "Download responses
(.csv)" file: every cell quoted, timestamps like "2018/12/12 8:36:23 PM EST".

Run: python3 count.py  -> writes expected.json beside this script.

Shape notes: three grid questions spread over 15 columns ("Level of effort [...]",
"Contribution to learning [...]" rated Poor/Fair/Satisfactory/Very good/Excellent;
"Skill and responsiveness of the instructor [...]" and "Course content [...]" rated
Strongly disagree ... Strongly agree); one grid cell left blank (row 6, "Course
workload was appropriate"). The LAST HEADER CELL IS EMPTY (""): that column holds the
name under which a testimonial may be quoted (pseudonymised here). Free-text cells
contain embedded newlines and doubled quotes.
"""
FILE = "eval-data.csv"
PLATFORM = "Google Forms"
ORIGIN = {"repo": "jrg94/personal-data",
          "path": "education/eval-data.csv",
          "commit": "0127e450ec0881a58225e94a7425824510c674dc",
          "licence": "CC0-1.0",
          "changes": "first 14 of 94 data rows kept (header row whole); the instructor's name "
                     "and a student's signed first name replaced by invented ones"}
ENCODING = "utf-8"
DELIMITER = ","
HEADER_ROWS = 1
QUESTION_ROW = 0
KEEP_ROWS = None

QUALITY = ["Poor", "Fair", "Satisfactory", "Very good", "Excellent"]
AGREE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
CHOICE = {1: None}                 # Class name (course chosen from a list)
for c in range(2, 7):
    CHOICE[c] = QUALITY
for c in range(7, 17):
    CHOICE[c] = AGREE
CHOICE[19] = None                  # Why did you choose this course? (Degree requirement / Interest)
MULTI = {}
MULTI_COLUMNS = {}

IDENTIFIERS = [(0, "date"), (22, "name")]
FREE_TEXT = [17, 18, 20, 21]


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
