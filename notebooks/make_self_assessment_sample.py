"""Writes the bundled self-assessment sample in input/self_assessment/.

A children's scrutiny committee (12 councillors and 2 co-opted members) rates 24 statements
in the six themes of the LGA's effective children's scrutiny self-assessment, before the
training programme (baseline, March 2023, a Microsoft Forms export) and at the six-month
review (September 2023, typed from paper forms into a CSV). One co-optee left the committee
before the review and one councillor joined it, so two members are in one wave only. The
review spells names the paper way ("Smith, Jane"): members are matched by normalised name.

The ratings are invented: each member has a general level and a level per theme and wave;
each theme has a baseline level and an expected gain (large for knowledge and work
programming, small for culture); each statement adds noise.
Run with any Python 3 that has xlsxwriter: python notebooks/make_self_assessment_sample.py
"""

import csv
import datetime
import pathlib
import random

import xlsxwriter

OUT = pathlib.Path(__file__).resolve().parent.parent / "input" / "self_assessment"

SCALE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]

# Theme, baseline mean, gain by the review, statements.
THEMES = [
    ("Knowledge of Children's Services", 2.5, 1.1, [
        "I understand the council's children's services improvement plan",
        "I can interpret performance data on children's social care",
        "I know the findings of the latest Ofsted inspection",
        "I understand my responsibilities as a corporate parent",
    ]),
    ("The role of children's scrutiny", 3.0, 0.7, [
        "I understand how scrutiny differs from the executive's role",
        "I am confident asking challenging questions of officers and cabinet members",
        "Our committee holds decision-makers to account",
        "I understand the role of co-opted members",
    ]),
    ("Work programming and planning", 2.3, 1.2, [
        "Our work programme reflects the priorities of the improvement plan",
        "Topics are chosen using evidence of risk and performance",
        "We plan lines of questioning before each meeting",
        "Our work programme leaves room for in-depth reviews",
    ]),
    ("Demonstrating value and influence", 2.4, 0.5, [
        "Our recommendations are specific and achievable",
        "We track whether our recommendations are implemented",
        "Scrutiny has made a difference to outcomes for children",
        "Cabinet acts on our reports",
    ]),
    ("Engagement and working with others", 2.7, 0.6, [
        "We hear directly from children, young people and families",
        "We hear from front-line social workers",
        "We work with partners such as health and the police",
        "We engage with the Improvement Board",
    ]),
    ("Creating a strong organisational culture", 3.2, 0.1, [
        "Relationships with officers are open and constructive",
        "Officers share information without being asked",
        "Senior leaders welcome challenge",
        "Scrutiny is valued across the council",
    ]),
]

MEMBERS = [
    ("Jane", "Smith"), ("Peter", "Okafor"), ("Sarah", "Hughes"), ("David", "Patel"),
    ("Linda", "Roberts"), ("Michael", "Doyle"), ("Aisha", "Khan"), ("Robert", "Evans"),
    ("Helen", "McDonald"), ("Tom", "Gallagher"), ("Margaret", "Lowe"), ("Chris", "Bennett"),
    ("Anne", "Fielding"),  # co-opted member, left before the review
    ("Revd Paul", "Ashworth"),  # co-opted member
]
LEFT = "Fielding"
JOINED = ("Grace", "Oyelaran")
CO_OPTED = {"Fielding", "Ashworth"}


def rating(rng, level):
    value = round(level + rng.gauss(0, 0.45))
    return min(5, max(1, value))


def ratings(rng, member_level, wave):
    """One member's ratings: their general level, plus a level for each theme (how they see
    the committee on that theme in this wave), plus noise per statement."""
    row = []
    for _, base, gain, statements in THEMES:
        theme_level = base + member_level + rng.gauss(0, 0.55)
        theme_level += rng.gauss(gain, 0.3) if wave == "review" else 0
        for k, _ in enumerate(statements):
            row.append(rating(rng, theme_level + (k - 1.5) * 0.15))
    return row


def headers():
    return [f"{theme} [{s}]" for theme, _, _, statements in THEMES for s in statements]


def baseline(rng, levels):
    book = xlsxwriter.Workbook(OUT / "Scrutiny self-assessment baseline 2023-03.xlsx")
    sheet = book.add_worksheet("Sheet1")
    date = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    head = ["ID", "Start time", "Completion time", "Email", "Name"] + headers()
    sheet.write_row(0, 0, head)
    start = datetime.datetime(2023, 3, 14, 18, 40)
    for i, (first, last) in enumerate(MEMBERS):
        r = i + 1
        title = "" if last in CO_OPTED else "Cllr "
        email = f"{first.split()[-1].lower()}.{last.lower()}@example.gov.uk"
        sheet.write(r, 0, r)
        sheet.write_datetime(r, 1, start + datetime.timedelta(minutes=3 * i), date)
        sheet.write_datetime(r, 2, start + datetime.timedelta(minutes=3 * i + 11), date)
        sheet.write(r, 3, email)
        sheet.write(r, 4, f"{title}{first} {last}")
        scores = ratings(rng, levels[last], "baseline")
        for c, s in enumerate(scores):
            if last == "Hughes" and c == 10:
                sheet.write(r, 5 + c, "Don't know")
            elif last == "Doyle" and c == 13:
                continue  # left blank
            else:
                sheet.write(r, 5 + c, SCALE[s - 1])
    book.close()


def review(rng, levels):
    path = OUT / "Scrutiny self-assessment review 2023-09.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Name", "Date"] + headers())
        people = [m for m in MEMBERS if m[1] != LEFT] + [JOINED]
        for first, last in people:
            scores = ratings(rng, levels[last], "review")
            w.writerow([f"{last}, {first}", "19/09/2023"] + [SCALE[s - 1] for s in scores])


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20230314)
    levels = {last: rng.gauss(0, 0.35) for _, last in MEMBERS + [JOINED]}
    baseline(rng, levels)
    review(rng, levels)


if __name__ == "__main__":
    main()
