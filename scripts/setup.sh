#!/usr/bin/env bash
# Installs what building and testing hankegraph needs on a fresh Debian machine, and nothing
# when it is already there: libclang (oxigraph's RocksDB build script needs it), a C++
# compiler, Graphviz (`dot` draws the lineage diagrams; without it `--format svg` falls
# back to the built-in layout, and the diagram tests need it in CI), chromium (the
# headless-browser test of `serve`) and Oxigraph's SPARQL server (the external triple store
# of the `push` round-trip test: the `oxigraph` wheel from PyPI, a prebuilt binary, in a
# virtual environment of its own). Safe to run again.
set -euo pipefail

need=()
if ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q libclang; then
  need+=(libclang-dev)
fi
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)

if ((${#need[@]})); then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Oxigraph's server for tests/remote.rs (which finds it here, or at $HANKEGRAPH_OXIGRAPH)
OXIGRAPH_VERSION=0.5.13
OXIGRAPH_VENV="$HOME/.cache/hankegraph/oxigraph-venv"
if ! "$OXIGRAPH_VENV/bin/oxigraph" --version 2>/dev/null | grep -q "$OXIGRAPH_VERSION"; then
  echo "setup: installing the oxigraph server $OXIGRAPH_VERSION from PyPI into $OXIGRAPH_VENV" >&2
  python3 -m venv "$OXIGRAPH_VENV"
  "$OXIGRAPH_VENV/bin/pip" install -q --disable-pip-version-check "oxigraph==$OXIGRAPH_VERSION"
fi
