// Static checks of the extension's safety bars, and of the store packages when
// ./build.sh package has made them (dist/):
//   permissions exactly activeTab, scripting, storage, no host permissions;
//   the extension pages' CSP keeps script-src 'self' and object-src 'none';
//   no inline script or handler in the extension's HTML;
//   no HTML-string sinks (innerHTML and friends) and no network API in its scripts;
//   the packages: version from Cargo.toml, every icon size, lint-relevant keys,
//   and the Chrome package loads and runs its wasm in Chromium.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, repo } from './lib.mjs';

const ext = join(repo, 'extension');
const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
const cargoVersion = /\[package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(readFileSync(join(repo, 'Cargo.toml'), 'utf8'))?.[1];

/** The extension's own scripts (not the generated wasm glue, not the icon generator). */
const scripts = readdirSync(ext).filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(ext, f), 'utf8')]);
/** Source without comments, so that prose about a sink is not a sink. */
const code = (src) => src.replace(/\/\*[^]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');

describe('extension safety bars (static)', () => {
  test('permissions are exactly activeTab, scripting, storage; no host permissions', () => {
    assert.deepEqual([...manifest.permissions].sort(), ['activeTab', 'scripting', 'storage']);
    assert.equal(manifest.host_permissions, undefined);
    assert.equal(manifest.optional_permissions, undefined);
    assert.equal(manifest.optional_host_permissions, undefined);
    assert.equal(manifest.content_scripts, undefined);
  });

  test("the extension pages' CSP: script-src 'self' (+ wasm), object-src 'none', nothing inline, no network", () => {
    const csp = Object.fromEntries(manifest.content_security_policy.extension_pages.split(';')
      .map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
    assert.deepEqual(csp['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(csp['object-src'], ["'none'"]);
    assert.deepEqual(csp['connect-src'], ["'self'"]);
    assert.deepEqual(csp['default-src'], ["'self'"]);
    for (const values of Object.values(csp)) {
      assert.ok(!values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'"), 'no unsafe-inline or unsafe-eval');
    }
    assert.deepEqual(manifest.web_accessible_resources, [{ resources: ['reader.html'], matches: ['<all_urls>'] }]);
  });

  test('no inline script or event handler in the extension HTML', () => {
    for (const file of readdirSync(ext).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(ext, file), 'utf8');
      for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) assert.match(tag, /\ssrc=/, `${file}: ${tag}`);
      assert.doesNotMatch(html, /<script\b[^>]*>[^<\s]/i, `${file}: inline script`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${file}: inline handler`);
      assert.doesNotMatch(html, /javascript:/i, file);
    }
  });

  test('no HTML-string sinks in the extension scripts: the DOM is built node by node', () => {
    for (const [file, src] of scripts) {
      const body = code(src);
      for (const sink of [/\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /createContextualFragment/, /\beval\s*\(/, /new Function\s*\(/, /setHTMLUnsafe/]) {
        assert.doesNotMatch(body, sink, `${file}: ${sink}`);
      }
    }
    // The one parser of foreign HTML is render.js's inert DOMParser, whose output is copied by
    // allowlist. reader.bundle.js (built: render.js and the other reader modules joined) is
    // read as the modules it joins.
    const parts = scripts.flatMap(([file, src]) => file !== 'reader.bundle.js' ? [[file, src]]
      : src.split(/^\/\/ @module /m).slice(1).map((part) => [`${file}: ${part.slice(0, part.indexOf('\n'))}`, part]));
    const parsers = parts.filter(([, src]) => /DOMParser/.test(code(src))).map(([f]) => f);
    const built = scripts.some(([file]) => file === 'reader.bundle.js');
    assert.deepEqual(parsers, built ? ['reader.bundle.js: render.js', 'render.js'] : ['render.js']);
  });

  test('no network API in the extension scripts', () => {
    for (const [file, src] of scripts) {
      const body = code(src);
      for (const api of [/\bfetch\s*\(/, /XMLHttpRequest/, /new WebSocket/, /sendBeacon/, /EventSource/, /importScripts/]) {
        assert.doesNotMatch(body, api, `${file}: ${api}`);
      }
    }
  });
});

const dist = join(repo, 'dist');
const havePackages = cargoVersion && existsSync(join(dist, `klartext-chrome-${cargoVersion}.zip`)) && existsSync(join(dist, `klartext-firefox-${cargoVersion}.zip`));

describe('store packages (dist/, from ./build.sh package)', { skip: havePackages ? false : 'no dist/ packages for this version: run ./build.sh package' }, () => {
  for (const browser of ['chrome', 'firefox']) {
    test(`${browser}: version from Cargo.toml, icons 16–128, name and description, background for ${browser}`, () => {
      const dir = join(dist, browser);
      const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      assert.equal(m.version, cargoVersion.split(/[-+]/)[0]);
      assert.ok(m.name && m.description && m.short_name);
      assert.deepEqual(Object.keys(m.icons).sort((a, b) => a - b), ['16', '32', '48', '96', '128']);
      for (const icon of Object.values(m.icons)) assert.ok(statSync(join(dir, icon)).size > 0);
      assert.deepEqual([...m.permissions].sort(), ['activeTab', 'scripting', 'storage']);
      if (browser === 'chrome') {
        assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
        assert.equal(m.browser_specific_settings, undefined);
      } else {
        assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
        assert.ok(m.browser_specific_settings.gecko.id);
      }
      assert.ok(existsSync(join(dir, 'pkg/klartext_bg.wasm')));
      assert.ok(!existsSync(join(dir, 'icons/make-icons.mjs')), 'no build scripts in the package');
    });
  }

  test('the Chrome package loads in Chromium, its service worker runs the wasm core and its reader page runs', async () => {
    const { chromium } = await import('playwright-core');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = join(dist, 'chrome');
    const userDataDir = mkdtempSync(join(tmpdir(), 'klartext-dist-'));
    const ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`, '--no-sandbox', '--disable-gpu',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    try {
      let [sw] = ctx.serviceWorkers();
      sw ??= await ctx.waitForEvent('serviceworker', { timeout: 30_000 });
      const info = await sw.evaluate(async () => ({
        version: chrome.runtime.getManifest().version,
        core: await self.klartextVersion(),
      }));
      assert.deepEqual(info, { version: cargoVersion.split(/[-+]/)[0], core: cargoVersion });
      // The reader page's script (the bundle; its modules are not shipped apart) runs and asks
      // the worker for a view that does not exist.
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`chrome-extension://${new URL(sw.url()).host}/reader.html#no-such-view`);
      await page.waitForFunction(() => /expired/.test(document.getElementById('kt-article')?.textContent ?? ''), null, { timeout: 10_000 });
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });
});
