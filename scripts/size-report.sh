#!/usr/bin/env bash
# Size report of the shipped wasm: raw and gzip -9 bytes, the module's sections, and the
# top 20 contributors by name (twiggy), plus the same grouped by crate.
#
#   scripts/size-report.sh [WASM]        WASM defaults to pkg/klartext_bg.wasm
#
# The shipped file has no name section (wasm-opt drops it), so for names the script rebuilds
# a named twin from the same rustc output (target/wasm32-unknown-unknown/release/
# klartext.wasm): wasm-bindgen as wasm-pack runs it, then wasm-opt with the flags from
# Cargo.toml's [package.metadata.wasm-pack.profile.release] plus -g (keep names). Sizes of
# that twin are within a few per cent of the shipped ones; its name section is left out.
# Installs twiggy $TWIGGY_VERSION with cargo when missing (about 1.5 min).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
TWIGGY_VERSION=0.8.0
WASM=${1:-pkg/klartext_bg.wasm}
RUSTC_WASM=target/wasm32-unknown-unknown/release/klartext.wasm
TOP=${TOP:-20}

[ -f "$WASM" ] || { echo "size-report: $WASM is missing: build first (./build.sh build)" >&2; exit 1; }

echo "== wasm size: $WASM"
raw=$(stat -c %s "$WASM")
gz=$(gzip -9c "$WASM" | wc -c)
printf '%-22s %12s %12s\n' "" "raw" "gzip -9"
printf '%-22s %12d %12d\n' "klartext_bg.wasm" "$raw" "$gz"
if [ -f "$(dirname "$WASM")/klartext.js" ]; then
  js=$(dirname "$WASM")/klartext.js
  printf '%-22s %12d %12d\n' "klartext.js (glue)" "$(stat -c %s "$js")" "$(gzip -9c "$js" | wc -c)"
fi

echo
echo "sections (each gzipped on its own):"
node - "$WASM" <<'EOF'
const fs = require('fs');
const zlib = require('zlib');
const buf = fs.readFileSync(process.argv[2]);
const NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount', 'tag'];
let p = 8;
const leb = () => {
  let result = 0, shift = 0, b;
  do { b = buf[p++]; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return result;
};
const rows = [];
while (p < buf.length) {
  const id = buf[p++];
  const size = leb();
  const start = p;
  let name = NAMES[id] ?? `id ${id}`;
  let count = '';
  if (id === 0) {
    const len = leb();
    name = `custom "${buf.subarray(p, p + len).toString('utf8')}"`;
  } else if ([1, 2, 3, 7, 9, 10, 11].includes(id)) {
    count = String(leb());
  }
  const body = buf.subarray(start, start + size);
  rows.push([name, count, size, zlib.gzipSync(body, { level: 9 }).length]);
  p = start + size;
}
rows.sort((a, b) => b[2] - a[2]);
console.log(`  ${'section'.padEnd(28)}${'entries'.padStart(9)}${'raw'.padStart(11)}${'gzip -9'.padStart(11)}${'share'.padStart(8)}`);
for (const [name, count, size, gz] of rows) {
  console.log(`  ${name.padEnd(28)}${count.padStart(9)}${String(size).padStart(11)}${String(gz).padStart(11)}${((100 * size) / buf.length).toFixed(1).padStart(7)}%`);
}
EOF

# ---- top contributors by name (twiggy)
if ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION"; then
  echo
  echo "installing twiggy $TWIGGY_VERSION (cargo install, once)…"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked --quiet ||
    { echo "size-report: twiggy could not be installed; names skipped" >&2; exit 0; }
fi

target=$WASM
note="(the shipped file: no names)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -f "$RUSTC_WASM" ] && command -v wasm-bindgen >/dev/null; then
  # wasm-opt flags from Cargo.toml, e.g. wasm-opt = ["-O3"] (or false: none).
  opt_line=$(sed -n '/^\[package.metadata.wasm-pack.profile.release\]/,/^\[/{/^wasm-opt *=/p}' Cargo.toml)
  opt_flags=()
  if [[ $opt_line == *"["* ]]; then
    read -r -a opt_flags <<<"$(sed -e 's/^[^[]*\[//' -e 's/\].*$//' -e 's/[",]/ /g' <<<"$opt_line")"
  elif [[ -z $opt_line ]]; then
    opt_flags=(-O)
  fi
  if wasm-bindgen "$RUSTC_WASM" --out-dir "$tmp" --target web --no-typescript --out-name klartext >/dev/null; then
    if [ ${#opt_flags[@]} -gt 0 ] && command -v wasm-opt >/dev/null; then
      wasm-opt "$tmp/klartext_bg.wasm" -o "$tmp/named.wasm" "${opt_flags[@]}" -g
    else
      cp "$tmp/klartext_bg.wasm" "$tmp/named.wasm"
    fi
    target=$tmp/named.wasm
    note="(named twin: $RUSTC_WASM → wasm-bindgen → wasm-opt ${opt_flags[*]:-none} -g)"
    age=$(($(stat -c %Y "$WASM") - $(stat -c %Y "$RUSTC_WASM")))
    if [ "${age#-}" -gt 300 ]; then
      note="$note; WARNING: $RUSTC_WASM and $WASM are ${age#-} s apart, rebuild for matching figures"
    fi
  fi
fi

twiggy top -f csv "$target" >"$tmp/top.csv"
echo
echo "top $TOP contributors, shallow size $note:"
node - "$tmp/top.csv" "$raw" "$TOP" <<'EOF'
const fs = require('fs');
const [csvPath, shippedRaw, topN] = process.argv.slice(2);
// twiggy's CSV: Name,ShallowSize,ShallowSizePercent,... with "" escaping.
const parse = (line) => {
  const out = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out;
};
const rows = fs.readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map(parse)
  // v0 mangling leaves crate disambiguators (core[c5930c85a12de822]); drop them.
  .map(([name, size]) => ({ name: name.replace(/\[[0-9a-f]{8,}\]/g, ''), size: Number(size) }))
  // The name section exists only in the twin; the total row is twiggy's own.
  .filter((r) => !/subsection$|^custom section 'name'|^Σ|^\.\.\. and /.test(r.name));
const total = rows.reduce((a, r) => a + r.size, 0);
const shorten = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const strip = (s) => s.replace(/::h[0-9a-f]{16}$/, '');
const kind = (name) => {
  if (/^data\[|^data segment/.test(name)) return 'data';
  if (/^custom section/.test(name)) return 'custom';
  if (/^(type|import|export|elem|table|memory|global)\b|^(code|func)\[/.test(name)) return 'other';
  return 'code';
};
console.log(`  ${'bytes'.padStart(8)} ${'share'.padStart(6)}  item`);
for (const r of rows.slice(0, Number(topN))) {
  console.log(`  ${String(r.size).padStart(8)} ${((100 * r.size) / total).toFixed(1).padStart(5)}%  ${shorten(strip(r.name), 100)}`);
}
// Grouped by crate: the first path segment of the (demangled) name.
const crateOf = (name) => {
  const k = kind(name);
  if (k !== 'code') return `(${k})`;
  // The first path in the name: `<f32 as core::fmt::Debug>::fmt` is core's.
  const m = name.match(/([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) return m[1];
  if (name.startsWith('<')) return 'core/alloc (impls on primitives)';
  return '(exports and wasm-bindgen shims)';
};
const groups = new Map();
for (const r of rows) {
  const c = crateOf(r.name);
  const g = groups.get(c) ?? { size: 0, n: 0 };
  g.size += r.size;
  g.n += 1;
  groups.set(c, g);
}
console.log('');
console.log('by crate (shallow bytes, functions counted by their own path):');
console.log(`  ${'bytes'.padStart(8)} ${'share'.padStart(6)} ${'items'.padStart(6)}  crate`);
for (const [c, g] of [...groups].sort((a, b) => b[1].size - a[1].size).slice(0, 15)) {
  console.log(`  ${String(g.size).padStart(8)} ${((100 * g.size) / total).toFixed(1).padStart(5)}% ${String(g.n).padStart(6)}  ${c}`);
}
console.log(`  ${String(total).padStart(8)}  total of the twin without names (shipped: ${shippedRaw})`);
EOF
