# Sourced by the scripts: one target directory shared between runs on this machine, so that the
# RocksDB C++ build (about 9 minutes on 2 cores) happens once.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/hankegraph/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
