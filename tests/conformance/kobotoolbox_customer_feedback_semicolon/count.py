"""Count the KoboToolbox CSV export by hand (standard library only); writes expected.json."""
import collections
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def norm(v):
    return " ".join(v.split()).casefold()


def merged_counts(values):
    """Count non-blank answers, merging forms that differ only in case or spaces
    into the most common written form."""
    forms = collections.defaultdict(collections.Counter)
    for v in values:
        if v.strip():
            forms[norm(v)][v.strip()] += 1
    return {g.most_common(1)[0][0]: sum(g.values()) for g in forms.values()}


def read_rows(name, delimiter=",", encoding="utf-8"):
    with open(os.path.join(HERE, name), encoding=encoding, newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def choice(header, data, i, options=None):
    """Single choice: options=None means every answer given is one of the form's options."""
    c = merged_counts(r[i] for r in data if i < len(r))
    if options is None:
        return {"column": header[i], "index": i, "kind": "choice", "counts": c, "other": 0}
    opts = {norm(o) for o in options}
    return {"column": header[i], "index": i, "kind": "choice",
            "counts": {k: n for k, n in c.items() if norm(k) in opts},
            "other": sum(n for k, n in c.items() if norm(k) not in opts)}


def packed_multi(header, data, i, sep, options):
    """Multi-select packed in one cell; pieces not among options are write-ins."""
    opts = {norm(o): o for o in options}
    counts = collections.Counter()
    answered = other = 0
    for r in data:
        cell = r[i] if i < len(r) else ""
        if not cell.strip():
            continue
        answered += 1
        pieces = [p.strip() for p in cell.split(sep.strip())]
        seen = set()
        wrote_in = False
        for p in pieces:
            if not p:
                continue
            if norm(p) in opts:
                seen.add(opts[norm(p)])
            else:
                wrote_in = True
        for o in seen:
            counts[o] += 1
        other += wrote_in
    return {"column": header[i], "index": i, "kind": "multi_select", "separator": sep,
            "counts": {o: counts[o] for o in options if counts[o]},
            "answered": answered, "other": other}


def write(expected):
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")

FILE = "kobo_data.csv"
rows = read_rows(FILE, delimiter=";")
header, data = rows[0], rows[1:]

# Kobo's default CSV: ';' separated, every field quoted, one header row of labels.
# Store location, Gender: chosen from a list. The three satisfaction questions are
# 1-5 ratings. Age holds a typed year of birth (not a choice): left out.
questions = [
    choice(header, data, 3),
    choice(header, data, 4),
    choice(header, data, 6, ["1", "2", "3", "4", "5"]),
    choice(header, data, 7, ["1", "2", "3", "4", "5"]),
    choice(header, data, 8, ["1", "2", "3", "4", "5"]),
]

write({
    "file": FILE,
    "platform": "KoboToolbox",
    "origin": {"repo": "ChidinmaAssumpta-2025/Customers-feedback-", "path": "kobo_data.csv",
               "commit": "c7e901f4c63c760c33ddce535211a96b614ff356", "licence": "MIT",
               "changes": "none (whole file)"},
    "delimiter": ";",
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [
        {"column": header[0], "index": 0, "what": "date"},
        {"column": header[1], "index": 1, "what": "date"},
        {"column": header[2], "index": 2, "what": "date"},
        {"column": header[10], "index": 10, "what": "id"},
        {"column": header[11], "index": 11, "what": "id"},
        {"column": header[12], "index": 12, "what": "date"},
        {"column": header[16], "index": 16, "what": "name"},
        {"column": header[19], "index": 19, "what": "id"},
    ],
    "metadata": [{"column": header[i], "index": i} for i in (13, 14, 15, 17, 18)],
    "free_text": [{"column": header[9], "index": 9}],
})
