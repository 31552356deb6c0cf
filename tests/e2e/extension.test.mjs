// End-to-end test of the Klartext extension in headless Chromium.
//
// Loads a test copy of extension/ (plus host permission for http://127.0.0.1/*, so
// the test can toggle without a user gesture), serves the seed page from the shared
// corpus and a fixture page of our own from 127.0.0.1 under a strict CSP, and for
// each page: types into a form field, scrolls, toggles the reader view through the
// service worker (the same function the toolbar button calls), checks the view,
// toggles back and checks that the page is exactly as it was. All requests are
// recorded; nothing may leave 127.0.0.1.
//
// Run: node --test tests/e2e/   (after ./build.sh has put the wasm into extension/pkg)
// Env: KLARTEXT_CORPUS (default ../shared/corpus), CHROMIUM (default /usr/bin/chromium),
//      KLARTEXT_ARTIFACTS (default test-artifacts).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  FIXTURE, SEED_ID, artifacts, assertInOrder, chromiumPath, corpus, haveSeed, makeTestExtension,
  normalise, repo, seedExpect, serveStatic,
} from './lib.mjs';

// ---- the suite ----

describe('Klartext extension in Chromium', () => {
  let ctx;
  let sw;
  let extId;
  let http;
  let userDataDir;
  const requests = [];
  const blocked = [];
  let placeholderPng;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    placeholderPng = readFileSync(join(repo, 'extension/icons/icon-128.png'));
    const extDir = makeTestExtension('extension-under-test');
    http = await serveStatic();
    userDataDir = mkdtempSync(join(tmpdir(), 'klartext-e2e-'));
    ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1200, height: 800 },
      args: [
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-default-browser-check',
        // Belt and braces: no name but 127.0.0.1 resolves, so nothing can leave the machine.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
    ctx.on('request', (req) => {
      let frameUrl = null;
      try {
        frameUrl = req.frame().url();
      } catch {
        // Requests of service workers have no frame.
      }
      requests.push({ url: req.url(), type: req.resourceType(), frameUrl, worker: Boolean(req.serviceWorker()) });
    });
    // Third-party resources of the corpus page (ads, fonts, images) never hit the network.
    await ctx.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || !url.protocol.startsWith('http')) return route.continue();
      blocked.push(url.href);
      // Page images get a local placeholder so screenshots show the layout; the rest fails.
      // (Routes do not see the extension's frames: there --host-resolver-rules blocks.)
      if (route.request().resourceType() === 'image') {
        return route.fulfill({ status: 200, contentType: 'image/png', body: placeholderPng });
      }
      return route.abort('blockedbyclient');
    });
    [sw] = ctx.serviceWorkers();
    sw ??= await ctx.waitForEvent('serviceworker', { timeout: 30_000 });
    extId = new URL(sw.url()).host;
  });

  after(async () => {
    await ctx?.close();
    http?.server.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  const toggle = (tabId) => sw.evaluate((id) => self.klartextToggle(id), tabId);

  async function tabIdOf(url) {
    return sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);
  }

  async function readerFrame(page) {
    const prefix = `chrome-extension://${extId}/reader.html`;
    for (let i = 0; i < 100; i++) {
      const frame = page.frames().find((f) => f.url().startsWith(prefix));
      if (frame) {
        await frame.waitForSelector('#kt-article:not([aria-busy])', { timeout: 15_000 });
        return frame;
      }
      await page.waitForTimeout(100);
    }
    throw new Error('the reader iframe did not appear');
  }

  const pageState = (page, field) =>
    page.evaluate((sel) => ({
      html: document.documentElement.outerHTML,
      value: document.querySelector(sel)?.value ?? null,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
      innerScroll: document.getElementById('scrollbox')?.scrollTop ?? null,
      hostAtCentre: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName ?? null,
      readerHosts: document.getElementsByTagName('klartext-reader').length,
    }), field);

  /**
   * One full round trip on `path`: type, scroll, open the reader view, check it,
   * close it, check that the page is exactly as before. Returns what it saw.
   */
  async function roundTrip(t, { name, path, field, typed, scrollTo, expect }) {
    const page = await ctx.newPage();
    const consoleErrors = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    const url = `${http.origin}${path}`;
    await page.goto(url, { waitUntil: 'load' });
    await page.locator(field).fill(typed);
    await page.evaluate(([x, y]) => window.scrollTo(x, y), scrollTo);
    await page.evaluate(() => document.getElementById('scrollbox')?.scrollTo(0, 37));
    await page.screenshot({ path: join(artifacts, `${name}-1-original.png`) });
    const before = await pageState(page, field);
    assert.equal(before.value, typed);
    assert.ok(before.scrollY > 0, 'the page scrolled before toggling');
    const tabId = await tabIdOf(url);
    assert.ok(Number.isInteger(tabId), `tab id of ${url}`);

    const mark = requests.length;
    const opened = await toggle(tabId);
    assert.equal(opened.state, 'open', JSON.stringify(opened));
    assert.equal(opened.error, null, `extract failed: ${opened.error}`);
    t.diagnostic(`${name}: ${opened.timing.htmlLength} chars of HTML, wasm init ${opened.timing.initMs.toFixed(1)} ms, extract ${opened.timing.extractMs.toFixed(1)} ms`);

    const frame = await readerFrame(page);
    const during = await pageState(page, field);
    assert.equal(during.hostAtCentre, 'klartext-reader', 'the reader view covers the page');
    const view = await frame.evaluate(() => {
      const art = document.getElementById('kt-article');
      const box = art.getBoundingClientRect();
      return {
        text: document.body.innerText,
        articleHtml: art.innerHTML,
        title: document.querySelector('.kt-title')?.textContent ?? null,
        lang: document.documentElement.lang,
        width: box.width,
        height: box.height,
        paragraphs: art.querySelectorAll('.kt-content p').length,
        images: [...art.querySelectorAll('img')].map((img) => img.getAttribute('src')),
        resources: performance.getEntriesByType('resource').map((e) => e.name),
        scripts: document.querySelectorAll('.kt-content script, .kt-content [onclick]').length,
      };
    });
    await page.screenshot({ path: join(artifacts, `${name}-2-reader.png`) });
    await frame.evaluate(() => window.scrollTo(0, 600));
    await page.screenshot({ path: join(artifacts, `${name}-2b-reader-scrolled.png`) });
    await frame.evaluate(() => window.scrollTo(0, 0));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(artifacts, `${name}-3-reader-dark.png`) });
    await page.emulateMedia({ colorScheme: 'light' });

    assert.ok(view.width > 300 && view.height > 200, `reader article is visible (${view.width}×${view.height})`);
    assert.ok(view.paragraphs >= 3, `reader shows paragraphs (${view.paragraphs})`);
    assert.equal(view.scripts, 0);
    assert.equal(normalise(view.title ?? ''), normalise(expect.title));
    if (expect.lang) assert.equal(view.lang.toLowerCase().split('-')[0], expect.lang, `reader lang ${view.lang}`);
    assertInOrder(view.text, expect.inOrder, name);
    for (const s of expect.absent) {
      assert.ok(!view.text.includes(s) && !view.articleHtml.includes(s), `${name}: "${s}" must not be in the reader view`);
    }

    const closed = await toggle(tabId);
    assert.equal(closed.state, 'closed');
    const after_ = await pageState(page, field);
    await page.screenshot({ path: join(artifacts, `${name}-4-restored.png`) });
    const trip = requests.slice(mark);

    assert.equal(after_.readerHosts, 0, 'the reader host element is gone');
    assert.notEqual(after_.hostAtCentre, 'klartext-reader');
    assert.equal(after_.html, before.html, 'the page DOM is exactly as before');
    assert.equal(after_.value, typed, 'typed form value kept');
    assert.equal(after_.scrollY, before.scrollY, 'vertical scroll position kept');
    assert.equal(after_.scrollX, before.scrollX, 'horizontal scroll position kept');
    assert.equal(after_.innerScroll, before.innerScroll, 'inner scroll box position kept');
    assert.equal(page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length, 0);
    return { page, view, trip, consoleErrors, tabId, typed };
  }

  /** Requests during a round trip: 127.0.0.1, the extension's own files, or article images. */
  function checkTrip(name, { trip, view }, allowArticleImages) {
    const articleImages = new Set(view.images);
    const offsite = [];
    for (const r of trip) {
      const u = new URL(r.url);
      if (u.protocol === 'chrome-extension:') {
        assert.equal(u.host, extId, `${name}: request into another extension: ${r.url}`);
        continue;
      }
      if (u.hostname === '127.0.0.1') continue;
      offsite.push(r);
    }
    assert.deepEqual(offsite.filter((r) => r.worker), [], `${name}: the service worker made no network request`);
    const unexplained = offsite.filter((r) => !(allowArticleImages && r.type === 'image' && articleImages.has(r.url)));
    assert.deepEqual(unexplained, [], `${name}: requests beyond 127.0.0.1 during the round trip`);
    for (const res of view.resources) {
      const u = new URL(res);
      const ok = u.protocol === 'chrome-extension:' || u.hostname === '127.0.0.1' || (allowArticleImages && articleImages.has(res));
      assert.ok(ok, `${name}: the reader page loaded ${res}`);
    }
    return offsite;
  }

  test('fixture page (strict CSP): reader view round trip keeps the page intact', async (t) => {
    const result = await roundTrip(t, {
      name: 'fixture',
      path: '/fixture/article.html',
      field: '#comment-name',
      typed: 'Ada Lovelace',
      scrollTo: [0, 900],
      expect: FIXTURE,
    });
    const offsite = checkTrip('fixture', result, false);
    assert.equal(offsite.length, 0);
    assert.ok(result.trip.length > 0, 'the round trip was recorded (reader files)');

    // Listeners of the page survive: the counter button still counts.
    const { page } = result;
    await page.click('#counter-button');
    assert.equal(await page.evaluate(() => window.fixtureClicks), 1);

    // Esc inside the reader view closes it too (via the reader page → background).
    const before = await page.evaluate(() => ({ y: scrollY, html: document.documentElement.outerHTML }));
    const opened = await toggle(result.tabId);
    assert.equal(opened.state, 'open');
    const frame = await readerFrame(page);
    await frame.locator('#kt-main').press('Escape');
    await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    const after_ = await page.evaluate(() => ({ y: scrollY, html: document.documentElement.outerHTML }));
    assert.equal(after_.y, before.y);
    assert.equal(after_.html, before.html);
    assert.equal(await page.inputValue('#comment-name'), 'Ada Lovelace');
    assert.deepEqual(result.consoleErrors, []);
    await page.close();
  });

  test('seed page from the shared corpus: reader view round trip', { skip: haveSeed ? false : `seed page not found under ${corpus} (set KLARTEXT_CORPUS)` }, async (t) => {
    const expectation = JSON.parse(readFileSync(seedExpect, 'utf8'));
    const result = await roundTrip(t, {
      name: 'seed',
      path: `/seed/${SEED_ID}.html`,
      field: '#author',
      typed: 'Erika Mustermann',
      scrollTo: [0, 700],
      expect: {
        title: expectation.title,
        lang: expectation.lang,
        inOrder: expectation.contains_in_order,
        absent: expectation.absent,
      },
    });
    const offsite = checkTrip('seed', result, true);
    if (offsite.length) {
      t.diagnostic(`seed: ${offsite.length} article image request(s) to the page's own host (the reader shows the article's images; the test browser resolves no host but 127.0.0.1, so none left the machine): ${offsite.map((r) => r.url).join(' ')}`);
    }
    await result.page.close();
  });

  test('the service worker fetched nothing but its own package', async () => {
    const names = await sw.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    for (const name of names) assert.ok(name.startsWith(`chrome-extension://${extId}/`), `worker loaded ${name}`);
    assert.deepEqual(requests.filter((r) => r.worker && !r.url.startsWith('chrome-extension://')), []);
  });
});
