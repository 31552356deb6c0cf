// End-to-end test of the www/ demo page in headless Chromium: the wasm package
// loads in a plain page, the bundled sample (and the seed page, when ./build.sh
// copied it into www/samples/) is extracted and rendered, and the time is shown.
//
// Run after ./build.sh (which fills www/pkg, www/lib and www/samples).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const www = join(repo, 'www');
const artifacts = resolve(repo, process.env.KLARTEXT_ARTIFACTS ?? 'test-artifacts');
const corpus = resolve(repo, process.env.KLARTEXT_CORPUS ?? '../shared/corpus');
const seedExpect = join(corpus, 'seed/expectations/it-boltwise-nato.json');
const haveSeed = existsSync(join(www, 'samples/index.json')) && existsSync(seedExpect);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

const normalise = (s) => s.replace(/\s+/g, ' ').trim();

function serveWww() {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(www, path));
    if (!file.startsWith(www) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

describe('www demo page', () => {
  let browser;
  let server;
  let origin;

  before(async () => {
    assert.ok(existsSync(join(www, 'pkg/klartext.js')), 'www/pkg is missing: run ./build.sh build first');
    assert.ok(existsSync(join(www, 'lib/render.js')), 'www/lib is missing: run ./build.sh build first');
    mkdirSync(artifacts, { recursive: true });
    server = await serveWww();
    origin = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(sample) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    // The original page's own images and scripts are not the demo's business.
    await page.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient'));
    await page.goto(`${origin}/?sample=${sample}`);
    await page.waitForSelector('body[data-extract-ms]', { timeout: 30_000 });
    const reader = page.frame({ url: /reader-frame\.html$/ });
    const view = await reader.evaluate(() => ({
      text: document.body.innerText,
      title: document.querySelector('.kt-title')?.textContent ?? '',
    }));
    const stats = await page.textContent('#stats');
    return { page, view, stats, errors };
  }

  test('bundled sample: extracted, rendered, timed', async () => {
    const { page, view, stats, errors } = await open('field-notes');
    await page.screenshot({ path: join(artifacts, 'demo-bundled.png') });
    assert.equal(normalise(view.title), 'Why Sourdough Rises: A Field Guide to Wild Yeast');
    for (const s of ['A sourdough starter looks like nothing at all', 'Temperature decides which partner leads', 'give it a day before you judge it']) {
      assert.ok(normalise(view.text).includes(s), `reader shows "${s}"`);
    }
    for (const s of ['ADVERTISEMENT', 'Subscribe to our newsletter', 'Great article, thanks', 'Popular posts', 'uses cookies', 'Sponsored:']) {
      assert.ok(!view.text.includes(s), `reader hides "${s}"`);
    }
    assert.match(stats, /Extracted in \d+(\.\d+)? ms/);
    assert.match(await page.textContent('#core-version'), /^core \S+/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('seed sample from the corpus copy in www/samples', { skip: haveSeed ? false : 'www/samples not built (no shared corpus)' }, async () => {
    const expectation = JSON.parse(readFileSync(seedExpect, 'utf8'));
    const { page, view, stats, errors } = await open('seed-it-boltwise-nato');
    await page.screenshot({ path: join(artifacts, 'demo-seed.png') });
    const text = normalise(view.text);
    let from = 0;
    for (const snippet of expectation.contains_in_order) {
      const at = text.indexOf(normalise(snippet), from);
      assert.ok(at >= 0, `"${snippet}" in order`);
      from = at;
    }
    assert.match(stats, /Extracted in \d+(\.\d+)? ms/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
