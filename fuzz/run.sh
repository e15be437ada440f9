#!/usr/bin/env bash
# Runs the fuzz targets: ./run.sh SECONDS [TARGET...] (all targets when none are named).
# Seeds corpus/<target>/ first (seed.sh), builds once, then runs each target in turn for
# SECONDS. Fails on the first crash, hang or out-of-memory; the input is saved under
# artifacts/<target>/. Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
# The same dependency versions as the crate itself.
[ -f Cargo.lock ] || cp ../Cargo.lock Cargo.lock
./seed.sh >/dev/null
# No sanitizer: the targets are safe Rust; libFuzzer still catches panics, hangs and OOM.
cargo +nightly fuzz build -O -s none
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  mkdir -p "artifacts/$t"
  # -timeout: an input that takes more than 5 s (instrumented, 1 MB at most) is a hang.
  log="artifacts/$t/last-run.log"
  status=0
  cargo +nightly fuzz run -O -s none "$t" "corpus/$t" -- \
    -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 -max_len=1048576 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+ +(INITED|DONE)|^stat::number_of_executed_units' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    echo "fuzz target $t failed: the input is in fuzz/artifacts/$t/"
    exit 1
  fi
done
