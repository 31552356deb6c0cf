// Click-to-reader latency of the real extension in headless Chromium: from the toolbar
// action (the background's toggle, which the action's click listener calls) to the first
// frame of the reader view with the article painted (reader.js marks `klartext:painted`
// in a task queued from the next animation frame). Both ends are read as
// `performance.timeOrigin + performance.now()` in their own context (the service worker
// and the reader frame), so no test-driver round trip is inside the figure.
//
// Pages: the seed page and the largest page of the shared corpora. Each is opened and
// closed RUNS times in one tab; the first open of the session is reported apart (cold:
// the wasm is compiled then). The figures are reported, not asserted: timing belongs in
// benchmarks, and this run shares the machine with everything else. Written to
// test-artifacts/latency.json as well.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_ID, artifacts, corpus, haveSeed, launchChromiumWithExtension } from './lib.mjs';

const RUNS = Number(process.env.KLARTEXT_LATENCY_RUNS ?? 15);

/** The largest corpus page as {corpus, file, bytes}, or null without a corpus. */
function largestCorpusPage() {
  let best = null;
  let corpora = [];
  try {
    corpora = readdirSync(corpus);
  } catch {
    return null;
  }
  for (const name of corpora) {
    const dir = join(corpus, name, 'html');
    let files = [];
    try {
      files = readdirSync(dir).filter((f) => /^[A-Za-z0-9._-]+\.html$/.test(f));
    } catch {
      continue;
    }
    for (const file of files) {
      const bytes = statSync(join(dir, file)).size;
      if (!best || bytes > best.bytes) best = { corpus: name, file, bytes };
    }
  }
  return best;
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

describe('click-to-reader latency (Chromium, the real extension)', () => {
  let browser;
  const report = {};

  before(async () => {
    browser = await launchChromiumWithExtension('extension-under-test-latency');
  });

  after(async () => {
    writeFileSync(join(artifacts, 'latency.json'), JSON.stringify(report, null, 2));
    await browser?.close();
  });

  /** Opens and closes the reader view RUNS times on `path`; returns the figures in ms. */
  async function measure(path) {
    const page = await browser.ctx.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    const url = `${browser.http.origin}${path}`;
    await page.goto(url, { waitUntil: 'load' });
    const tabId = await browser.tabIdOf(url);
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const { t0, result } = await browser.sw.evaluate(async (id) => {
        const t0 = performance.timeOrigin + performance.now();
        const result = await self.klartextToggle(id);
        return { t0, result };
      }, tabId);
      assert.equal(result.state, 'open', JSON.stringify(result));
      const frame = await browser.readerFrame(page, result.token);
      const painted = await frame.waitForFunction(() => {
        const [mark] = performance.getEntriesByName('klartext:painted');
        return mark ? performance.timeOrigin + mark.startTime : false;
      }, null, { timeout: 15_000 });
      const total = (await painted.jsonValue()) - t0;
      assert.ok(total > 0, `latency ${total} ms`);
      runs.push({ total, extract: result.timing.extractMs, init: result.timing.initMs });
      assert.equal((await browser.toggle(tabId)).state, 'closed');
      await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    }
    assert.deepEqual(errors, []);
    await page.close();
    const warm = runs.slice(1).map((r) => r.total).sort((a, b) => a - b);
    return {
      runs: runs.length,
      first: runs[0].total,
      median: median(warm),
      p95: quantile(warm, 0.95),
      extractMedian: median(runs.slice(1).map((r) => r.extract)),
      all: runs.map((r) => Math.round(r.total * 10) / 10),
    };
  }

  const line = (name, bytes, r) =>
    `${name} (${(bytes / 1024).toFixed(0)} KiB): click to reader painted median ${r.median.toFixed(1)} ms, ` +
    `p95 ${r.p95.toFixed(1)} ms over ${r.runs - 1} warm runs (first run ${r.first.toFixed(1)} ms); ` +
    `extract alone median ${r.extractMedian.toFixed(1)} ms`;

  // The seed page goes first: its first run is the session's cold start.
  test('seed page', { skip: haveSeed ? false : `seed page not found under ${corpus}` }, async (t) => {
    const r = await measure(`/seed/${SEED_ID}.html`);
    const bytes = statSync(join(corpus, 'seed/html', `${SEED_ID}.html`)).size;
    report.seed = { page: `seed/${SEED_ID}.html`, bytes, ...r };
    t.diagnostic(line(`seed ${SEED_ID}`, bytes, r));
  });

  const largest = largestCorpusPage();
  test('largest corpus page', { skip: largest ? false : `no corpus under ${corpus}` }, async (t) => {
    const r = await measure(`/corpus/${largest.corpus}/${largest.file}`);
    report.largest = { page: `${largest.corpus}/${largest.file}`, bytes: largest.bytes, ...r };
    t.diagnostic(line(`largest ${largest.corpus}/${largest.file}`, largest.bytes, r));
  });
});
