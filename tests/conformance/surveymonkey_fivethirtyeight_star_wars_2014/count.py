"""Hand count of StarWars.csv (FiveThirtyEight "Star Wars" survey, run on
SurveyMonkey Audience in 2014; fivethirtyeight/data, MIT licence).
Writes expected.json.

Judgement:
- records are separated by a bare CR (old Mac line ends), no LF anywhere.
- two header rows: row 1 holds the question wording (empty over the
  continuation columns of a multi-column question), row 2 holds "Response" or
  the sub-item / option name. RespondentID has an empty cell in row 2.
- the film titles carry mojibake ("äóñ" for a dash; "Œæ" after a question);
  kept as written.
- cols 3-8: one multi-select, one column per film; a ticked film is written
  as its title, unticked is empty.
- cols 9-14: ranking of the six films, one column per film, values 1-6:
  each column is a choice among 1-6 (column = question, item = film).
- cols 15-28: one column per character, each a choice on a six-point worded
  scale including "Unfamiliar (N/A)".
- every other column is a single choice; no free text.
- respondents: every data row (some answered only the first question).
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

FILE = "StarWars.csv"
rows = read_rows(FILE)
head1, head2 = rows[0], rows[1]
data = [r for r in rows[2:] if any(not blank(v) for v in r)]

YN = ["Yes", "No"]
FAV = ["Very favorably", "Somewhat favorably",
       "Neither favorably nor unfavorably (neutral)", "Somewhat unfavorably",
       "Very unfavorably", "Unfamiliar (N/A)"]


def title_over(i):
    while blank(head1[i]):
        i -= 1
    return head1[i]


questions = [choice(head1, data, 1, YN), choice(head1, data, 2, YN)]

# multi-select over option columns 3..8
cols = list(range(3, 9))
counts = OrderedDict((head2[c], sum(1 for r in data if not blank(r[c]))) for c in cols)
counts = OrderedDict((k, n) for k, n in counts.items() if n)
questions.append(OrderedDict([
    ("column", head1[3]), ("index", 3), ("kind", "multi_select"), ("columns", cols),
    ("counts", counts),
    ("answered", sum(1 for r in data if any(not blank(r[c]) for c in cols))),
    ("other", 0)]))

for i in range(9, 15):
    q = choice(head1, data, i, [str(n) for n in range(1, 7)], column=title_over(i))
    q["item"] = head2[i]
    questions.append(q)
for i in range(15, 29):
    q = choice(head1, data, i, FAV, column=title_over(i))
    q["item"] = head2[i]
    questions.append(q)
questions.append(choice(head1, data, 29, ["Han", "Greedo", "I don't understand this question"]))
for i in (30, 31, 32):
    questions.append(choice(head1, data, i, YN))
questions.append(choice(head1, data, 33, ["Male", "Female"]))
questions.append(choice(head1, data, 34, ["18-29", "30-44", "45-60", "> 60"]))
questions.append(choice(head1, data, 35))
questions.append(choice(head1, data, 36))
questions.append(choice(head1, data, 37))

write(OrderedDict([
    ("file", FILE),
    ("platform", "SurveyMonkey"),
    ("origin", OrderedDict([
        ("repo", "fivethirtyeight/data"),
        ("path", "star-wars-survey/StarWars.csv"),
        ("commit", "807f9ae1057dcb8dc963c5a6f7bafc2a2d74b778"),
        ("licence", "MIT (LICENSE of fivethirtyeight/data)"),
        ("changes", "first 26 data rows kept (both header rows kept whole)"),
    ])),
    ("header_rows", 2),
    ("respondents", len(data)),
    ("questions", questions),
    ("identifiers", [OrderedDict([("column", head1[0]), ("index", 0), ("what", "id")])]),
    ("free_text", []),
]))
