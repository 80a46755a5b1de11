#!/usr/bin/env python3
"""Writes the bundled attendance sample in input/attendance/: a roster of 63 members and the
council's record of corporate-parenting training since 2014, built to reproduce what the
Corporate Parenting Panel paper of 27 September 2016 reports by hand
(shared/seeds/004_57e00222afc73e48.txt, paragraphs 2.2-3.7):

- "Of those members elected in 2016, 19 out of 24 have attended at least one session on
  corporate parenting (including Level 1 and 2 sessions)";
- "53 out of 63 members have attended an in-house development session on corporate
  parenting since 2014 (84%)";
- the two Level 1 inductions of 24 June and 22 July 2016: 22 members attended, 18 of them
  elected in May 2016 (12 and 10 attendees, as many as the evaluation sheets in input/);
- the Level 2 session of 7 June 2016: five members, three of them new, one of them on the
  Corporate Parenting Panel;
- Level 3 support for the Lead Member.

The names are invented. The roster writes them "Surname, Forename"; the HR export writes
"Cllr Forename Surname", as real systems do, so the sample exercises name matching. Three
bookings are marked as not attended.

    python notebooks/make_attendance_sample.py input/   (needs xlsxwriter; byte-identical reruns)
"""
import csv
import datetime as dt
import random
import sys
from pathlib import Path

FORENAMES = [
    "Alan", "Amy", "Andrew", "Angela", "Barbara", "Brian", "Carol", "Christine", "Clive",
    "David", "Denise", "Emma", "Gary", "Gillian", "Graham", "Helen", "Ian", "Jacqui", "James",
    "Janet", "John", "Julie", "Karen", "Keith", "Linda", "Lisa", "Margaret", "Mark", "Martin",
    "Maureen", "Michael", "Nigel", "Pat", "Paul", "Peter", "Rachel", "Richard", "Robert",
    "Sarah", "Sheila", "Simon", "Stephen", "Sue", "Tom", "Tony", "Vicky", "Wendy", "Zoe",
]
SURNAMES = [
    "Ahmed", "Atkin", "Beaumont", "Bird", "Brookes", "Carter", "Cooper", "Cusworth", "Davies",
    "Elliott", "Evans", "Fenwick", "Gledhill", "Hague", "Hall", "Hughes", "Jepson", "Khan",
    "Lee", "Lelliott", "Marshall", "Mallinder", "Napper", "O'Neill", "Parker", "Price",
    "Read", "Roche", "Rushforth", "Sansome", "Sheppard", "Short", "Simpson", "Steele",
    "Taylor", "Tweed", "Vjestica", "Wallis", "Watson", "Whysall", "Williams", "Wilson",
    "Wyatt", "Yasseen", "Allen", "Buckley", "Clark", "Ellis", "Fleming", "Godfrey",
    "Ireland", "Jones", "Keenan", "McNeely", "Pitchley", "Reeder", "Smith", "Turner", "Walsh",
    "Whelbourn", "Hoddinott", "Mitchell", "Julien",
]

# (year elected, members)
COHORTS = [(2008, 6), (2011, 6), (2012, 14), (2014, 13), (2016, 24)]

LEAD = "Lead Member for Children and Young People's Services"
CPP = "Corporate Parenting Panel"
ILSC = "Improving Lives Select Commission"

SESSIONS = [
    ("Corporate parenting: member briefing", dt.date(2014, 11, 12), "Level 1 - Universal"),
    ("Corporate parenting: member briefing (repeat)", dt.date(2015, 2, 4), "Level 1 - Universal"),
    ("Corporate parenting: member development session", dt.date(2015, 10, 14), "Level 1 - Universal"),
    ("Corporate parenting: the role of CPP and scrutiny", dt.date(2016, 6, 7), "Level 2 - Targeted"),
    ("Corporate parenting induction", dt.date(2016, 6, 24), "Level 1 - Universal"),
    ("Corporate parenting induction", dt.date(2016, 7, 22), "Level 1 - Universal"),
    ("Lead Member development: children's social care", dt.date(2016, 8, 16), "Level 3 - Specialist"),
]


def members():
    rng = random.Random(2016)
    surnames = SURNAMES[:]
    rng.shuffle(surnames)
    out = []
    for year, n in COHORTS:
        for _ in range(n):
            i = len(out)
            out.append({"forename": FORENAMES[(i * 7) % len(FORENAMES)],
                        "surname": surnames[i], "elected": year,
                        "ward": f"Ward {i % 21 + 1}", "role": "Member", "level": 1})
    # Roles: the Lead Member (elected 2012); CPP, panels and ILSC members across cohorts.
    by_year = {y: [m for m in out if m["elected"] == y] for y, _ in COHORTS}
    by_year[2012][0].update(role=LEAD, level=3)
    for m in by_year[2012][1:4] + by_year[2014][0:2] + by_year[2011][0:2]:
        m.update(role=CPP, level=2)
    for m in by_year[2008][0:2]:
        m.update(role="Fostering Panel", level=2)
    for m in by_year[2008][2:4]:
        m.update(role="Adoption Panel", level=2)
    for m in by_year[2014][2:4]:
        m.update(role="Regulation 33 visitor", level=2)
    for m in by_year[2016][0:5] + by_year[2014][4:5]:
        m.update(role=ILSC, level=2)
    return out, by_year


def attendance(out, by_year):
    """Who attended which session (indices into SESSIONS)."""
    new = by_year[2016]
    earlier = [m for m in out if m["elected"] != 2016]
    att = {i: [] for i in range(len(SESSIONS))}
    # Level 2, 7 June 2016: one CPP member, three new ILSC members, one 2014 ILSC member.
    cpp = [m for m in earlier if m["role"] == CPP]
    att[3] = [cpp[0], new[0], new[1], new[2], by_year[2014][4]]
    # Level 1 inductions 2016: 18 new members (new[0] and new[1] among them, new[2] not),
    # and 4 earlier members.
    inducted_new = [new[0], new[1]] + new[3:19]
    assert len(inducted_new) == 18 and new[2] not in inducted_new
    never_earlier = earlier[-5:]  # five earlier members never attended
    trained_earlier = [m for m in earlier if m not in never_earlier]
    late = trained_earlier[-2:]  # two earlier members first attended in 2016
    refresh = trained_earlier[:2]  # two came again
    first = inducted_new[:10] + late[:1] + refresh[:1]
    second = inducted_new[10:] + late[1:] + refresh[1:]
    assert len(first) == 12 and len(second) == 10
    att[4], att[5] = first, second
    # 2014-15 sessions: the other earlier members, some at more than one.
    pre = [m for m in trained_earlier if m not in late]
    att[0] = pre[0::3] + pre[1::3]
    att[1] = pre[2::3]
    att[2] = pre[1::4]
    lead = [m for m in out if m["role"] == LEAD]
    att[6] = lead
    return att


def write(folder: Path):
    import xlsxwriter
    out, by_year = members()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "roster.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Member", "Ward", "Elected", "Role", "Level"])
        for m in sorted(out, key=lambda m: (m["surname"], m["forename"])):
            w.writerow([f"{m['surname']}, {m['forename']}", m["ward"], m["elected"], m["role"], m["level"]])
    att = attendance(out, by_year)
    path = folder / "HR training records.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2016, 9, 1, 9, 0)})
    ws = wb.add_worksheet("Training records")
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_row(0, 0, ["Course title", "Date", "Level", "Delegate name", "Attended"], bold)
    r = 1
    no_shows = {4: by_year[2016][19], 5: by_year[2016][20], 1: by_year[2011][5]}
    for i, (title, day, level) in enumerate(SESSIONS):
        rows = [(m, "Yes") for m in att[i]]
        if i in no_shows:
            rows.append((no_shows[i], "No"))
        for m, attended in rows:
            ws.write(r, 0, title)
            ws.write_datetime(r, 1, dt.datetime.combine(day, dt.time()), date)
            ws.write(r, 2, level)
            ws.write(r, 3, f"Cllr {m['forename']} {m['surname']}")
            ws.write(r, 4, attended)
            r += 1
    ws.set_column(0, 0, 48)
    ws.set_column(1, 2, 20)
    ws.set_column(3, 3, 28)
    wb.close()
    attended_any = {id(m) for ms in att.values() for m in ms}
    new = by_year[2016]
    print(f"{sum(1 for m in out if id(m) in attended_any)} of {len(out)} attended;",
          f"{sum(1 for m in new if id(m) in attended_any)} of {len(new)} elected 2016")


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else "input") / "attendance")
