"""Independent reference figures for the bundled self-assessment sample, computed from the raw
files in input/self_assessment/ with pandas, scipy, statsmodels and pingouin (not from
evalboard's output). tests/integration/self_assessment.rs pins evalboard's results to these.

Settings: theme score = mean of a member's ratings of the theme's statements, kept when they
rated at least half; members matched by normalised name; paired Wilcoxon signed-rank with
zero_method="wilcox", correction=False, method="exact" when the non-zero differences have no
ties, else "asymptotic"; Holm across the six themes; rank-biserial from pingouin.wilcoxon;
Cronbach's alpha from pingouin.cronbach_alpha (listwise and pairwise); quartiles by numpy's
default (linear). Run: python notebooks/self_assessment_reference.py
"""

import pathlib
import re

import numpy as np
import pandas as pd
import pingouin as pg
from scipy import stats
from statsmodels.stats.multitest import multipletests

HERE = pathlib.Path(__file__).resolve().parent.parent / "input" / "self_assessment"
SCALE = {"strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "agree": 4,
         "strongly agree": 5}


def name_key(name):
    name = name.strip()
    if "," in name:
        surname, forename = name.split(",", 1)
        name = f"{forename} {surname}"
    words = re.sub(r"[^a-z ]", " ", name.lower()).split()
    return " ".join(w for w in words if w not in {"cllr", "revd"})


def load(path):
    df = pd.read_excel(path) if path.suffix == ".xlsx" else pd.read_csv(path)
    df.index = [name_key(n) for n in df["Name"]]
    items = [c for c in df.columns if c.endswith("]")]
    scores = df[items].apply(lambda col: col.map(lambda v: SCALE.get(str(v).strip().lower())))
    return scores.astype(float)


def themes_of(columns):
    out = {}
    for c in columns:
        out.setdefault(c[: c.rindex(" [")], []).append(c)
    return out


def theme_scores(scores, items):
    rated = scores[items].notna().sum(axis=1)
    mean = scores[items].mean(axis=1)
    return mean[rated * 2 >= len(items)]


def main():
    base = load(HERE / "Scrutiny self-assessment baseline 2023-03.xlsx")
    review = load(HERE / "Scrutiny self-assessment review 2023-09.csv")
    rows = []
    for theme, items in themes_of(base.columns).items():
        a, b = theme_scores(base, items), theme_scores(review, items)
        both = a.index.intersection(b.index)
        d = b[both] - a[both]
        nonzero = d[d != 0]
        ties = nonzero.abs().duplicated().any()
        method = "asymptotic" if ties or len(nonzero) > 50 else "exact"
        w = stats.wilcoxon(b[both], a[both], method=method)
        rbc = pg.wilcoxon(b[both], a[both])["RBC"].iloc[0]
        alpha = pg.cronbach_alpha(base[items], nan_policy="listwise")[0]
        alpha_pw = pg.cronbach_alpha(base[items])[0]
        rows.append((theme, len(both), a[both].mean(), b[both].mean(), w.statistic, w.pvalue,
                     method, rbc, alpha, alpha_pw, a.mean(), len(a)))
    holm = multipletests([r[5] for r in rows], method="holm")[1]
    for r, h in zip(rows, holm):
        print(f"{r[0]}: pairs {r[1]}, mean {r[2]!r} -> {r[3]!r}, statistic {r[4]!r}, "
              f"p {r[5]!r} ({r[6]}), holm {h!r}, rbc {r[7]!r}, baseline alpha listwise "
              f"{r[8]!r} pairwise {r[9]!r}, baseline theme mean {r[10]!r} (n {r[11]})")
    item = "Work programming and planning [We plan lines of questioning before each meeting]"
    v = base[item].dropna()
    print(f"{item} baseline: n {len(v)}, mean {v.mean()!r}, median {v.median()!r}, "
          f"quartiles {np.percentile(v, [25, 75])!r}")


if __name__ == "__main__":
    main()
