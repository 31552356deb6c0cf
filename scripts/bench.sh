#!/usr/bin/env bash
# All of issue 5's measurements in one go: the native benchmark, the in-browser benchmark,
# the extension's click-to-reader latency and the wasm size report. Nothing here asserts
# on time.
#
#   scripts/bench.sh [DIR]
#
# DIR: a folder of .html pages for both benchmarks. Without it, the native benchmark uses
# tests/fixtures/ (or the seed page) and the browser one the seed page + the first 40 pages
# of l3s-gn1 (see benches/extract.rs and tests/e2e/bench.mjs).
# Env: KLARTEXT_BENCH_SCALING_MAX=50 adds the 50 MB scaling case; BENCH_BROWSER_ARGS extra
# arguments for the browser run (e.g. "--limit 100 --reps 5"); KLARTEXT_CORPUS as in build.sh.
# Output: the console, and test-artifacts/bench-{native,browser}.json, latency.json,
# bench-report.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export KLARTEXT_CORPUS=${KLARTEXT_CORPUS:-../shared/corpus}
mkdir -p test-artifacts
exec > >(tee test-artifacts/bench-report.txt) 2>&1

DIR=${1:-}
if [ -n "$DIR" ]; then
  [ -d "$DIR" ] || { echo "bench: $DIR is not a folder" >&2; exit 2; }
  DIR=$(cd "$DIR" && pwd)
fi
stage() { printf '\n==> %s\n' "$*"; }

stage "native benchmark (cargo bench --bench extract)"
cargo bench --quiet --bench extract -- ${DIR:+"$DIR"} --json test-artifacts/bench-native.json

stage "in-browser benchmark (tests/e2e/bench.mjs, headless Chromium)"
if [ ! -f pkg/klartext.js ] || [ ! -f pkg/klartext_bg.wasm ]; then
  # The module as shipped (SIMD, opt-level, unread tables zeroed): a plain wasm-pack build
  # would be measured instead.
  echo "pkg/ missing: building it (./build.sh build)"
  ./build.sh build
fi
if [ ! -f www/pkg/klartext.js ] || [ pkg/klartext_bg.wasm -nt www/pkg/klartext_bg.wasm ]; then
  mkdir -p www/pkg
  cp pkg/klartext.js pkg/klartext_bg.wasm www/pkg/
fi
newest_src=$(find src Cargo.toml Cargo.lock -type f -newer www/pkg/klartext_bg.wasm | head -n 1)
if [ -n "$newest_src" ]; then
  echo "note: www/pkg is older than $newest_src; ./build.sh build refreshes it"
fi
# shellcheck disable=SC2086  # BENCH_BROWSER_ARGS is a list of arguments
node tests/e2e/bench.mjs ${DIR:+"$DIR"} ${BENCH_BROWSER_ARGS:-}

stage "click-to-reader latency in the extension (tests/e2e/latency.test.mjs, headless Chromium)"
if [ ! -f extension/pkg/klartext.js ]; then
  echo "extension/pkg missing: ./build.sh build first"
elif ! node scripts/bundle.mjs extension/reader.js --check extension/reader.bundle.js; then
  echo "(the latency run needs the reader page as built from the current modules)"
else
  node --experimental-websocket --test tests/e2e/latency.test.mjs | grep -E '^ *# (seed|largest)|^not ok' || true
fi

stage "wasm size (scripts/size-report.sh)"
scripts/size-report.sh pkg/klartext_bg.wasm

stage "done: test-artifacts/bench-native.json, bench-browser.json, latency.json, bench-report.txt"
