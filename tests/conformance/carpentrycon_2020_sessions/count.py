"""Count the CarpentryCon@Home 2020 session feedback by hand (standard library only); writes expected.json."""
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

FILE = "carpentrycon_2020_sessions.csv"
rows = read_rows(FILE)
header, data = rows[0], rows[1:]
col = {h: i for i, h in enumerate(header)}

ONE_TO_FIVE = ["1", "2", "3", "4", "5"]
ONE_TO_SIX = ["1", "2", "3", "4", "5", "6"]   # these questions' answers run to 6
ONE_TO_THREE = ["1", "2", "3"]
NPS = [str(n) for n in range(11)]

questions = [
    # Sessions chosen from the programme (one title double-encoded: "Â¡Traduciendo!"),
    # time zones and countries chosen from lists.
    choice(header, data, col["session"]),
    choice(header, data, col["time_zone"]),
    choice(header, data, col["country"]),
]
# presenters_clear has one stray 0 on its 1-5 scale: counted under "other".
for name in ["presenters_prepared", "presenters_knowledgeable", "presenters_clear",
             "presenters_responsive"]:
    questions.append(choice(header, data, col[name], ONE_TO_FIVE))
for name in ["valuable_feedback", "session_build_community", "session_materials",
             "session_membership", "session_new_communities", "session_develop_skills"]:
    questions.append(choice(header, data, col[name], ONE_TO_SIX))
questions.append(choice(header, data, col["session_relevant_theme"], ONE_TO_FIVE))
questions.append(choice(header, data, col["satisfaction_interaction"], ONE_TO_FIVE))
questions.append(choice(header, data, col["satisfaction_session_length"], ONE_TO_THREE))
questions.append(choice(header, data, col["nps"], NPS))

write({
    "file": FILE,
    "platform": "event feedback survey, raw export with snake_case names (The Carpentries)",
    "origin": {"repo": "carpentries/assessment",
               "path": "programmatic-assessment/carpentrycon/data/2020_carpentryconhome_raw.csv",
               "commit": "d1e52ecb46ae07c231b0a6703906dc905bd2dc80", "licence": "CC-BY-4.0",
               "changes": "none (whole file, copied from tests/fixtures/real/)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    "identifiers": [],
    "free_text": [],
})
