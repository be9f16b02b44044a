#!/usr/bin/env bash
# The main job: build hankegraph, ingest the sample corpus shipped in data/ into the default
# on-disk store (./hankegraph.db, or $HANKEGRAPH_STORE), and ask it a few questions.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

cargo build --locked --quiet
hg() { "$CARGO_TARGET_DIR/debug/hankegraph" "$@"; }

echo "== hankegraph ingest data/cards data/decisions"
hg ingest data/cards data/decisions
echo
echo "== What became of S20474?   (query successors --param code=S20474)"
hg query successors --param code=S20474
echo
echo "== What came before S21315? (query predecessors --param code=S21315)"
hg query predecessors --param code=S21315
echo
echo "== Why do you say S20877 continues S20474? (query why-lineage)"
hg query why-lineage --param from=S20877 --param to=S20474 --format csv
echo
echo "== What became of S29901, as a tree? (lineage S29901 --down)"
hg lineage S29901 --down
echo
echo "== Which families of projects are there? (families)"
hg families
echo
echo "== The whole lineage as a diagram (export --format svg -o lineage.svg)"
hg export --format svg -o lineage.svg
echo "wrote lineage.svg"
echo
echo "== Which organisations recur? (query shared-organisations)"
hg query shared-organisations
echo
echo "== Municipal co-funding decisions (query decisions)"
hg query decisions
echo
echo "== Is the graph well formed? (validate)"
hg validate | head -n 1
