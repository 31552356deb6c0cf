// Shared by the end-to-end tests: paths, the fixture server (strict CSP), the
// fixture's expectations, a test copy of the extension, text assertions.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCurrent } from '../../scripts/bundle.mjs';

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, '../..');
export const corpus = resolve(repo, process.env.KLARTEXT_CORPUS ?? '../shared/corpus');
export const artifacts = resolve(repo, process.env.KLARTEXT_ARTIFACTS ?? 'test-artifacts');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const PAGE_CSP = "default-src 'self'; script-src 'self'; img-src *";
export const SEED_ID = 'it-boltwise-nato';
export const seedHtml = join(corpus, 'seed/html', `${SEED_ID}.html`);
export const seedExpect = join(corpus, 'seed/expectations', `${SEED_ID}.json`);
export const haveSeed = existsSync(seedHtml) && existsSync(seedExpect);

export const FIXTURE = {
  title: 'The Last Keepers of the Northern Light',
  lang: 'en',
  inOrder: [
    'For one hundred and twelve years, a keeper climbed the spiral stairs',
    'The last of them, Henrik Aasen, retired in the spring',
    'Aasen, who is seventy-one, still rises before dawn.',
    'The station was built in 1912',
    'You do not keep a light for the ships you see.',
    'Automation came slowly.',
    'light the old lamp by hand.',
  ],
  absent: [
    'We use cookies',
    'Advertisement',
    'FerryMax',
    'Share on Facebook',
    'Get the Gazette in your inbox',
    'Leave a comment',
    'Comments are moderated',
    'Related stories',
    'Ferry timetable',
    'All rights reserved',
    'Search the Gazette',
    'Inner scroll box',
    'Clicks:',
    '<script',
    'onclick',
  ],
};

// ---- helpers ----

export const normalise = (s) => s.replace(/\s+/g, ' ').trim();

export function assertInOrder(text, snippets, label) {
  const hay = normalise(text);
  let from = 0;
  for (const snippet of snippets) {
    const at = hay.indexOf(normalise(snippet), from);
    assert.ok(at >= 0, `${label}: "${snippet}" missing (or out of order) in the reader view`);
    from = at + normalise(snippet).length;
  }
}

export function serveStatic() {
  const files = {
    '/fixture/article.html': [join(here, 'fixtures/article.html'), 'text/html; charset=utf-8'],
    '/fixture/fixture.css': [join(here, 'fixtures/fixture.css'), 'text/css; charset=utf-8'],
    '/fixture/fixture.js': [join(here, 'fixtures/fixture.js'), 'text/javascript; charset=utf-8'],
    '/fixture/photo.svg': [join(here, 'fixtures/photo.svg'), 'image/svg+xml'],
    '/fixture/not-article.html': [join(here, 'fixtures/not-article.html'), 'text/html; charset=utf-8'],
    [`/seed/${SEED_ID}.html`]: [seedHtml, 'text/html; charset=utf-8'],
  };
  // The core's fixture pages (tests/fixtures/*.html), e.g. the right-to-left ones, and
  // the shared corpus pages (/corpus/<corpus>/<page>.html, read in place, never copied).
  const coreFixture = (path) => {
    const m = /^\/core-fixtures\/([a-z0-9-]+\.html)$/.exec(path);
    if (m) return [join(repo, 'tests/fixtures', m[1]), 'text/html; charset=utf-8'];
    const c = /^\/corpus\/([a-z0-9-]+)\/([A-Za-z0-9._-]+\.html)$/.exec(path);
    // No charset in the header: a corpus page's own <meta charset> decides.
    return c ? [join(corpus, c[1], 'html', c[2]), 'text/html'] : undefined;
  };
  const served = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    served.push(path);
    const entry = files[path] ?? coreFixture(path);
    if (!entry || !existsSync(entry[0])) {
      res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Security-Policy': PAGE_CSP });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': entry[1],
      'Content-Security-Policy': PAGE_CSP,
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(entry[0]));
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => ok({ server, served, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/**
 * Copies extension/ to test-artifacts/<name>/ and lets `edit(manifest, dir)` change
 * the copy (host permission for 127.0.0.1, test hooks). Fails when the wasm is missing.
 */
export function makeTestExtension(name, edit) {
  const src = join(repo, 'extension');
  const glue = join(src, 'pkg/klartext.js');
  if (!existsSync(glue)) {
    throw new Error(`${glue} is missing: build first (./build.sh build)`);
  }
  // reader.html loads the reader's modules joined into one file: it must be the one the
  // modules give now, or the run would test old code.
  const joined = join(src, 'reader.bundle.js');
  if (!isCurrent(join(src, 'reader.js'), joined)) {
    throw new Error(`${joined} is missing or stale: build first (./build.sh build)`);
  }
  const dir = join(artifacts, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(src, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  // Only in test copies: lets the test toggle without the user gesture activeTab needs.
  manifest.host_permissions = ['http://127.0.0.1/*'];
  edit?.(manifest, dir);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

/**
 * Starts headless Chromium with a test copy of the extension (see makeTestExtension).
 * Returns helpers: toggle(tabId) calls the background's toggle (the path of a click),
 * open(path, viewport) loads a fixture page and opens the reader view in it, and
 * readerFrame(page) waits for the rendered reader iframe.
 */
export async function launchChromiumWithExtension(name, { viewport = { width: 1280, height: 800 } } = {}) {
  const { chromium } = await import('playwright-core');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const extDir = makeTestExtension(name);
  const http = await serveStatic();
  const userDataDir = mkdtempSync(join(tmpdir(), 'klartext-e2e-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    acceptDownloads: true,
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  const offsite = [];
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || !url.protocol.startsWith('http')) return route.continue();
    offsite.push(url.href);
    return route.abort('blockedbyclient');
  });
  let [sw] = ctx.serviceWorkers();
  sw ??= await ctx.waitForEvent('serviceworker', { timeout: 30_000 });
  const extId = new URL(sw.url()).host;

  const toggle = (tabId) => sw.evaluate((id) => self.klartextToggle(id), tabId);
  const tabIdOf = (url) => sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null, url);

  /**
   * The reader iframe in `page` once it shows an article (or an error); with `token`, the
   * frame of that view. A frame of a view closed a moment ago may still be listed while it
   * detaches: it is passed over.
   */
  async function readerFrame(page, token) {
    const prefix = `chrome-extension://${extId}/reader.html`;
    const wanted = (f) => !f.isDetached() && (token ? f.url() === `${prefix}#${token}` : f.url().startsWith(prefix));
    for (let i = 0; i < 150; i++) {
      const frame = page.frames().find(wanted);
      if (frame) {
        try {
          await frame.waitForSelector('#kt-article:not([aria-busy]) .kt-title, #kt-article.kt-error', { timeout: 15_000 });
          return frame;
        } catch (err) {
          if (!frame.isDetached()) throw err;
        }
      }
      await page.waitForTimeout(100);
    }
    throw new Error('the reader iframe did not appear');
  }

  let opened_ = 0;

  /** Loads `path` in a new tab and opens the reader view: {page, frame, tabId, errors}. */
  async function open(path, pageViewport) {
    const page = await ctx.newPage();
    if (pageViewport) await page.setViewportSize(pageViewport);
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    // A query string of its own, so that this tab is found by its URL.
    const url = `${http.origin}${path}${path.includes('?') ? '&' : '?'}tab=${++opened_}`;
    await page.goto(url, { waitUntil: 'load' });
    const tabId = await tabIdOf(url);
    const opened = await toggle(tabId);
    if (opened.state !== 'open') throw new Error(`reader did not open: ${JSON.stringify(opened)}`);
    const frame = await readerFrame(page);
    return { page, frame, tabId, errors, url };
  }

  async function close() {
    await ctx.close();
    http.server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }

  return { ctx, sw, extId, http, offsite, toggle, tabIdOf, readerFrame, open, close };
}
