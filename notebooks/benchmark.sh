#!/usr/bin/env bash
# Times evalboard against the reference pipelines and the calamine floor in ../shared/bench,
# alternating the commands in one sitting, and checks evalboard's overall counts against the
# reference checksums (x1000 and c1000: ec8a70ce...; big200k: 5142bf57...). pandas is timed on
# x1000 only (about 25 s a run; 2 minutes on big200k).
# Usage: notebooks/benchmark.sh [RUNS]   (from the repository root)
# Needs: python3 with ../shared/bench/requirements.txt (BENCH_PYTHON, default python3).
set -euo pipefail
runs=${1:-3}
source notebooks/bench_setup.sh
[ -d "$work/x1000" ] || "$py" "$bench/gen_corpus.py" "$work/x1000" --files 1000 --respondents 30 --seed 1
[ -d "$work/c1000" ] || "$py" "$bench/gen_corpus.py" "$work/c1000" --files 1000 --respondents 30 --seed 1 --format csv
[ -d "$work/big200k" ] || "$py" "$bench/gen_corpus.py" "$work/big200k" --files 1 --respondents 200000 --seed 1

time_one() { # label, command... -> "label wall_s peak_kb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
  echo "$label $(cat "$work/t")"
}
for corpus in x1000 c1000 big200k; do
  c=$work/$corpus
  for _ in $(seq "$runs"); do
    time_one floor "$floor" "$c"
    time_one "evalboard --no-charts" "$eb" run "$c" --out "$work/eb" --no-charts
    time_one "polars --no-charts" "$py" "$bench/baseline_polars.py" "$c" "$work/pl-$corpus" --no-charts
    [ "$corpus" = x1000 ] && time_one "pandas --no-charts" "$py" "$bench/baseline_pandas.py" "$c" "$work/pd-$corpus" --no-charts
  done > "$work/times-$corpus"
  time_one "evalboard with charts" "$eb" run "$c" --out "$work/eb-charts" >> "$work/times-$corpus"
  echo "== $corpus (median of $runs; one run with charts)"
  "$py" - "$work/times-$corpus" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    *label, wall, kb = line.split()
    rows.setdefault(" ".join(label), []).append((float(wall), int(kb)))
eb = statistics.median(w for w, _ in rows["evalboard --no-charts"])
for label, r in rows.items():
    wall = statistics.median(w for w, _ in r)
    print(f"{label:<24} {wall:7.2f} s  peak {max(k for _, k in r) / 1024:6.0f} MiB  {wall / eb:5.2f} x evalboard")
PY
  "$py" - "$work/eb/$corpus/tables/likert_counts.csv" <<'PY'
import csv, hashlib, io, sys
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["question", "answer", "count"])
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r["group"] == "overall":
        w.writerow([r["question"], r["option"], r["count"]])
print("overall counts sha256:", hashlib.sha256(buf.getvalue().encode()).hexdigest())
PY
done
ls -la "$eb" | awk '{print "release binary:", $5, "bytes"}'
