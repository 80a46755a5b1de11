"""Self-assessment at scale: evalboard against the pandas + scipy pipeline an analyst would
otherwise write, on one generated corpus, alternating them in one sitting.

    python notebooks/self_assessment_bench.py MEMBERS RUNS

writes MEMBERS members x 24 statements in two waves (one in 20 leaves before the review) as
CSV in a temporary folder, then times, RUNS times each, `evalboard run --no-charts` (release
build in target/) and `pandas_pipeline` below, which computes what evalboard's tables hold:
per statement and wave n, mean, median, quartiles and share at or above "Agree"; theme scores
per member; per theme alpha (listwise); per theme and statement the paired Wilcoxon test with
Holm adjustment. Needs pandas, scipy, statsmodels.
"""

import csv
import pathlib
import random
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import make_self_assessment_sample as sample  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCORE = {label.lower(): i + 1 for i, label in enumerate(sample.SCALE)}


def generate(members, folder):
    out = folder / "input" / "self_assessment"
    out.mkdir(parents=True)
    rng = random.Random(1)
    levels = [rng.gauss(0, 0.35) for _ in range(members)]
    for wave in ["baseline", "review"]:
        with open(out / f"{wave}.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Name"] + sample.headers())
            for i in range(members):
                if wave == "review" and i % 20 == 0:
                    continue
                scores = sample.ratings(rng, levels[i], wave)
                w.writerow([f"Member {i}"] + [sample.SCALE[s - 1] for s in scores])
    return out


def alpha(frame):
    frame = frame.dropna()
    k = frame.shape[1]
    cov = frame.cov().to_numpy()
    return k / (k - 1) * (1 - np.trace(cov) / cov.sum())


def pandas_pipeline(folder):
    waves = {}
    for wave in ["baseline", "review"]:
        df = pd.read_csv(folder / f"{wave}.csv").set_index("Name")
        waves[wave] = df.apply(lambda col: col.str.lower().map(SCORE)).astype(float)
    items = {w: df.agg(["count", "mean", "median"]).T.assign(
        q1=df.quantile(0.25), q3=df.quantile(0.75), at_least=(df >= 4).sum() / df.count())
        for w, df in waves.items()}
    themes = {}
    for col in waves["baseline"].columns:
        themes.setdefault(col[: col.rindex(" [")], []).append(col)
    p_theme, p_item, alphas = [], [], []
    for theme, cols in themes.items():
        scores = {w: df[cols].mean(axis=1)[df[cols].notna().sum(axis=1) * 2 >= len(cols)]
                  for w, df in waves.items()}
        both = scores["baseline"].index.intersection(scores["review"].index)
        p_theme.append(stats.wilcoxon(scores["review"][both], scores["baseline"][both]).pvalue)
        alphas.append([alpha(df[cols]) for df in waves.values()])
        for c in cols:
            pair = pd.concat([waves["baseline"][c], waves["review"][c]], axis=1).dropna()
            p_item.append(stats.wilcoxon(pair.iloc[:, 1], pair.iloc[:, 0]).pvalue)
    return (items, multipletests(p_theme, method="holm")[1],
            multipletests(p_item, method="holm")[1], alphas)


def main():
    members, runs = int(sys.argv[1]), int(sys.argv[2])
    binary = ROOT / "target" / "release" / "evalboard"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        data = generate(members, tmp)
        times = {"evalboard": [], "pandas": []}
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([binary, "run", "--no-charts", "input"], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
            times["evalboard"].append(time.perf_counter() - t)
            t = time.perf_counter()
            pandas_pipeline(data)
            times["pandas"].append(time.perf_counter() - t)
        for name, ts in times.items():
            print(f"{name}: median {sorted(ts)[len(ts) // 2]:.2f} s of {runs}")


if __name__ == "__main__":
    main()
