#!/usr/bin/env bash
# A long fuzzing run of one target: ./campaign.sh TARGET [SECONDS] [MAX_EXECS]
# Unlike run.sh (CI: stop at the first failure), this keeps going past crashes, hangs and
# out-of-memory inputs (libFuzzer's fork mode with one job) and saves each under
# artifacts/<target>/. It stops after SECONDS (default 1800) or once MAX_EXECS inputs
# (default 10 million) have run, whichever comes first, and prints libFuzzer's last status
# line (total executions, cov, ft) plus the run time. Runs at the lowest CPU priority unless
# NICE is set (NICE=0 to compete on equal terms with builds on the same cores).
# Seed first with ./seed.sh and build with `cargo +nightly fuzz build -O -s none`.
set -euo pipefail
cd "$(dirname "$0")"
t=${1:?usage: fuzz/campaign.sh TARGET [SECONDS] [MAX_EXECS]}
secs=${2:-1800}
max_execs=${3:-10000000}
mkdir -p "artifacts/$t" "corpus/$t"
log="artifacts/$t/campaign.log"
start=$(date +%s)
# -timeout=3: a hang is more than 1 s on a 1 MB input in a release build; the instrumented
# build at nice 19 on shared cores is slower, so a timeout here is checked again by hand.
nice -n "${NICE:-19}" "target/x86_64-unknown-linux-gnu/release/$t" "corpus/$t" \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$secs" -timeout=3 -rss_limit_mb=2048 -max_len=1048576 \
  -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1 &
pid=$!
# Fork mode does not honour -runs, so the execution cap is watched here. Known weak: in one
# run the fork-mode parent went on after this SIGINT until its time limit.
while kill -0 "$pid" 2>/dev/null; do
  sleep 5
  execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  if [ -n "$execs" ] && [ "$execs" -ge "$max_execs" ]; then
    kill -INT "$pid" 2>/dev/null || true
    break
  fi
done
wait "$pid" || true
end=$(date +%s)
echo "== $t: $((end - start)) s wall at nice ${NICE:-19}"
grep -E '^#[0-9]+' "$log" | tail -1
grep -cE '^==[0-9]+== ERROR|deadly signal|Test unit written' "$log" || true
ls "artifacts/$t" | grep -v '\.log$' || true
