"""Hand count of event_80_survey_13.csv (CodeRefinery post-workshop survey,
Indico event survey export, April 2019; CC-BY-4.0). Writes expected.json.

Judgement:
- one header row; every question title is prefixed by the section name
  "Post-workshop survey: ".
- Submitter and Submitter Email are empty in every row (anonymous survey) but
  are identifier columns; Submission Date is the submission time.
- workshop, position: single choice; "Other" is one of the form's options here
  (Indico offered no write-in box), so it counts as an option.
- the five "Would you judge..." / "Which tools..." questions are multi-selects
  packed in one cell with "; ". Every piece is one of the form's options: the
  "not yet using" question spells one option "Workflow systems (Snakemake)"
  where the other questions say "Workflow systems (e.g. Snakemake)"; each is
  counted as written in its own column. "None of the above" is an option.
- the two yes/no questions are choices; the last two columns are free text.
- line ends are CRLF, as in the source.
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

FILE = "event_80_survey_13.csv"
rows = read_rows(FILE)
header, data = rows[0], [r for r in rows[1:] if any(not blank(v) for v in r)]

EFFECT = ["More reusable", "More reproducible", "More modular", "Better documented"]


def tools(workflow):
    return ["Version control (e.g. Git)", "Code review (e.g. via pull requests)",
            "Testing (e.g. pytest)", "Automated testing (e.g Travis CI)",
            "Code coverage analysis (e.g. Coveralls)", "Jupyter Notebooks",
            "Documentation hosting platforms (e.g. Read the Docs or GitHub Pages)",
            "Integrated development environments", workflow,
            "Containers (e.g. Docker or Singularity)",
            "Virtual environments (e.g. conda envs)", "None of the above"]


questions = [
    choice(header, data, 3),
    choice(header, data, 4, ["Undergraduate student", "Graduate student", "Postdoc",
                             "Researcher", "Research software engineer / Scientific programmer",
                             "Industry", "Other"]),
    multi_packed(header, data, 5, "; ", EFFECT),
    multi_packed(header, data, 6, "; ", tools("Workflow systems (e.g. Snakemake)")),
    multi_packed(header, data, 7, "; ", tools("Workflow systems (e.g. Snakemake)")),
    multi_packed(header, data, 8, "; ", tools("Workflow systems (e.g. Snakemake)")),
    multi_packed(header, data, 9, "; ", tools("Workflow systems (Snakemake)")),
    choice(header, data, 10, ["Yes", "No"]),
    choice(header, data, 11, ["Yes", "No"]),
]

write(OrderedDict([
    ("file", FILE),
    ("platform", "Indico (event survey export)"),
    ("origin", OrderedDict([
        ("repo", "coderefinery/post-workshop-survey"),
        ("path", "exported_responses/event_80_survey_13.csv"),
        ("commit", "0cba20940f7a3ebac4110e7c66c9b37168c98e35"),
        ("licence", "CC-BY-4.0"),
        ("changes", "none (submitter name and e-mail columns are already empty in the source)"),
    ])),
    ("header_rows", 1),
    ("respondents", len(data)),
    ("questions", questions),
    ("identifiers", [
        OrderedDict([("column", header[0]), ("index", 0), ("what", "name")]),
        OrderedDict([("column", header[1]), ("index", 1), ("what", "e-mail")]),
        OrderedDict([("column", header[2]), ("index", 2), ("what", "date")]),
    ]),
    ("free_text", [OrderedDict([("column", header[i]), ("index", i)]) for i in (12, 13)]),
]))
