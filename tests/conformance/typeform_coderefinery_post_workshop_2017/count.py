"""Hand count of 2017.csv (CodeRefinery post-workshop survey run on Typeform,
responses from the 2016-2017 workshops; CC-BY-4.0). Writes expected.json.

Judgement:
- one header row. Typeform's own columns (#, dates, Network ID) are not in the
  file: the authors kept only the answer columns.
- col 0 workshop: choice, every value is an option.
- col 1 position: choice; col 2 "Other" holds the typed "Other" answers of the
  same question (the position cell is then empty): those respondents are the
  question's "other"; col 2 is listed nowhere else.
- cols 3-12: one column per tool, each a single choice among four fixed
  answers. "I'm using this tool in the same way as before" is always written
  with a leading space in the file; the space is not part of the answer.
- cols 13-16 (Reusable, Reproducible, Modular, Documented) and cols 17-18:
  yes/no questions coded 1/0 (one respondent left Reproducible empty while
  answering the others, so they are separate yes/no questions, not the ticks
  of one multi-select).
- no identifiers, no free-text columns.
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

FILE = "2017.csv"
rows = read_rows(FILE)
header, data = rows[0], [r for r in rows[1:] if any(not blank(v) for v in r)]

POSITIONS = ["Undergraduate student", "Graduate student", "Postdoc", "Researcher",
             "Assistant/Associate/Full Professor"]
TOOL = ["I started using this tool", "I'm using this tool better than before",
        "I'm using this tool in the same way as before", "I don't use this tool"]

questions = [choice(header, data, 0)]
pos = choice(header, data, 1, POSITIONS)
pos["other"] += sum(1 for r in data if blank(r[1]) and not blank(r[2]))
pos["other_column"] = 2
questions.append(pos)
for i in range(3, 13):
    questions.append(choice(header, data, i, TOOL))
for i in range(13, 19):
    questions.append(choice(header, data, i, ["1", "0"]))

write(OrderedDict([
    ("file", FILE),
    ("platform", "Typeform (answer columns only, kept by the authors)"),
    ("origin", OrderedDict([
        ("repo", "coderefinery/post-workshop-survey"),
        ("path", "data/typeform/2017.csv"),
        ("commit", "4a977f2bec86e7ccc05b7233d9893634de851d38"),
        ("licence", "CC-BY-4.0"),
        ("changes", "none"),
    ])),
    ("header_rows", 1),
    ("respondents", len(data)),
    ("questions", questions),
    ("identifiers", []),
    ("free_text", []),
]))
