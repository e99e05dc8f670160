#!/usr/bin/env bash
# Runs the user-style workloads in WebPPL 0.9.15, as the shared benchmark's script runs the reference ones, and
# prints one JSON line per model. Installs WebPPL from the npm registry into a cache folder on first use.
# Usage: run-webppl.sh [model ...]   (default: logreg mixture poisson betabin)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${ARIADNE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ariadne-bench}
if [ ! -x "$cache/webppl/node_modules/.bin/webppl" ]; then
  mkdir -p "$cache/webppl"
  (cd "$cache/webppl" && npm init -y >/dev/null && npm install --silent webppl@0.9.15 >/dev/null)
fi
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(logreg mixture poisson betabin)
for m in "${models[@]}"; do
  "$cache/webppl/node_modules/.bin/webppl" "$here/$m.wppl" | grep '^{'
done
