"""Count the CodeRefinery follow-up survey (Indico export) by hand (standard library only); writes expected.json."""
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

FILE = "event_194_survey_48_2021-07-14-1534-cest.csv"
rows = read_rows(FILE)
header, data = rows[0], rows[1:]

CODE = ["More reusable", "More reproducible", "More modular", "Better documented", "None of the above"]
TOOLS = [
    "Version control (e.g. Git)",
    "Code review (e.g. via pull requests)",
    "Testing (e.g. pytest)",
    "Automated testing (e.g Travis CI or GitHub Actions or GitLab CI)",
    # Written with "of" instead of "or" in the "started using" question's answers:
    # the option's own wording there, not a write-in.
    "Automated testing (e.g Travis CI or GitHub Actions of GitLab CI)",
    "Code coverage analysis (e.g. Coveralls)",
    "Jupyter Notebooks",
    "Documentation hosting platforms (e.g. Read the Docs or GitHub Pages or GitLab Pages)",
    "Workflow management tools (e.g. Snakemake)",
    "Containers (e.g. Docker or Singularity)",
    "Conda environments and virtual environments",
    "None of the above",
]

questions = [
    choice(header, data, 3),   # workshop, from a list ("Online, May-June 2020" holds a comma)
    choice(header, data, 4),   # participation style, from a list
    choice(header, data, 5),   # position, from a list
    packed_multi(header, data, 6, "; ", CODE),
]
questions += [packed_multi(header, data, i, "; ", TOOLS) for i in (7, 8, 9, 10)]
questions += [choice(header, data, 11, ["Yes", "No"]), choice(header, data, 12, ["Yes", "No"]),
              choice(header, data, 13)]

write({
    "file": FILE,
    "platform": "Indico (event survey export)",
    "origin": {"repo": "coderefinery/post-workshop-survey",
               "path": "exported_responses/event_194_survey_48_2021-07-14-1534-cest.csv",
               "commit": "0cba20940f7a3ebac4110e7c66c9b37168c98e35", "licence": "CC-BY-4.0",
               "changes": "first 17 data rows kept; CRLF line ends as in the repository"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [{"column": header[0], "index": 0, "what": "name"},
                    {"column": header[1], "index": 1, "what": "e-mail"},
                    {"column": header[2], "index": 2, "what": "date"}],
    "free_text": [{"column": header[14], "index": 14}, {"column": header[15], "index": 15}],
})
