#!/usr/bin/env bash
# Installs what building and testing hankegraph needs on a fresh Debian machine, and nothing
# when it is already there: libclang (oxigraph's RocksDB build script needs it), a C++
# compiler, and Graphviz (`dot` draws the lineage diagrams; without it `--format svg` falls
# back to the built-in layout, and the diagram tests need it in CI). Safe to run again.
set -euo pipefail

need=()
if ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q libclang; then
  need+=(libclang-dev)
fi
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v dot >/dev/null 2>&1 || need+=(graphviz)

if ((${#need[@]})); then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
