"""Hand count of "The use of software in research (Responses) 24 Oct 14 - Form
Responses 1.csv" (Software Sustainability Institute survey, Google Forms,
2014; data licensed CC BY 2.5 Scotland). Writes expected.json.

Judgement:
- one header row (the questions). The line right under it is a record of
  empty cells only (",,,,"): it is not a header and not a respondent.
- records end in CRLF; typed answers may hold LF line breaks inside quotes.
- Timestamp and the e-mail column are identifiers (e-mails pseudonymised).
- Q1 institution, Q11 software names, job title and final comments: typed
  free text.
- Q2 roles and Q9 training: Google Forms checkboxes packed in one cell with
  ", ". Q2 had an "Other" box: "teach/admin" and "design research" are
  write-ins (2 respondents). Q9's options are "No", "Yes - a taught course",
  "Yes - self taught using online resources or books".
- Q3, Q4, Q5, Q7, Q10, gender, contract: single choice; every value present is
  an option (Q3 and Q10 options contain commas inside quotes).
- Q6, Q8: Yes/No.
- Extra question 4 (operating system): choice with an "Other" box:
  "DOS or ZX Spectrum" and "I prefer Windows and Unix" are write-ins.
"""
# ---- shared counting helpers (standard library only) ----
import csv, json, os
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))


def read_rows(name, delimiter=","):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))


def blank(v):
    return v is None or v.strip() == ""


def canon(v):
    """Key used to merge answers that differ only in case or spaces."""
    return " ".join(v.split()).casefold()


def merge(values):
    """Counter of answers, merging case/space variants into the most common
    written form (surrounding spaces are not part of the written form)."""
    groups = OrderedDict()
    for v in values:
        if blank(v):
            continue
        groups.setdefault(canon(v), Counter())[v.strip()] += 1
    out = Counter()
    for forms in groups.values():
        best = max(forms.items(), key=lambda kv: kv[1])[0]
        out[best] = sum(forms.values())
    return out


def ordered(counter, order=None):
    keys = list(counter)
    if order:
        pos = {canon(o): i for i, o in enumerate(order)}
        keys.sort(key=lambda k: (pos.get(canon(k), len(pos)), -counter[k], k))
    else:
        keys.sort(key=lambda k: (-counter[k], k))
    return OrderedDict((k, counter[k]) for k in keys)


def choice(header, rows, idx, options=None, column=None):
    """Single choice. options=None: every answer given is judged an option."""
    c = merge(r[idx] for r in rows)
    if options is None:
        counts, other = c, 0
    else:
        allowed = {canon(o) for o in options}
        counts = Counter({k: n for k, n in c.items() if canon(k) in allowed})
        other = sum(n for k, n in c.items() if canon(k) not in allowed)
    return OrderedDict([("column", header[idx] if column is None else column),
                        ("index", idx), ("kind", "choice"),
                        ("counts", ordered(counts, options)), ("other", other)])


def multi_packed(header, rows, idx, separator, options, column=None):
    """Multi-select packed in one cell. Splits on the separator, but an option
    that itself contains the separator is matched first as a whole."""
    sep = separator.strip()
    counts, answered, other = Counter(), 0, 0
    for r in rows:
        cell = r[idx]
        if blank(cell):
            continue
        answered += 1
        rest = cell
        ticked = set()
        for o in sorted(options, key=len, reverse=True):
            if sep in o and o in rest:
                ticked.add(o)
                rest = rest.replace(o, "")
        pieces = [p.strip() for p in rest.split(sep)]
        wrote_in = False
        for p in pieces:
            if not p:
                continue
            hit = [o for o in options if canon(o) == canon(p)]
            if hit:
                ticked.add(hit[0])
            else:
                wrote_in = True
        for o in ticked:
            counts[o] += 1
        other += wrote_in
    return OrderedDict([("column", header[idx] if column is None else column),
                        ("index", idx), ("kind", "multi_select"),
                        ("separator", separator),
                        ("counts", ordered(counts, options)),
                        ("answered", answered), ("other", other)])


def write(doc):
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")
# ---- end of helpers ----

FILE = "The use of software in research (Responses) 24 Oct 14 - Form Responses 1.csv"
rows = read_rows(FILE)
header = rows[0]
data = [r for r in rows[1:] if any(not blank(v) for v in r)]

ROLES = ["I conduct research", "I support researchers",
         "I manage researchers or research projects", "I develop software for researchers"]
TRAINING = ["No", "Yes - a taught course", "Yes - self taught using online resources or books"]
YEARS = ["Less than a year", "1-5 years", "6-10 years", "11-15 years", "16-20 years",
         "More than 20 years"]
NOLONGER = ["It would not be practical to conduct my work without software",
            "My work would require more effort, but it would still be possible",
            "It would make no significant difference to my work"]
COSTS = ["Yes", "No", "No, but we expected to develop software as part of the project",
         "I'm not involved in bid writing"]
OS = ["Microsoft Windows", "Mac OS X", "Linux", "Don't have a preference"]

questions = [
    multi_packed(header, data, 2, ", ", ROLES),
    choice(header, data, 3),
    choice(header, data, 4),
    choice(header, data, 5, YEARS),
    choice(header, data, 6, ["Yes", "No"]),
    choice(header, data, 7, NOLONGER),
    choice(header, data, 8, ["Yes", "No"]),
    multi_packed(header, data, 9, ", ", TRAINING),
    choice(header, data, 10, COSTS),
    choice(header, data, 13, ["Male", "Female", "Prefer not to say"]),
    choice(header, data, 14, ["Permanent", "Fixed term", "Prefer not to say"]),
    choice(header, data, 15, OS),
]

write(OrderedDict([
    ("file", FILE),
    ("platform", "Google Forms"),
    ("origin", OrderedDict([
        ("repo", "softwaresaved/software_in_research_survey_2014"),
        ("path", "data/The use of software in research (Responses) 24 Oct 14 - Form Responses 1.csv"),
        ("commit", "9a25d9d3777793e8bf2931c5c826aaefd481e937"),
        ("licence", "CC-BY-2.5-SCOTLAND (LICENSE_DATA)"),
        ("changes", "first 34 data rows kept (header and the empty line under it kept); e-mail addresses pseudonymised"),
    ])),
    ("header_rows", 1),
    ("respondents", len(data)),
    ("questions", questions),
    ("identifiers", [
        OrderedDict([("column", header[0]), ("index", 0), ("what", "date")]),
        OrderedDict([("column", header[17]), ("index", 17), ("what", "e-mail")]),
    ]),
    ("free_text", [OrderedDict([("column", header[i]), ("index", i)]) for i in (1, 11, 12, 16)]),
]))
