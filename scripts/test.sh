#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: set-up, formatting, lints, then every test
# (unit, doc, property and integration tests, including the seed documents in ../shared/seeds),
# then a build of the parsers alone and a bounded fuzzing run of each parser (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --locked --no-fail-fast
echo "== cargo build --no-default-features (the parsers alone, as the fuzz targets use them)"
cargo build --locked --lib --no-default-features --quiet
echo "== fuzzing (scripts/fuzz.sh, ${FUZZ_SECONDS:-30} s per target)"
bash scripts/fuzz.sh
