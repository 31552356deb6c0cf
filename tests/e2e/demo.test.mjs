// End-to-end test of the www/ demo page in headless Chromium: the wasm package
// loads in a plain page, the bundled samples (and the seed page, when ./build.sh
// copied it into www/samples/) are extracted and rendered with the extension's
// reader interface, the time is shown; your own HTML comes in by file, drop or
// paste; the removed panel works; hostile HTML never reaches the document.
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
    await reader.waitForSelector('#kt-article .kt-title');
    const view = await reader.evaluate(() => ({
      text: document.body.innerText,
      title: document.querySelector('.kt-title')?.textContent ?? '',
    }));
    const stats = await page.textContent('#stats');
    return { page, view, stats, errors, reader };
  }

  // `previous`: document.body.dataset.runs before the action (the count of shown extractions;
  // their times can repeat to the timer's resolution).
  const waitForRun = (page, previous) => page.waitForFunction(
    (prev) => document.body.dataset.runs && document.body.dataset.runs !== prev, previous, { timeout: 10_000 },
  );

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

  test('removed panel in the demo: categories with counts, a block on demand', async () => {
    const { page, reader, stats, errors } = await open('night-ferry');
    assert.match(stats, /Extracted in \d+(\.\d+)? ms/);
    assert.match(stats, /removed 2 ads, 1 job widget, 1 promo link/);
    assert.equal(await reader.textContent('#kt-removed-count'), '11');
    await reader.click('#kt-removed-button');
    const groups = await reader.$$eval('.kt-removed-group', (els) => els.map((g) => g.dataset.category));
    assert.deepEqual(groups.slice(0, 3), ['ad', 'jobs', 'promo']);
    const jobs = reader.locator('.kt-removed-group[data-category=jobs] details');
    await jobs.locator('summary').click();
    await jobs.locator('.kt-removed-preview > *').first().waitFor(); // rendered on the toggle event
    assert.match(await jobs.locator('.kt-removed-preview').textContent(), /Deckhand \(m\/f\/d\), Brekke/);
    assert.equal(await jobs.locator('.kt-removed-preview li').count(), 3, 'the widget keeps its list');
    await reader.click('.kt-removed-group[data-category=jobs] .kt-show-in-article');
    const inline = await reader.evaluate(() => {
      const box = document.querySelector('.kt-content .kt-removed-inline');
      return { before: box.previousElementSibling.textContent, after: box.nextElementSibling.textContent };
    });
    assert.match(inline.before, /^The cooperative bought the Sula/);
    assert.match(inline.after, /^Tickets will cost the same/);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(artifacts, 'demo-removed-panel.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('your own HTML: open a file, drop a file, paste HTML', async () => {
    const { page, errors } = await open('field-notes');
    const title = async () => {
      const reader = page.frame({ url: /reader-frame\.html$/ });
      return normalise(await reader.textContent('.kt-title'));
    };
    // Open file…
    let previous = await page.evaluate(() => document.body.dataset.runs);
    await page.setInputFiles('#file', join(www, 'examples/wasm-size-notes.html'));
    await waitForRun(page, previous);
    assert.equal(await title(), 'Shrinking a WebAssembly module, one measurement at a time');
    assert.equal(await page.inputValue('#sample'), 'paste');

    // Drop a file on the page.
    previous = await page.evaluate(() => document.body.dataset.runs);
    const dropped = readFileSync(join(www, 'examples/night-ferry-news.html'), 'utf8');
    await page.evaluate((html) => {
      const dt = new DataTransfer();
      dt.items.add(new File([html], 'ferry.html', { type: 'text/html' }));
      document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await waitForRun(page, previous);
    assert.equal(await title(), 'The Night Ferry Comes Back to Lindholm');
    assert.equal(await page.isHidden('#drop-overlay'), true);

    // Paste HTML anywhere on the page.
    previous = await page.evaluate(() => document.body.dataset.runs);
    await page.evaluate(() => {
      const dt = new DataTransfer();
      const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Pasted paragraph ${i + 1}: a reader view should show this text, with commas, words and sentences, because it is the article.</p>`).join('');
      dt.setData('text/html', `<html><head><title>Pasted page</title></head><body><article><h1>A pasted article</h1>${paragraphs}</article></body></html>`);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await waitForRun(page, previous);
    assert.equal(await title(), 'Pasted page');
    assert.match(normalise(await page.frame({ url: /reader-frame\.html$/ }).textContent('.kt-content')), /^A pasted article ?Pasted paragraph 1:/);
    assert.match(await page.textContent('#stats'), /Extracted in \d+(\.\d+)? ms/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('hostile HTML in an article or a removed block never reaches the reader document', async () => {
    const { page, reader, errors } = await open('field-notes');
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    const evil = '<p>Text <img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">link</a> <script>alert(3)</script>'
      + '<iframe src="https://evil.example/"></iframe><svg onload="alert(4)"><circle r="1"/></svg>'
      + '<a href="https://ok.example/" onclick="alert(5)" style="position:fixed">ok</a><form action="/x"><input name="q"></form></p>';
    await reader.evaluate((html) => {
      window.klartextReader.show({
        title: 'Hostile <b>title</b>',
        content: `<p>A paragraph of the article.</p>${html}`,
        textContent: 'A paragraph of the article.\nText link ok',
        wordCount: 8,
        removed: [{ category: 'ad', count: 1 }],
        removedBlocks: [{ category: 'ad', html, text: 'Text link ok', position: 1 }],
      }, { sourceUrl: 'https://site.example/a' });
    }, evil);
    await reader.click('#kt-removed-button');
    await reader.click('.kt-removed-item summary');
    await reader.click('.kt-show-in-article');
    const dom = await reader.evaluate(() => ({
      // The article and the removed panel's content: what came from the page.
      html: document.getElementById('kt-article').innerHTML + document.getElementById('kt-removed-body').innerHTML,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      title: document.querySelector('.kt-title').textContent,
    }));
    assert.deepEqual(dom.handlers, []);
    assert.doesNotMatch(dom.html, /<script|<iframe|<svg|<form|<input name="q"|javascript:|style="position/i);
    assert.ok(dom.hrefs.includes('https://ok.example/'), 'safe links stay');
    assert.equal(dom.title, 'Hostile <b>title</b>', 'the title is text, not markup');
    await page.waitForTimeout(200);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('header: the lead image only when the body does not have it; date and reading time', async () => {
    const { page, reader } = await open('field-notes');
    const header = (article) => reader.evaluate((a) => {
      window.klartextReader.show(a, { sourceUrl: 'https://site.example/story' });
      return {
        lead: document.querySelector('.kt-lead img')?.getAttribute('src') ?? null,
        date: document.querySelector('.kt-date')?.textContent ?? null,
        reading: document.querySelector('.kt-reading-time').textContent,
      };
    }, article);
    const base = { title: 'Story', content: '<p>Text.</p>', textContent: 'Text.', lang: 'en', publishedTime: '2025-05-20T07:15:00+02:00' };
    assert.deepEqual(await header({ ...base, leadImage: 'https://site.example/lead.jpg', wordCount: 1100 }),
      { lead: 'https://site.example/lead.jpg', date: 'May 20, 2025', reading: '5 min read' });
    assert.deepEqual(await header({ ...base, leadImage: 'https://site.example/lead-1200x600.jpg', content: '<p>Text.</p><img src="https://site.example/lead-600x300.jpg?w=600">', wordCount: 90 }),
      { lead: null, date: 'May 20, 2025', reading: '1 min read' }, 'the same picture in another size counts as in the body');
    await page.close();
  });
});
