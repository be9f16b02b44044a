#!/usr/bin/env bash
# Fuzzes the document reader and parsers: runs each cargo-fuzz target of fuzz/ for a fixed time
# and fails on any crash (a panic), hang (a run over 10 s) or out-of-memory (over 2 GB).
#
#   FUZZ_SECONDS   seconds per target (default 30: the five targets take ~3 minutes in CI)
#   FUZZ_TARGETS   which targets (default: read card decision normalisers run)
#
# The committed seed corpus is fuzz/corpus/<target>; the sample cards and decisions of data/
# and the seeds of ../shared/seeds are added to a working copy of it, which stays outside the
# repository. A crash leaves its input under fuzz/artifacts/<target>/ and is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

seconds=${FUZZ_SECONDS:-30}
targets=${FUZZ_TARGETS:-"read card decision normalisers run"}
fuzz_target_dir="${HANKEGRAPH_FUZZ_TARGET:-$HOME/.cache/hankegraph/fuzz-target}"
tools="$HOME/.cache/hankegraph/tools"

# cargo-fuzz from crates.io, installed once per machine
if ! "$tools/bin/cargo-fuzz" --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install --quiet --locked cargo-fuzz@0.13.2 --root "$tools"
fi
export PATH="$tools/bin:$PATH"
# cargo fuzz passes nightly-only flags (sanitizer coverage); the stable toolchain accepts them
# with RUSTC_BOOTSTRAP. No sanitizer: the code forbids `unsafe`, so what the fuzzers look for
# is panics, hangs and memory blow-ups, which need none.
export RUSTC_BOOTSTRAP=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for t in $targets; do
  mkdir -p "$work/$t"
  cp fuzz/corpus/"$t"/* "$work/$t"/ 2>/dev/null || true
  case "$t" in
    read|card|decision|run)
      cp data/cards/* data/decisions/* "$work/$t"/ 2>/dev/null || true
      [ -d ../shared/seeds ] && cp ../shared/seeds/* "$work/$t"/ 2>/dev/null || true
      ;;
  esac
  echo "fuzz: $t for ${seconds}s" >&2
  if ! cargo fuzz run --fuzz-dir fuzz --target-dir "$fuzz_target_dir" --sanitizer none \
      --debug-assertions "$t" "$work/$t" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
      -print_final_stats=1 2>"$work/$t.log"; then
    status=1
    echo "fuzz: $t FAILED" >&2
    grep -E "panicked|ERROR|SUMMARY|Test unit written|timeout|out-of-memory" "$work/$t.log" | head -20 >&2 || true
  else
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$work/$t.log" | sed "s/^/fuzz: $t /" >&2 || true
  fi
done
exit $status
