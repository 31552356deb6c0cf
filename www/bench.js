// In-browser benchmark: Klartext (wasm) against Readability.js on the same live document.
//
// The page exposes `window.klartextBench` for tests/e2e/bench.mjs (headless Chromium):
//   await klartextBench.ready            -> { initMs, version, crossOriginIsolated }
//   await klartextBench.runPage(url, { reps, klartextFirst, order })
//                                        -> { url, runs: [{ klartextFirst, klartext, readability }] }
// and runs by hand from its own form (bench.html) with a small results table.
//
// Timed per engine, per run:
//   klartext:    document.documentElement.outerHTML + extract(html, location.href)
//                (outerHTML and extract are also reported apart)
//   readability: new Readability(document.cloneNode(true)).parse()

import init, { extract, version } from './pkg/klartext.js';

const frame = document.getElementById('frame');
const statusLine = document.getElementById('status');

async function setup() {
  if (typeof globalThis.Readability !== 'function') {
    throw new Error('lib/Readability.js is missing: run node tests/e2e/bench.mjs once (it copies it from node_modules)');
  }
  const t0 = performance.now();
  await init();
  const initMs = performance.now() - t0;
  const info = { initMs, version: version(), crossOriginIsolated: globalThis.crossOriginIsolated === true };
  statusLine.textContent = `Klartext ${info.version} ready (wasm init ${initMs.toFixed(1)} ms); timer ${
    info.crossOriginIsolated ? 'fine-grained (cross-origin isolated)' : 'coarse (not cross-origin isolated)'}`;
  return info;
}

function load(url, timeoutMs = 30000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out loading ${url}`)), timeoutMs);
    frame.onload = () => {
      clearTimeout(timer);
      resolve();
    };
    frame.src = url;
  });
}

const message = (e) => String(e && e.message ? e.message : e);

function runKlartext(win, doc) {
  const t0 = performance.now();
  const html = doc.documentElement.outerHTML;
  const t1 = performance.now();
  let article = null;
  let error = null;
  try {
    article = extract(html, win.location.href);
  } catch (e) {
    error = message(e);
  }
  const t2 = performance.now();
  return {
    ms: t2 - t0,
    outerHtmlMs: t1 - t0,
    extractMs: t2 - t1,
    chars: html.length,
    textLength: article ? article.length : 0,
    title: article ? article.title : null,
    error,
  };
}

function runReadability(doc) {
  const t0 = performance.now();
  let result = null;
  let error = null;
  try {
    result = new globalThis.Readability(doc.cloneNode(true)).parse();
  } catch (e) {
    error = message(e);
  }
  const t1 = performance.now();
  return {
    ms: t1 - t0,
    textLength: result ? result.length : 0,
    title: result ? result.title : null,
    error: error ?? (result ? null : 'parse() returned null'),
  };
}

// order 'alternate' (the default): each run times both engines back to back, the one that
// goes first alternating, so each engine runs as often right after the other as after itself.
// order 'grouped': all runs of one engine, then all runs of the other (the first alternating
// from page to page), so each engine runs mostly right after itself: what is left of the
// other engine's work (its garbage, the caches it filled) then weighs on one run per page.
async function runPage(url, { reps = 3, klartextFirst = true, order = 'alternate' } = {}) {
  await load(url);
  const win = frame.contentWindow;
  const doc = frame.contentDocument;
  if (!doc || !doc.documentElement) throw new Error(`no document for ${url}`);
  const runs = [];
  if (order === 'grouped') {
    const klartext = () => Array.from({ length: reps }, () => runKlartext(win, doc));
    const readability = () => Array.from({ length: reps }, () => runReadability(doc));
    let k;
    let r;
    if (klartextFirst) {
      k = klartext();
      r = readability();
    } else {
      r = readability();
      k = klartext();
    }
    for (let i = 0; i < reps; i++) runs.push({ klartextFirst, klartext: k[i], readability: r[i] });
    return { url, runs };
  }
  if (order !== 'alternate') throw new Error(`unknown order ${order}`);
  for (let r = 0; r < reps; r++) {
    const kFirst = (r % 2 === 0) === klartextFirst;
    const run = { klartextFirst: kFirst };
    if (kFirst) {
      run.klartext = runKlartext(win, doc);
      run.readability = runReadability(doc);
    } else {
      run.readability = runReadability(doc);
      run.klartext = runKlartext(win, doc);
    }
    runs.push(run);
  }
  return { url, runs };
}

const ready = setup();
globalThis.klartextBench = { ready, runPage };
ready.catch((e) => {
  statusLine.textContent = `setup failed: ${message(e)}`;
});

// ---- by hand: the form on bench.html

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.ceil(s.length / 2) - 1] : NaN;
};

async function runForm() {
  await ready;
  const urls = document.getElementById('pages').value.split('\n').map((s) => s.trim()).filter(Boolean);
  const reps = Math.max(1, Number(document.getElementById('reps').value) || 1);
  const table = document.createElement('table');
  const row = (cells, tag = 'td') => {
    const tr = table.insertRow();
    for (const c of cells) tr.appendChild(Object.assign(document.createElement(tag), { textContent: c }));
  };
  row(['page', 'Klartext ms', 'Readability ms', 'ratio'], 'th');
  for (const [i, url] of urls.entries()) {
    statusLine.textContent = `running ${i + 1}/${urls.length}: ${url}`;
    try {
      const { runs } = await runPage(url, { reps, klartextFirst: i % 2 === 0 });
      const k = median(runs.map((r) => r.klartext.ms));
      const r = median(runs.map((x) => x.readability.ms));
      row([url, k.toFixed(2), r.toFixed(2), (k / r).toFixed(2)]);
    } catch (e) {
      row([url, message(e), '', '']);
    }
  }
  document.getElementById('results').replaceChildren(table);
  statusLine.textContent = `done: ${urls.length} page(s), median of ${reps} run(s) each`;
}

document.getElementById('run').addEventListener('click', () => {
  runForm().catch((e) => {
    statusLine.textContent = `failed: ${message(e)}`;
  });
});
