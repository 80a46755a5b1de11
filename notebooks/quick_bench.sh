#!/usr/bin/env bash
# The quick benchmark to run before stopping: 200 generated workbooks x 30 respondents,
# evalboard --no-charts and the calamine floor alternated RUNS times in one sitting, medians
# and their ratio printed. A ratio well above the README's is a regression to look into.
# Usage: notebooks/quick_bench.sh [RUNS]   (from the repository root; about a minute)
# Needs: python3 with xlsxwriter (../shared/bench/requirements.txt), the floor in ../shared/bench.
set -euo pipefail
runs=${1:-5}
source notebooks/bench_setup.sh
[ -d "$work/x200" ] || "$py" "$bench/gen_corpus.py" "$work/x200" --files 200 --respondents 30 --seed 2 >/dev/null
"$py" - "$runs" "$floor" "$eb" "$work" <<'PY'
import shutil, statistics, subprocess, sys, time
runs, floor, eb, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
t = {"floor": [], "evalboard": []}
for _ in range(runs):
    t["floor"].append(timed([floor, f"{work}/x200"]))
    shutil.rmtree(f"{work}/eb", ignore_errors=True)
    t["evalboard"].append(timed([eb, "run", f"{work}/x200", "--out", f"{work}/eb", "--no-charts"]))
f, e = statistics.median(t["floor"]), statistics.median(t["evalboard"])
print(f"x200, medians of {runs}: floor {f:.3f} s, evalboard --no-charts {e:.3f} s, ratio {e / f:.1f}x the floor")
PY
