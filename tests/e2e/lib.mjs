// Shared by the end-to-end tests: paths, the fixture server (strict CSP), the
// fixture's expectations, a test copy of the extension, text assertions.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    [`/seed/${SEED_ID}.html`]: [seedHtml, 'text/html; charset=utf-8'],
  };
  const served = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    served.push(path);
    const entry = files[path];
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
