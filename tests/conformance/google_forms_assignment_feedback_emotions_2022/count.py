#!/usr/bin/env python3
"""Hand count of assignment-survey-data.csv: students' feedback on the rubrics,
checklists and keys of programming projects and homework (one course, 2021-2022),
a Google Forms "Download responses (.csv)" file: every cell quoted, timestamps like
"2021/12/21 9:47:17 PM AST", no newline after the last row.

Run: python3 count.py  -> writes expected.json beside this script.

Shape notes:
- Branching form: "Project" rows fill columns 2-8, "Homework" rows fill 9-13; the
  homework-key rating (column 11) was never answered (closed question, no answers).
- The first 161 rows were imported in bulk (timestamps one second apart) before the
  emotion questions existed; their emotion cells are empty.
- The three "select all that apply" emotion questions are packed with ";" and NO
  space (the Forms download format, unlike the ", " of a linked Sheet). Each allows an
  "Other" write-in, written last: "Anxiety;mad", "Enjoyment;Maybe a little bit
  confused", and one write-in that itself contains commas:
  "Gratitude;Relief, worried, confusion" (option Gratitude + write-in "Relief, worried,
  confusion"). "Pride;Sadness;relief" is counted as the option Relief (differs only in
  case). Several respondents typed whole sentences as the only "emotion".
- Options are inferred from the answers (the form is not published): the emotion
  words that recur, written in a stable order, capitalised.
- The hours column (14) is a number typed freely: not a choice, left out.
"""
FILE = "assignment-survey-data.csv"
PLATFORM = "Google Forms"
ORIGIN = {"repo": "jrg94/personal-data",
          "path": "education/assignment-survey-data.csv",
          "commit": "0f428a9313b5a74a063fdf1777c5c5be0095ff6f",
          "licence": "CC0-1.0",
          "changes": "none, except the instructor's surname and a teaching assistant's first "
                     "name inside one answer replaced by invented ones (file kept whole, "
                     "257 data rows)"}
ENCODING = "utf-8"
DELIMITER = ","
HEADER_ROWS = 1
QUESTION_ROW = 0
KEEP_ROWS = None

CHOICE = {
    1: ["Project", "Homework"],
    2: [str(i) for i in range(1, 12)],      # which project, 1-11
    3: ["1", "2", "3", "4", "5"],           # rubric satisfaction
    6: ["1", "2", "3", "4", "5"],           # checklist satisfaction
    9: [str(i) for i in range(1, 23)],      # which homework, 1-22
    10: ["Yes", "No"],
    11: ["1", "2", "3", "4", "5"],          # homework key satisfaction: no answers at all
}
MULTI = {
    16: (";", ["Joy", "Hope", "Relief", "Hopelessness", "Anxiety"]),
    17: (";", ["Enjoyment", "Anger", "Frustration", "Boredom"]),
    18: (";", ["Joy", "Pride", "Gratitude", "Relief", "Sadness", "Shame", "Anger"]),
}
MULTI_COLUMNS = {}

IDENTIFIERS = [(0, "date")]
FREE_TEXT = [4, 5, 7, 8, 12, 13, 15]


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
