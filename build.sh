#!/usr/bin/env bash
# Klartext: the one entry point.
#
#   ./build.sh            setup + build, then serve the demo (www/) on 127.0.0.1:$PORT (default 8080)
#   ./build.sh build      setup + build only
#   ./build.sh test       setup + build + the packages of `package`, then fmt, clippy, native
#                         tests, wasm tests in headless Chrome and Firefox, extension lint,
#                         end-to-end tests (which check and load the packages)
#   ./build.sh package    setup + build, then dist/klartext-{chrome,firefox}-VERSION.zip
#   ./build.sh bench [DIR] setup + build, then scripts/bench.sh: native benchmark (pages/s,
#                         MB/s, p50/p95, peak memory, ratio to a bare lol_html pass), the
#                         in-browser benchmark against Readability.js, the extension's
#                         click-to-reader latency, and the wasm size report
#   ./build.sh setup      install the toolchain only (idempotent)
#
# Env: PORT (serve), KLARTEXT_CORPUS (shared corpus, default ../shared/corpus),
#      SKIP_SETUP=1 (trust the tools on PATH; for quick local rebuilds).
#
# Tool versions. wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock (read
# from there); Cargo.toml pins `wasm-bindgen = "=…"` so the two cannot drift.
set -euo pipefail

WASM_PACK_VERSION=0.15.1
GECKODRIVER_VERSION=0.37.1
APT_PACKAGES=(chromium chromium-driver firefox-esr)

cd "$(dirname "$0")"
ROOT=$PWD
# The wasm uses 128-bit SIMD (memchr's searches, vectorised loops): 3-9% faster extraction in
# Chromium (node tests/e2e/bench.mjs, seed + l3s-gn1 and readability pages), 5% in Node; every
# browser the extension supports has it (Chrome 91, Firefox 89). The tests build it the same.
WASM_RUSTFLAGS="-C target-feature=+simd128"
PORT=${PORT:-8080}
export KLARTEXT_CORPUS=${KLARTEXT_CORPUS:-../shared/corpus}
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

if [ -t 1 ]; then BOLD=$'\033[1;34m' RED=$'\033[1;31m' RESET=$'\033[0m'; else BOLD='' RED='' RESET=''; fi
stage() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }
info() { printf '    %s\n' "$*"; }
die() { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------- setup

wasm_bindgen_version() {
  # The version of the `wasm-bindgen` package in Cargo.lock.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup() {
  if [ "${SKIP_SETUP:-0}" = 1 ]; then
    stage "setup: skipped (SKIP_SETUP=1)"
    return
  fi
  stage "setup: system packages (${APT_PACKAGES[*]})"
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    info "installing ${missing[*]}"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  else
    info "all present"
  fi

  stage "setup: Rust wasm32 target"
  command -v cargo >/dev/null || die "cargo not found: install Rust (rustup) first"
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    info "wasm32-unknown-unknown present"
  else
    rustup target add wasm32-unknown-unknown
  fi

  stage "setup: wasm-pack $WASM_PACK_VERSION"
  if wasm-pack --version 2>/dev/null | grep -qx "wasm-pack $WASM_PACK_VERSION"; then
    info "present"
  else
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked
  fi

  stage "setup: wasm-bindgen-cli (version from Cargo.lock)"
  [ -f Cargo.lock ] || cargo generate-lockfile
  local bindgen
  bindgen=$(wasm_bindgen_version)
  [ -n "$bindgen" ] || die "no wasm-bindgen entry in Cargo.lock"
  if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen"; then
    info "wasm-bindgen $bindgen present"
  else
    # No --locked: its lockfile pins a webpki-roots release that is not on crates.io.
    cargo install wasm-bindgen-cli --version "$bindgen"
  fi

  stage "setup: geckodriver $GECKODRIVER_VERSION"
  if geckodriver --version 2>/dev/null | head -n1 | grep -Eq "^geckodriver $GECKODRIVER_VERSION( |$)"; then
    info "present"
  else
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi

  stage "setup: npm packages (playwright-core, web-ext, binaryen's wasm-opt)"
  if [ ! -f package-lock.json ]; then
    npm install --no-audit --no-fund
  elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  else
    info "node_modules up to date"
  fi
  # wasm-pack uses whatever wasm-opt is first on PATH; it must be binaryen's npm build
  # (Debian's binaryen 108 produces modules that fail at init).
  [ "$(command -v wasm-opt)" = "$ROOT/node_modules/.bin/wasm-opt" ] || die "wasm-opt on PATH is $(command -v wasm-opt || echo none), expected node_modules/.bin/wasm-opt"
  info "wasm-opt: $(wasm-opt --version)"
}

# ---------------------------------------------------------------- build

build() {
  stage "build: native release (CLI + library)"
  cargo build --release

  stage "build: wasm package (wasm-pack, release, --target web)"
  # opt-level 2 for the wasm only: as fast in V8 as 3 (median page within noise in Chromium
  # and Node), 8 KB smaller gzipped; s and z are 25% and 100% slower. The linker map names
  # where each static lies, for the table stripping below. RUSTFLAGS, if set, overrides the
  # map flag: then nothing is stripped.
  # The map is written whenever the module is linked; a build that had nothing to link keeps
  # the map of the module it left in place (a deleted map then meant tables kept: 360 KB).
  local map=$ROOT/target/wasm32-unknown-unknown/klartext-wasm.map
  # encoding_rs at opt-level z (the wasm only ever decodes UTF-8 with it): 4 KB smaller
  # gzipped, which the SIMD code needs to stay under 250 KB. serde_json at z too: it only
  # reads JSON-LD blocks, 0.2 % of the wasm's time on `readability` pages, and z is 566 bytes
  # smaller gzipped. (cssparser and selectors, which parse the one selector `*`, and
  # serde-wasm-bindgen at z each made the gzipped module larger.)
  CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C link-arg=--Map=$map $WASM_RUSTFLAGS" \
    wasm-pack build --release --no-opt --target web --out-dir pkg --out-name klartext \
      -- --config 'profile.release.package.encoding_rs.opt-level="z"' \
      --config 'profile.release.package.serde_json.opt-level="z"'
  [ -f pkg/klartext.js ] && [ -f pkg/klartext_bg.wasm ] || die "wasm-pack did not produce pkg/klartext.js and pkg/klartext_bg.wasm"
  # lol_html decodes and encodes through encoding_rs, which links the decoding tables of every
  # legacy encoding (Big5, GBK, Shift_JIS, EUC-KR …: 120 KB, half the gzipped module) because
  # the encoding is a runtime value. In the wasm build that value is always UTF-8: the JS API
  # takes strings, lol_html's settings keep UTF-8 and no <meta charset> switching is enabled
  # (only the native CLI decodes legacy bytes, in klartext::charset). So the tables are never
  # read there, and are zeroed (wasm-opt then drops the zeros): the statics of encoding_rs's
  # `data` module, located with the linker map and checked to hold the same bytes in the
  # module wasm-bindgen wrote. Anything unexpected skips the step with a warning (a bigger,
  # equally correct module).
  # (lld writes the map a moment before it closes the module: a few seconds of slack.)
  local linked=target/wasm32-unknown-unknown/release/klartext.wasm
  if [ ! -f "$map" ] || [ $(($(stat -c %Y "$map") + 5)) -lt "$(stat -c %Y "$linked")" ]; then
    info "WARNING: no linker map of this module ($map; RUSTFLAGS set?): legacy encoding tables kept"
  else
    node - "$map" target/wasm32-unknown-unknown/release/klartext.wasm pkg/klartext_bg.wasm <<'EOF_NODE' ||
const fs = require('fs');
const [mapPath, linkedPath, wasmPath] = process.argv.slice(2);
// Map lines: address, file offset, size, then an input section or a symbol name.
const ranges = [];
for (const line of fs.readFileSync(mapPath, 'utf8').split('\n')) {
  const m = line.match(/^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+(\S+)\s*$/);
  if (m && /encoding_rs4data/.test(m[3])) {
    const start = parseInt(m[1], 16);
    ranges.push([start, start + parseInt(m[2], 16)]);
  }
}
if (ranges.length === 0) throw new Error('no encoding_rs data statics in the map');
// The active data segments of a module: [memory offset, byte offset in the file, length].
function segments(buf) {
  let p = 8;
  const leb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const sleb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); if (s < 32 && (b & 0x40)) r |= -1 << s; return r; };
  const out = [];
  while (p < buf.length) {
    const id = buf[p++], size = leb(), end = p + size;
    if (id === 11) {
      for (let n = leb(); n > 0; n--) {
        const flags = leb();
        let at = null;
        if (flags !== 1) {
          if (flags === 2) leb();
          if (buf[p++] !== 0x41) throw new Error('data segment offset is not an i32.const');
          at = sleb() >>> 0;
          if (buf[p++] !== 0x0b) throw new Error('data segment offset is not an i32.const');
        }
        const len = leb();
        if (at !== null) out.push([at, p, len]);
        p += len;
      }
    }
    p = end;
  }
  return out;
}
const linked = fs.readFileSync(linkedPath), wasm = Buffer.from(fs.readFileSync(wasmPath));
const bytesAt = (buf, segs, addr) => {
  const s = segs.find(([at, , len]) => addr >= at && addr < at + len);
  return s ? buf[s[1] + addr - s[0]] : undefined;
};
const linkedSegs = segments(linked), wasmSegs = segments(wasm);
let zeroed = 0;
for (const [start, end] of ranges) {
  for (let a = start; a < end; a++) {
    const before = bytesAt(linked, linkedSegs, a);
    if (before === undefined || bytesAt(wasm, wasmSegs, a) !== before) {
      throw new Error(`the module wasm-bindgen wrote differs from the linked one at ${a}`);
    }
  }
}
for (const [start, end] of ranges) {
  for (const [at, off, len] of wasmSegs) {
    for (let a = Math.max(start, at); a < Math.min(end, at + len); a++) {
      if (wasm[off + a - at] !== 0) { wasm[off + a - at] = 0; zeroed++; }
    }
  }
}
fs.writeFileSync(wasmPath, wasm);
console.log(`    legacy encoding tables: ${ranges.length} statics, ${zeroed} bytes zeroed`);
EOF_NODE
      info "WARNING: legacy encoding tables kept"
  fi
  # wasm-opt flags from Cargo.toml ([package.metadata.wasm-pack.profile.release]), which
  # scripts/size-report.sh reads too.
  local opt_line opt_flags=()
  opt_line=$(sed -n '/^\[package.metadata.wasm-pack.profile.release\]/,/^\[/{/^wasm-opt *=/p}' Cargo.toml)
  read -r -a opt_flags <<<"$(sed -e 's/^[^[]*\[//' -e 's/\].*$//' -e 's/[",]/ /g' <<<"$opt_line")"
  info "wasm-opt ${opt_flags[*]}"
  wasm-opt "${opt_flags[@]}" pkg/klartext_bg.wasm -o pkg/klartext_bg.wasm
  info "pkg/klartext_bg.wasm: $(stat -c %s pkg/klartext_bg.wasm) bytes, $(gzip -9c pkg/klartext_bg.wasm | wc -c) gzipped"

  stage "build: extension/ and www/"
  [ -f extension/icons/icon-128.png ] || node extension/icons/make-icons.mjs
  for dest in extension/pkg www/pkg; do
    rm -rf "$dest"
    mkdir -p "$dest"
    cp pkg/klartext.js pkg/klartext_bg.wasm "$dest/"
  done
  # The reader page loads its modules as one file (see scripts/bundle.mjs for why).
  node scripts/bundle.mjs extension/reader.js extension/reader.bundle.js
  # The demo renders with the extension's own renderer and stylesheet.
  rm -rf www/lib
  mkdir -p www/lib
  cp extension/render.js extension/reader.css extension/icons/icon-32.png www/lib/
  copy_samples
  info "extension/pkg and www/pkg updated"
}

# Copies the seed page from the shared corpus into www/samples/ (gitignored) for
# the demo. Without the corpus the demo still has its bundled sample.
copy_samples() {
  rm -rf www/samples
  local seed="$KLARTEXT_CORPUS/seed"
  if [ -f "$seed/html/it-boltwise-nato.html" ] && [ -f "$seed/expectations/it-boltwise-nato.json" ]; then
    mkdir -p www/samples
    cp "$seed/html/it-boltwise-nato.html" www/samples/
    node -e '
      const fs = require("fs");
      const exp = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const index = [{ id: "seed-it-boltwise-nato", label: "Seed (corpus): IT BOLTWISE, Nato", file: "samples/it-boltwise-nato.html", url: exp.url }];
      fs.writeFileSync("www/samples/index.json", JSON.stringify(index, null, 2));
    ' "$seed/expectations/it-boltwise-nato.json"
    info "seed page copied to www/samples/ (from $seed)"
  else
    info "no seed page under $seed: the demo offers its bundled sample only"
  fi
}

# ---------------------------------------------------------------- serve

serve() {
  stage "serve: www/ on http://127.0.0.1:$PORT/"
  info "open http://127.0.0.1:$PORT/ (Ctrl+C stops)"
  exec python3 -m http.server --bind 127.0.0.1 --directory www "$PORT"
}

# ---------------------------------------------------------------- test

RESULTS=()
FAILED=0

step() {
  # step NAME COMMAND...: runs one command, records PASS/FAIL and the time taken.
  local name=$1
  shift
  stage "test: $name"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then
    RESULTS+=("PASS  $name ($((SECONDS - t0)) s)")
  else
    RESULTS+=("FAIL  $name (exit $rc, $((SECONDS - t0)) s)")
    FAILED=$((FAILED + 1))
  fi
}

summary() {
  stage "summary"
  local line passed=0
  for line in "${RESULTS[@]}"; do
    printf '    %s\n' "$line"
    [[ $line == PASS* ]] && passed=$((passed + 1))
  done
  printf '\nsteps: %d passed, %d failed\n' "$passed" "$FAILED"
}

run_tests() {
  mkdir -p test-artifacts
  step "cargo fmt --check" cargo fmt --check
  step "cargo clippy (native, all targets)" cargo clippy --all-targets -- -D warnings
  step "cargo clippy (wasm32)" cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
  step "cargo test --release (native)" cargo test --release
  step "wasm-pack test (headless Chrome + Firefox)" \
    env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$WASM_RUSTFLAGS" wasm-pack test --headless --chrome --firefox
  step "web-ext lint (extension)" web-ext lint --source-dir extension --ignore-files 'icons/make-icons.mjs' --output text
  step "end-to-end: Chromium + Firefox extension, demo (node --test tests/e2e)" node --experimental-websocket --test --test-concurrency=1 tests/e2e/
  summary
  [ "$FAILED" -eq 0 ] || die "$FAILED step(s) failed"
}

# ---------------------------------------------------------------- package

cargo_version() {
  # [package] version of Cargo.toml: the one version of the core, the CLI and the extension.
  awk '/^\[package\]/ { p = 1; next } /^\[/ { p = 0 } p && /^version *=/ { gsub(/version *= *|"/, ""); print; exit }' Cargo.toml
}

package() {
  stage "package: dist/"
  local version
  version=$(cargo_version)
  [ -n "$version" ] || die "no [package] version in Cargo.toml"
  rm -rf dist
  mkdir -p dist
  node - "$version" <<'EOF'
// Writes a per-browser copy of extension/ to dist/<browser>/ with its manifest
// trimmed to what that browser reads and its version taken from Cargo.toml.
const fs = require('fs');
const path = require('path');
const cargoVersion = process.argv[2];
// Stores want 1-4 dot-separated integers; a pre-release (0.2.0-beta.1) keeps its
// full name in Chrome's version_name.
const numeric = cargoVersion.split(/[-+]/)[0];
if (!/^\d+(\.\d+){0,3}$/.test(numeric)) throw new Error(`Cargo version ${cargoVersion} has no numeric x.y.z part`);
const skip = new Set(['README.md', 'icons/make-icons.mjs', 'pkg/package.json', 'pkg/.gitignore']);
// reader.html loads reader.bundle.js: the modules joined into it are not shipped a second
// time, except those that the other shipped scripts (background.js) import.
const header = /^\/\/ Generated by scripts\/bundle\.mjs from (.+?): do not edit/.exec(
  fs.readFileSync('extension/reader.bundle.js', 'utf8'));
if (!header) throw new Error('extension/reader.bundle.js has no bundle header: run ./build.sh build');
const bundled = new Set(header[1].split(', '));
const needed = fs.readdirSync('extension').filter((f) => f.endsWith('.js') && f !== 'reader.bundle.js' && !bundled.has(f));
for (let i = 0; i < needed.length; i++) {
  for (const [, dep] of fs.readFileSync(path.join('extension', needed[i]), 'utf8').matchAll(/\bfrom\s*'\.\/([\w.-]+\.js)'/g)) {
    if (!needed.includes(dep)) needed.push(dep);
  }
}
for (const file of bundled) if (!needed.includes(file)) skip.add(file);
const SIZES = ['16', '32', '48', '96', '128'];
for (const browser of ['chrome', 'firefox']) {
  const out = path.join('dist', browser);
  fs.cpSync('extension', out, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative('extension', src).split(path.sep).join('/');
      return !skip.has(rel) && !rel.endsWith('.d.ts');
    },
  });
  const manifest = JSON.parse(fs.readFileSync('extension/manifest.json', 'utf8'));
  manifest.version = numeric;
  if (browser === 'chrome') {
    delete manifest.background.scripts;
    delete manifest.browser_specific_settings;
    if (numeric !== cargoVersion) manifest.version_name = cargoVersion;
  } else {
    delete manifest.background.service_worker;
  }
  // Store-ready: every icon size present, name and description set.
  for (const size of SIZES) {
    const icon = manifest.icons?.[size];
    if (!icon || !fs.existsSync(path.join(out, icon))) throw new Error(`${browser}: icon ${size} missing`);
  }
  if (!manifest.name || !manifest.description) throw new Error(`${browser}: name or description missing`);
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`    dist/${browser}/ (version ${manifest.version}${manifest.version_name ? `, ${manifest.version_name}` : ''})`);
}
EOF
  local browser
  for browser in chrome firefox; do
    python3 - "dist/$browser" "dist/klartext-$browser-$version.zip" <<'EOF'
import os, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for base, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(base, name)
            info = zipfile.ZipInfo(os.path.relpath(full, src), date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(full, "rb") as f:
                z.writestr(info, f.read())
    count = len(z.namelist())
print(f"    {dest}: {os.path.getsize(dest)} bytes, {count} files")
EOF
  done
  stage "package: web-ext lint (Firefox build)"
  web-ext lint --source-dir dist/firefox --output text
}

# ---------------------------------------------------------------- demo files

# The demo's reader frame runs the extension's own interface modules (build()
# copies render.js and reader.css; these are the rest), and offers a few of the
# core's fixture pages as samples next to the seed page and its bundled examples.
DEMO_MODULES=(reader-ui.js removed.js settings.js speech.js export.js)
DEMO_FIXTURES=(struct-rtl-arabic-ar struct-rtl-hebrew-he junk-jobs-stellenangebote-de struct-pre-code-en)

demo_files() {
  stage "build: demo reader modules and fixture samples"
  local module
  mkdir -p www/lib www/samples/fixtures
  for module in "${DEMO_MODULES[@]}"; do cp "extension/$module" www/lib/; done
  node - "${DEMO_FIXTURES[@]}" <<'EOF_NODE'
const fs = require('fs');
const index = [];
for (const name of process.argv.slice(2)) {
  const html = `tests/fixtures/${name}.html`;
  if (!fs.existsSync(html)) continue;
  const meta = JSON.parse(fs.readFileSync(`tests/fixtures/${name}.json`, 'utf8'));
  fs.copyFileSync(html, `www/samples/fixtures/${name}.html`);
  index.push({ id: `fixture-${name}`, label: `Fixture: ${meta.title ?? name}`, file: `samples/fixtures/${name}.html`, url: meta.url ?? null });
}
fs.writeFileSync('www/samples/fixtures.json', JSON.stringify(index, null, 2));
console.log(`    ${index.length} fixture page(s) in www/samples/fixtures/`);
EOF_NODE
  info "www/lib: ${DEMO_MODULES[*]}"
}

# ---------------------------------------------------------------- main

cmd=${1:-serve}
case "$cmd" in
  serve) setup; build; demo_files; serve ;;
  build) setup; build; demo_files ;;
  setup) setup ;;
  test) setup; build; demo_files; package; run_tests ;;
  package) setup; build; demo_files; package ;;
  bench) setup; build; scripts/bench.sh "${2:-}" ;;
  *) die "unknown command '$cmd' (use: serve, build, test, package, bench, setup)" ;;
esac
