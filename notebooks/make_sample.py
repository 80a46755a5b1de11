#!/usr/bin/env python3
"""Writes the bundled sample in input/: the two 2016 corporate-parenting induction sessions
whose evaluation sheets are summarised in Appendix 1 of the Corporate Parenting Panel paper
of 27 September 2016 (shared/seeds/004_57e00222afc73e48.txt).

22 respondents: 12 on 24 June (a Microsoft Forms-style .xlsx export) and 10 on 22 July (a
Google Forms-style .csv export). The answers add up exactly to the appendix's counts and the
free-text answers are the appendix's comments, shared out between the two sessions. A few
answers are typed the way real exports come (other capitalisation, stray spaces) so that the
sample also exercises label matching.

    python notebooks/make_sample.py input/      (needs xlsxwriter; byte-identical reruns)
"""
import csv
import datetime as dt
import sys
from pathlib import Path

OBJECTIVES = "Were your objectives achieved?"
RELEVANCE = "To what extent did the session cover issues relevant to your role?"
SATISFIED = "Please rate how satisfied you were with this session, overall:"
EXPECT = "Overall, did the session..."
LEARNED = "What have you learned today?"
NOT_UNDERSTOOD = "What do you still not understand?"
DIFFERENTLY = "What will you consider doing differently?"
BENEFICIAL = "What did you find most beneficial?"
IMPROVED = "How could the session be improved?"
OTHER = "Any other comments?"

# Appendix 1, shared out: (session 1 count, session 2 count) per option.
SPLIT = {
    OBJECTIVES: [("Yes, in full", 8, 7), ("Yes, partly", 4, 3)],
    RELEVANCE: [("To a great extent", 9, 7), ("To a moderate extent", 3, 3)],
    SATISFIED: [("Very satisfied", 10, 8), ("Fairly satisfied", 2, 2)],
    EXPECT: [("Exceed your expectations", 5, 4), ("Meet your expectations", 7, 6)],
}

# Appendix 1's free-text answers: (session, respondent index within the session, text).
FREE_TEXT = {
    LEARNED: [
        (1, 0, 'The meaning and the importance of understanding a councillors role and responsibilities; Methods to "do" it successfully'),
        (1, 2, "Emphasis on assurances - What to look for; Questions to ask; What actions/steps we can take to fulfil our responsibilities"),
        (1, 3, "Different sources of information/data, guides and documents"),
        (1, 5, "Importance of building relationships with relevant professionals;"),
        (1, 7, "Request feedback from independent reviewing officers"),
        (1, 9, "Awareness of the Rotherham context; Scale of Corporate Parenting in RMBC; Statistics; Costs to RMBC"),
        (2, 0, "Schools responsibilities for LAC; Virtual schools"),
        (2, 2, "I need more detailed information re fostering and their dos and don'ts;"),
        (2, 4, "More information on outcomes; Checking implementations are in place"),
        (2, 6, "Further information such as Abduction notices"),
        (2, 8, "To be vigilant that all external reports are not always accurate; To check with other councillors and the area they are working on"),
    ],
    NOT_UNDERSTOOD: [(2, 3, "Figures still don't add up")],
    DIFFERENTLY: [
        (1, 0, "Be a more informed and effective councillor; To be more proactive and not reactive - going further than the face value"),
        (1, 4, "Consider how Looked After Children are affected by all services"),
        (1, 8, "Setting up a working group"),
        (2, 1, "Request more evidence of what is happening & whether it is a good experience for LAC"),
        (2, 5, "Ask appropriate questions; challenge and probe officers"),
    ],
    BENEFICIAL: [
        (1, 1, "Being able to discuss points and increase knowledge of the subject"),
        (1, 6, "Better able to recognise the signs that things may be going amiss in this field"),
        (1, 10, "Understanding the responsibility we have as councillors as Corporate Parents"),
        (2, 2, "All of it; very informative; very engaging session"),
        (2, 7, "Detailed explanation of a councillors responsibilities; discussions and knowing how to ask the right questions"),
    ],
    IMPROVED: [(1, 3, "Bullet point printout; references; further information/web pages; more specific instruction on how to practically carry out my duties")],
    OTHER: [(2, 0, "An excellent and informative session, encouraging important discussion; Useful introduction/clarification; Highly knowledgeable presenter")],
}
LIKERT = list(SPLIT)
TEXT = list(FREE_TEXT)
SIZES = {1: 12, 2: 10}
# How some answers arrive in real exports; matching must see through these.
MESSY = {(2, 1, OBJECTIVES): "yes, in full ", (2, 4, SATISFIED): "Very  satisfied",
         (1, 11, EXPECT): "Meet your expectations."}


def answers(session):
    """Rows of answers for one session, in respondent order."""
    n = SIZES[session]
    rows = [{} for _ in range(n)]
    for q, split in SPLIT.items():
        column = [label for label, *counts in split for _ in range(counts[session - 1])]
        # Interleave so respondents differ across questions (deterministic rotation).
        shift = LIKERT.index(q) * 3
        column = column[shift % n:] + column[:shift % n]
        for i, label in enumerate(column):
            rows[i][q] = MESSY.get((session, i, q), label)
    for q, items in FREE_TEXT.items():
        for s, i, text in items:
            if s == session:
                rows[i][q] = text
    return rows


def write_forms_xlsx(path, rows):
    import xlsxwriter
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"created": dt.datetime(2016, 6, 24, 17, 0)})
    ws = wb.add_worksheet("Sheet1")
    when = wb.add_format({"num_format": "m/d/yy h:mm:ss"})
    header = ["ID", "Start time", "Completion time", "Email", "Name"] + LIKERT + TEXT
    ws.write_row(0, 0, header)
    start = dt.datetime(2016, 6, 24, 16, 5)
    for r, row in enumerate(rows, start=1):
        t0 = start + dt.timedelta(minutes=2 * r)
        ws.write_number(r, 0, r)
        ws.write_datetime(r, 1, t0, when)
        ws.write_datetime(r, 2, t0 + dt.timedelta(minutes=4, seconds=17 * r), when)
        ws.write_string(r, 3, "anonymous")
        for c, q in enumerate(LIKERT + TEXT, start=5):
            if q in row:
                ws.write_string(r, c, row[q])
    wb.close()


def write_google_csv(path, rows):
    # Google Forms drops trailing punctuation differently: headers as a real export shows them.
    header = ["Timestamp"] + [q.rstrip(":") for q in LIKERT] + TEXT
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r, row in enumerate(rows, start=1):
            stamp = dt.datetime(2016, 7, 22, 16, 10) + dt.timedelta(minutes=3 * r)
            w.writerow([f"{stamp:%Y/%m/%d %-I:%M:%S %p} GMT+1"] + [row.get(q, "") for q in LIKERT + TEXT])


def main():
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "input")
    out.mkdir(parents=True, exist_ok=True)
    write_forms_xlsx(out / "Corporate parenting induction 2016-06-24.xlsx", answers(1))
    write_google_csv(out / "Corporate parenting induction 2016-07-22.csv", answers(2))


if __name__ == "__main__":
    main()
