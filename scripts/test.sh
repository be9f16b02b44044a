#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: set-up, formatting, lints, then every test
# (unit, doc and integration tests, including the seed documents in ../shared/seeds).
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
