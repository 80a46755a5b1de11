"""Count the LimeSurvey export by hand (standard library only); writes expected.json."""
import collections
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FILE = "results-survey.csv"


def norm(v):
    return " ".join(v.split()).casefold()


def merged_counts(values):
    """Count non-blank answers, merging forms that differ only in case/spaces."""
    forms = collections.defaultdict(collections.Counter)
    for v in values:
        if v.strip():
            forms[norm(v)][v.strip()] += 1
    out = {}
    for group in forms.values():
        out[group.most_common(1)[0][0]] = sum(group.values())
    return out


with open(os.path.join(HERE, FILE), encoding="utf-8", newline="") as f:
    rows = list(csv.reader(f, delimiter=";"))

# Two header rows: row 0 holds a question group's wording over its first column,
# row 1 the sub-question / option of each column.
top, sub, data = rows[0], rows[1], rows[2:]
respondents = len(data)

FREQ = ["sehr häufig", "eher häufig", "eher selten", "selten", "gar nicht"]
AGREE = ["Stimme vollständig zu", "Stimme eher zu", "Stimme eher nicht zu",
         "Stimme gar nicht zu", "Keine Angabe"]


def group_title(i):
    while i >= 0 and not top[i].strip():
        i -= 1
    return top[i]


def choice(i, options):
    c = merged_counts(r[i] for r in data)
    counts = {k: n for k, n in c.items() if k in options}
    other = sum(n for k, n in c.items() if k not in options)
    return {"column": sub[i], "group": group_title(i), "index": i, "kind": "choice",
            "counts": counts, "other": other}


def multi_yes_no(first, last_option, writein):
    """One Ja/Nein column per option, then a 'Sonstiges' write-in column."""
    cols = list(range(first, last_option + 1))
    counts = {}
    for i in cols:
        n = sum(1 for r in data if r[i].strip() == "Ja")
        if n:
            counts[sub[i]] = n
    answered = sum(1 for r in data
                   if any(r[i].strip() == "Ja" for i in cols) or r[writein].strip())
    other = sum(1 for r in data if r[writein].strip())
    return {"column": top[first], "index": first, "kind": "multi_select",
            "columns": cols + [writein], "counts": counts, "answered": answered,
            "other": other}


questions = [multi_yes_no(0, 5, 6)]
questions += [choice(i, FREQ) for i in range(7, 11)]
questions += [choice(i, FREQ) for i in range(12, 17)]
questions += [choice(i, FREQ) for i in range(18, 22)]
questions.append(multi_yes_no(22, 28, 29))
questions += [choice(i, AGREE) for i in range(30, 37)]

expected = {
    "file": FILE,
    "platform": "LimeSurvey",
    "origin": {
        "repo": "dfuchss/An-Expert-Survey-on-the-Use-of-Informal-Models-in-the-Automotive-Industry",
        "path": "results-survey.csv",
        "commit": "0c25166c9c16a6e00cad0aa3d852cafa18a1ec45",
        "licence": "MIT",
        "changes": "none (whole file)",
    },
    "delimiter": ";",
    "header_rows": 2,
    "respondents": respondents,
    "questions": questions,
    "identifiers": [],
    "free_text": [{"column": sub[i], "index": i} for i in (11, 17, 37)],
}

with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
    f.write("\n")
