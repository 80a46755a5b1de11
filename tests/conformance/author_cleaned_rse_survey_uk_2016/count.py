"""Count the SSI research software engineer survey 2016 (UK) public data by hand (standard library only); writes expected.json."""
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


def column_multi(header, data, title, option_cols, other_col=None):
    """Multi-select spread over one column per option (the cell holds the option's
    text when ticked) plus, optionally, an 'Other' write-in column."""
    counts = {}
    for i in option_cols:
        c = merged_counts(r[i] for r in data)
        for k, n in c.items():
            counts[k] = counts.get(k, 0) + n
    cols = list(option_cols) + ([other_col] if other_col is not None else [])
    answered = sum(1 for r in data if any(r[i].strip() for i in cols))
    other = sum(1 for r in data if other_col is not None and r[other_col].strip())
    q = {"column": title, "index": cols[0], "kind": "multi_select", "columns": cols,
         "counts": counts, "answered": answered, "other": other}
    return q

FILE = "public_data.csv"
rows = read_rows(FILE)
header, data = rows[0], rows[1:]

YES_NO = ["Yes", "No"]
FREQ = ["Never", "Sometimes", "Often", "Very Often", "Always"]          # "Never " (trailing space) merges into "Never"
AGREE = ["Strongly disagree", "Disagree", "Neither agree or disagree", "Agree", "Strongly Agree"]

# Column 0 has an empty header: the row index written by pandas (an identifier).
# Numbers typed freely are left out: 10 (start year, written 2016.0), 12 (contract
# duration in months, 36.0), 25 (bus factor, 1.0-4.0).
questions = [
    choice(header, data, 1),                 # country, from a list
    choice(header, data, 2),                 # highest qualification, from a list
    choice(header, data, 3),                 # academic subject, from a list ("Other" -> column 4)
]
questions += [choice(header, data, i, YES_NO) for i in (5, 6, 7, 8, 9)]
questions.append(choice(header, data, 11))   # contract type
questions.append(choice(header, data, 13))   # full / part time
questions += [choice(header, data, i, YES_NO) for i in (14, 15)]
questions.append(choice(header, data, 16))   # why left the private sector
questions.append(choice(header, data, 17))   # previous contract type
questions.append(choice(header, data, 19, YES_NO))
questions += [choice(header, data, i, YES_NO) for i in (21, 22, 23, 24, 26)]
questions += [choice(header, data, i, FREQ) for i in range(27, 37)]
questions += [choice(header, data, i, AGREE) for i in range(37, 56)]
questions.append(choice(header, data, 59, YES_NO))
questions += [choice(header, data, i) for i in (63, 64, 65, 66)]  # gender, age band, salary band, OS

write({
    "file": FILE,
    "platform": "author-cleaned survey data (pandas output of the SSI RSE survey: unnamed index column, 'code. question' headers)",
    "origin": {"repo": "softwaresaved/international-survey", "path": "analysis/2016/uk/data/public_data.csv",
               "commit": "cddacd9e43560ffe533ae0cdb7f6c0501620038a", "licence": "BSD-3-Clause",
               "changes": "first 17 data rows kept"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": header[0], "index": 0, "what": "id"}],
    "free_text": [{"column": header[i], "index": i} for i in (4, 18, 20, 56, 57, 58, 60, 61, 62)],
})
