"""Count The Carpentries instructor-training post-survey by hand (standard library only); writes expected.json."""
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

FILE = "carpentries_instructor_training_post.csv"
rows = read_rows(FILE)
header, data = rows[0], rows[1:]
col = {h: i for i, h in enumerate(header)}

AGREE = ["Strongly Agree", "Agree", "Neither Agree nor Disagree", "Disagree", "Strongly Disagree"]
PACE = ["Too slow", "Slightly slow", "Just right", "Slightly fast", "Too fast"]
HANDS_ON = ["Too much lecture", "Slightly too much lecture", "Balanced (lecture/hands-on)",
            "Slightly too much hands-on", "Too much hands-on"]
FREQ = ["All of the time", "Often", "Sometimes", "Rarely", "Never"]
NEW = ["All of it", "Most of it", "About\xa0half\xa0of\xa0it", "Some of it", "None of it"]
ABLE = ["Not at all able", "Slightly able", "Neutral", "Moderately able", "Extremely able"]
KNOW = ["Little or no knowledge of topic", "Some knowledge of topic", "Extensive knowledge of topic"]
MOTIV = ["Much less motivated", "Less motivated", "Slightly less motivated",
         "No change in motivation", "More motivated", "Much more motivated"]
COMPLETE = ["Yes, I understand", "Could use some more details", "No, not clear at all",
            "Other (please specify)"]
NPS = [str(n) for n in range(11)]

questions = [
    choice(header, data, col["WhenTaking"]),     # two fixed statements
    choice(header, data, col["MemberSite"]),     # training events from a list, incl. "My training event is not listed"
]
for name in ["InformationReasonableTime", "AtmosphereWelcoming", "LearnedSkills", "Material", "Worth"]:
    questions.append(choice(header, data, col[name], AGREE))
questions.append(choice(header, data, col["Pace"], PACE))
questions.append(choice(header, data, col["HandsOn"], HANDS_ON))
for name in ["TrainersClearAnswers", "TrainersConsiderate", "TrainersCommunicators", "TrainersEnthusiastic"]:
    questions.append(choice(header, data, col[name], FREQ))
questions.append(choice(header, data, col["NewInformation"], NEW))
for i in range(col["LiveCodingPostAbility"], col["LearningObjectivesPostAbility"] + 1):
    questions.append(choice(header, data, i, ABLE))
for i in range(col["KnowledgeFormativeAssessmentPost"], col["KnowledgeMotivationStrategiesPost"] + 1):
    questions.append(choice(header, data, i, KNOW))
for i in range(col["MotivationFormativeAssessmentPost"], col["MotivationMotivationStrategiesPost"] + 1):
    questions.append(choice(header, data, i, MOTIV))
questions.append(choice(header, data, col["CompleteTraining"], COMPLETE))
questions.append(choice(header, data, col["LikelyToRecommend"], NPS))

write({
    "file": FILE,
    "platform": "survey export cleaned by The Carpentries (one header row of short variable names)",
    "origin": {"repo": "carpentries/assessment",
               "path": "programmatic-assessment/instructor-training/data/20180908_post_clean.csv",
               "commit": "759194522abeed5a02bdb1dd244cc6045f54505a", "licence": "CC-BY-4.0",
               "changes": "first 120 data rows kept (copied from tests/fixtures/real/)"},
    "header_rows": 1,
    "respondents": len(data),
    "questions": questions,
    # 'Recommend' is a question column that nobody answered in these rows.
    "empty_columns": [{"column": "Recommend", "index": col["Recommend"]}],
    "identifiers": [{"column": "Date", "index": col["Date"], "what": "date"},
                    {"column": "UniqueID", "index": col["UniqueID"], "what": "id"}],
    "metadata": [{"column": "Workshop ID", "index": col["Workshop ID"]}],
    # The two 'Other' write-in columns of MemberSite and CompleteTraining.
    "free_text": [{"column": "MemberSiteOther", "index": col["MemberSiteOther"]},
                  {"column": "CompleteTrainingOther", "index": col["CompleteTrainingOther"]}],
})
