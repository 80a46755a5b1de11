"""Count the Google Forms responses saved as TSV by hand (standard library only); writes expected.json."""
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

FILE = "responses.tsv"
rows = read_rows(FILE, delimiter="\t")
header, data = rows[0], rows[1:]

CONSENT = ["Yes, I consent."]
DEFINITION = ["Yes, I agree", "No, I do not agree"]
HOW_OFTEN = ["Never", "A few times a year", "Monthly", "Weekly", "Daily"]
AGREE = ["Strongly disagree", "Disagree", "Agree", "Strongly agree"]
FREQ = ["Never", "Rarely", "Sometimes", "Often"]
EXPERIENCE = ["0 - 1", "2 - 4", "5 - 8", "9 - 12", "13 +"]
# Checkbox question; Google Forms writes the ticked options in the form's order
# and an "Other" text last. Judged to be typed under "Other": "bash" (lower case)
# and "Gosu (a close relative of Java)". Perl, last in its cell, is taken as a
# listed language (it follows Objective-C, in the form's order).
LANGUAGES = ["JavaScript", "Python", "Java", "C#", "TypeScript", "PHP", "C++", "C",
             "Go", "Kotlin", "Ruby", "Swift", "Objective-C", "Scala", "Perl"]

questions = [choice(header, data, 1, CONSENT), choice(header, data, 2, DEFINITION),
             choice(header, data, 4, HOW_OFTEN)]
questions += [choice(header, data, i, AGREE) for i in range(5, 13)]
questions += [choice(header, data, i, FREQ) for i in range(13, 23)]
questions += [choice(header, data, i, FREQ) for i in range(24, 32)]
questions.append(packed_multi(header, data, 33, ", ", LANGUAGES))
questions.append(choice(header, data, 34, EXPERIENCE))

write({
    "file": FILE,
    "platform": "Google Forms (saved as tab-separated values)",
    "origin": {"repo": "flake-it/flaky-test-survey-replication-package", "path": "responses.tsv",
               "commit": "a0ad90e8779e0d895c86cb9f43b8630cf7f880d6", "licence": "MIT",
               "changes": "first 23 data rows kept (of the file's responses); CRLF line ends as in the repository"},
    "delimiter": "\t",
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": header[0], "index": 0, "what": "date"},
                    {"column": header[36], "index": 36, "what": "e-mail"}],
    "free_text": [{"column": header[i], "index": i} for i in (3, 23, 32, 35)],
})
