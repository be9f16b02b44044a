#!/usr/bin/env bash
# The benchmark: builds hankegraph with optimisations and runs `hankegraph bench` on synthetic
# corpora of 1 000, 10 000 and 100 000 cards (other sizes: --sizes 1000,1000000), printing
# Markdown tables with the machine's core count and the date. Arguments go to `hankegraph bench`
# (see `hankegraph bench --help`), e.g. `--out docs/benchmarks-new.md` to keep the report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
cargo build --release --locked --quiet
exec "$CARGO_TARGET_DIR/release/hankegraph" bench "$@"
