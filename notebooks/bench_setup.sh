# Shared by benchmark.sh and quick_bench.sh (sourced, from the repository root): the Python to
# run the reference pipelines and the generator with (BENCH_PYTHON), the bench folder, a work
# folder for corpora and outputs (BENCH_WORK, else a new temporary one), evalboard's release
# binary ($eb) and the calamine floor's ($floor), both built here.
py=${BENCH_PYTHON:-python3}
bench=$(cd ../shared/bench && pwd)
work=${BENCH_WORK:-$(mktemp -d)}
cargo build --release --quiet
eb=$PWD/target/release/evalboard
(cd "$bench/floor" && cargo build --release --quiet --target-dir "$work/floor-target")
floor=$work/floor-target/release/floor
