"""Count The Carpentries 2017 long-term learner survey by hand (standard library only); writes expected.json."""
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

FILE = "carpentries_long_term_2017.csv"
rows = read_rows(FILE)
header, data = rows[0], rows[1:]
col = {h: i for i, h in enumerate(header)}

# SurveyMonkey's "one column per option" layout flattened to a single header row:
# a multi-select question's first column carries its title, the next ones are
# named Column2, Column3 ...; each cell holds the option's text when ticked; the
# last column of each such question holds the "Other" write-in.
def multi(title, first, last_option, other_col):
    return column_multi(header, data, title, range(col[first], col[last_option] + 1),
                        col[other_col])

USAGE_BEFORE = ["Daily.", "Weekly.", "Monthly.", "Several times per year.",
                "Less than once per year.", "I had not been using tools like these."]
USAGE_SINCE = ["Daily.", "Weekly.", "Monthly.", "Several times per year.",
               "Less than once per year.", "I have not been using tools like these."]
CONFIDENCE = ["I'm more confident now.", "I'm equally confident now.", "I'm less confident now."]
YES_NO_SURE = ["Yes.", "No.", "Not sure."]
AGREE = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
RECOMMENDED = ["Yes.", "No.", "I don't remember."]
NPS = [str(n) for n in range(11)]

questions = [
    choice(header, data, col["Country"]),           # countries from a list
    choice(header, data, col["Position"]),          # write-ins are in Position-Other
    multi("Field", "Field", "Column12", "Column13"),
    choice(header, data, col["How-Many-Workshops"], ["1", "2", "3+"]),
    choice(header, data, col["How-Long-Ago"],
           ["0-6 months ago", "6 months - 1 year ago", "More than 1 year ago"]),
    multi("Content", "Content", "Column23", "Column24"),
    multi("Behaviors-Adopted", "Behaviors-Adopted", "Column32", "Column33"),
    choice(header, data, col["Programming-Usage-Before-Workshop"], USAGE_BEFORE),
    choice(header, data, col["Programming-Usage-Since-Workshop"], USAGE_SINCE),
    choice(header, data, col["Change-In-Confidence"], CONFIDENCE),
    multi("How-Tools-Learned-Help", "How-Tools-Learned-Help", "Column37", "Column38"),
    choice(header, data, col["Contributed-To-Writing"], YES_NO_SURE),
]
for name in ["Skills-Advance-Career", "Motivated-Seek-Knowledge", "Made-Analyses-Reproducible",
             "Received-Professional-Recognition", "Improved Coding Practices",
             "Improved-Research-Productivity", "Gained-Confidence-With-Data"]:
    questions.append(choice(header, data, col[name], AGREE))
questions += [
    multi("Carpentry-Involvement", "Carpentry-Involvement", "Column51", "Column52"),
    # Column58 holds only a typed "none" (twice): the "Other" write-in of Activities.
    multi("Activities", "Activities", "Column57", "Column58"),
    choice(header, data, col["Recommended"], RECOMMENDED),
    choice(header, data, col["Likely-To-Recommend"], NPS),
]

write({
    "file": FILE,
    "platform": "SurveyMonkey (option columns flattened to one header row: Column2, Column3 ...)",
    "origin": {"repo": "carpentries/assessment",
               "path": "learner-assessment/archives/2017/data/longterm_October2017.csv",
               "commit": "759194522abeed5a02bdb1dd244cc6045f54505a", "licence": "CC-BY-4.0",
               "changes": "first 120 data rows kept (copied from tests/fixtures/real/)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [],
    # Position-Other is the write-in column of Position.
    "free_text": [{"column": "Position-Other", "index": col["Position-Other"]}],
})
