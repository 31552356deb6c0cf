// End-to-end test of the same extension in headless Firefox ESR, through geckodriver:
// WebDriver classic for the session, the add-on install and the page, WebDriver BiDi
// (needs node --experimental-websocket) to read the reader iframe and to record every
// request. Toggling goes through a test-only content script that relays a
// window.postMessage from the page to the background's klartextToggle (Firefox has
// no way to evaluate code in an extension's background from outside).
//
// Skipped when firefox-esr or geckodriver is missing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { FIXTURE, artifacts, assertInOrder, makeTestExtension, serveStatic } from './lib.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';
const found = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const skip = !found(FIREFOX)
  ? `${FIREFOX} not found`
  : !found(GECKODRIVER)
    ? 'geckodriver not on PATH'
    : typeof WebSocket !== 'function'
      ? 'needs node --experimental-websocket (WebDriver BiDi)'
      : false;

// Test-only additions to the extension copy.
const HOOK_BACKGROUND = `import './background.js';
const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener((message, sender) => {
  if (message?.type !== 'klartext-e2e/toggle' || sender.tab?.id == null) return undefined;
  return self.klartextToggle(sender.tab.id);
});
`;
const HOOK_CONTENT = `window.addEventListener('message', (event) => {
  if (event.source !== window || event.data?.klartextE2E !== 'toggle') return;
  const api = globalThis.browser ?? globalThis.chrome;
  api.runtime.sendMessage({ type: 'klartext-e2e/toggle' }).then(
    (result) => window.postMessage({ klartextE2EResult: result }, '*'),
    (error) => window.postMessage({ klartextE2EResult: { state: 'error', error: String(error) } }, '*'),
  );
});
`;

/** A zip of `dir` (deflate), as WebDriver's add-on install wants it. */
function zipDir(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(dir);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const full of files) {
    const name = Buffer.from(relative(dir, full).split(sep).join('/'));
    const data = readFileSync(full);
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function freePort() {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Minimal WebDriver BiDi client over the session's websocket. */
class Bidi {
  constructor(url) {
    this.ws = new WebSocket(url);
    this.id = 0;
    this.pending = new Map();
    this.events = [];
    this.ws.addEventListener('message', (msg) => {
      const data = JSON.parse(msg.data);
      if (data.type === 'event') this.events.push(data);
      else if (this.pending.has(data.id)) {
        const { ok, fail } = this.pending.get(data.id);
        this.pending.delete(data.id);
        if (data.type === 'error') fail(new Error(`${data.error}: ${data.message}`));
        else ok(data.result);
      }
    });
    this.open = new Promise((ok, fail) => {
      this.ws.addEventListener('open', ok, { once: true });
      this.ws.addEventListener('error', () => fail(new Error(`BiDi websocket ${url} failed`)), { once: true });
    });
  }

  send(method, params = {}) {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((ok, fail) => this.pending.set(id, { ok, fail }));
  }

  close() {
    this.ws.close();
  }
}

describe('Klartext extension in Firefox', { skip }, () => {
  let driver;
  let base;
  let session;
  let bidi;
  let http;

  async function wd(method, path, body) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (json.value?.error) throw new Error(`WebDriver ${path}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }

  const exec = (script, args = []) => wd('POST', `/session/${session}/execute/sync`, { script, args });

  before(async () => {
    const extDir = makeTestExtension('extension-under-test-firefox', (manifest, dir) => {
      writeFileSync(join(dir, 'e2e-hook.js'), HOOK_BACKGROUND);
      writeFileSync(join(dir, 'e2e-content.js'), HOOK_CONTENT);
      manifest.background = { scripts: ['e2e-hook.js'], type: 'module' };
      manifest.content_scripts = [{ matches: ['http://127.0.0.1/*'], js: ['e2e-content.js'], run_at: 'document_start' }];
    });
    http = await serveStatic();
    const port = await freePort();
    driver = spawn(GECKODRIVER, ['--host', '127.0.0.1', '--port', String(port), '--log', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try {
        await fetch(`${base}/status`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const created = await wd('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          webSocketUrl: true,
          'moz:firefoxOptions': {
            binary: FIREFOX,
            args: ['-headless', '-width=1200', '-height=800'],
            prefs: {
              // Everything but 127.0.0.1 goes to a proxy that does not exist: no request leaves the machine.
              'network.proxy.type': 1,
              'network.proxy.http': '127.0.0.1',
              'network.proxy.http_port': 9,
              'network.proxy.ssl': '127.0.0.1',
              'network.proxy.ssl_port': 9,
              'network.proxy.no_proxies_on': '127.0.0.1',
              'network.dns.disablePrefetch': true,
              'datareporting.policy.dataSubmissionEnabled': false,
              'toolkit.telemetry.enabled': false,
              'app.update.enabled': false,
              'extensions.update.enabled': false,
              'browser.shell.checkDefaultBrowser': false,
            },
          },
        },
      },
    });
    session = created.sessionId;
    bidi = new Bidi(created.capabilities.webSocketUrl);
    await bidi.open;
    await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
    const addon = zipDir(extDir);
    await wd('POST', `/session/${session}/moz/addon/install`, { addon: addon.toString('base64'), temporary: true });
  });

  after(async () => {
    bidi?.close();
    if (session) await wd('DELETE', `/session/${session}`).catch(() => {});
    driver?.kill();
    http?.server.close();
  });

  async function toggle() {
    const result = await wd('POST', `/session/${session}/execute/async`, {
      script: `const done = arguments[arguments.length - 1];
        const onMessage = (event) => {
          if (event.source !== window || !event.data?.klartextE2EResult) return;
          window.removeEventListener('message', onMessage);
          done(event.data.klartextE2EResult);
        };
        window.addEventListener('message', onMessage);
        window.postMessage({ klartextE2E: 'toggle' }, '*');`,
      args: [],
    });
    return result;
  }

  async function readerContext() {
    for (let i = 0; i < 100; i++) {
      const { contexts } = await bidi.send('browsingContext.getTree', {});
      const stack = [...contexts];
      while (stack.length) {
        const ctx = stack.pop();
        if (ctx.url.startsWith('moz-extension://') && ctx.url.includes('/reader.html#')) return ctx.context;
        stack.push(...(ctx.children ?? []));
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the reader iframe did not appear');
  }

  async function evalIn(context, expression) {
    const res = await bidi.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (res.type === 'exception') throw new Error(`script.evaluate: ${res.exceptionDetails.text}`);
    return res.result.value;
  }

  const state = `return {
    html: document.documentElement.outerHTML,
    value: document.getElementById('comment-name').value,
    scrollY: window.scrollY,
    innerScroll: document.getElementById('scrollbox').scrollTop,
    atCentre: document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.localName ?? null,
    hosts: document.getElementsByTagName('klartext-reader').length,
  };`;

  test('fixture page (strict CSP): reader view round trip keeps the page intact', async (t) => {
    await wd('POST', `/session/${session}/url`, { url: `${http.origin}/fixture/article.html` });
    const input = await wd('POST', `/session/${session}/element`, { using: 'css selector', value: '#comment-name' });
    const inputId = Object.values(input)[0];
    await wd('POST', `/session/${session}/element/${inputId}/value`, { text: 'Grace Hopper' });
    await exec("window.scrollTo(0, 900); document.getElementById('scrollbox').scrollTo(0, 37);");
    const before = await exec(state);
    assert.equal(before.value, 'Grace Hopper');
    assert.ok(before.scrollY > 0);

    const mark = bidi.events.length;
    const opened = await toggle();
    assert.equal(opened.state, 'open', JSON.stringify(opened));
    assert.equal(opened.error, null);
    t.diagnostic(`firefox: wasm init ${opened.timing.initMs.toFixed(1)} ms, extract ${opened.timing.extractMs.toFixed(1)} ms`);
    const reader = await readerContext();
    for (let i = 0; i < 100 && (await evalIn(reader, "document.getElementById('kt-article')?.hasAttribute('aria-busy') ?? true")); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const view = await evalIn(reader, `({
      text: document.body.innerText,
      articleHtml: document.getElementById('kt-article').innerHTML,
      title: document.querySelector('.kt-title')?.textContent ?? null,
      lang: document.documentElement.lang,
    })`).then((v) => Object.fromEntries(v.map(([k, { value }]) => [k, value])));
    const during = await exec(state);
    const shot = await wd('GET', `/session/${session}/screenshot`);
    writeFileSync(join(artifacts, 'firefox-fixture-2-reader.png'), Buffer.from(shot, 'base64'));

    assert.equal(during.atCentre, 'klartext-reader', 'the reader view covers the page');
    assert.equal(view.title, FIXTURE.title);
    assert.equal(view.lang.split('-')[0], FIXTURE.lang);
    assertInOrder(view.text, FIXTURE.inOrder, 'firefox fixture');
    for (const s of FIXTURE.absent) {
      assert.ok(!view.text.includes(s) && !view.articleHtml.includes(s), `"${s}" must not be in the reader view`);
    }

    const closed = await toggle();
    assert.equal(closed.state, 'closed');
    const after_ = await exec(state);
    const shot2 = await wd('GET', `/session/${session}/screenshot`);
    writeFileSync(join(artifacts, 'firefox-fixture-4-restored.png'), Buffer.from(shot2, 'base64'));
    assert.equal(after_.hosts, 0);
    assert.equal(after_.html, before.html, 'the page DOM is exactly as before');
    assert.equal(after_.value, 'Grace Hopper', 'typed form value kept');
    assert.equal(after_.scrollY, before.scrollY, 'scroll position kept');
    assert.equal(after_.innerScroll, before.innerScroll, 'inner scroll box position kept');

    // Every request of the round trip: 127.0.0.1 or the extension's own files.
    const requests = bidi.events.slice(mark)
      .filter((e) => e.method === 'network.beforeRequestSent')
      .map((e) => e.params.request.url);
    const offsite = requests.filter((u) => {
      const url = new URL(u);
      return !(url.hostname === '127.0.0.1' || url.protocol === 'moz-extension:' || url.protocol === 'data:');
    });
    assert.deepEqual(offsite, [], 'no request beyond 127.0.0.1');

    // Page listeners survive.
    const button = await wd('POST', `/session/${session}/element`, { using: 'css selector', value: '#counter-button' });
    await wd('POST', `/session/${session}/element/${Object.values(button)[0]}/click`, {});
    assert.equal(await exec('return window.fixtureClicks;'), 1);
  });

  async function openReader(path) {
    await wd('POST', `/session/${session}/url`, { url: `${http.origin}${path}` });
    const opened = await toggle();
    assert.equal(opened.state, 'open', JSON.stringify(opened));
    const reader = await readerContext();
    for (let i = 0; i < 100 && !(await evalIn(reader, "Boolean(document.querySelector('#kt-article:not([aria-busy]) .kt-title'))")); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return reader;
  }

  const readerStyle = `(() => {
    const html = getComputedStyle(document.documentElement);
    const article = getComputedStyle(document.getElementById('kt-article'));
    return JSON.stringify({ theme: document.documentElement.dataset.theme, background: html.backgroundColor,
      fontSize: html.fontSize, sans: /system-ui/.test(article.fontFamily) });
  })()`;

  test('settings apply at once and persist (storage.sync); t switches theme; removed panel', async () => {
    let reader = await openReader('/fixture/article.html');
    const before = JSON.parse(await evalIn(reader, readerStyle));
    assert.equal(before.fontSize, '20px');
    await evalIn(reader, `document.getElementById('kt-appearance-button').click();
      document.getElementById('kt-font-sans').click();
      document.getElementById('kt-larger').click();
      document.getElementById('kt-theme-sepia').click();`);
    const changed = JSON.parse(await evalIn(reader, readerStyle));
    assert.deepEqual(changed, { theme: 'sepia', background: 'rgb(244, 236, 216)', fontSize: '22px', sans: true });
    // t cycles the theme (sepia → dark).
    await evalIn(reader, `document.getElementById('kt-main').dispatchEvent(new KeyboardEvent('keydown', { key: 't', bubbles: true, cancelable: true }))`);
    assert.equal(JSON.parse(await evalIn(reader, readerStyle)).background, 'rgb(27, 26, 24)');
    await new Promise((r) => setTimeout(r, 700));

    // Close, reload, open again: the settings came back from storage.sync.
    assert.equal((await toggle()).state, 'closed');
    reader = await openReader('/fixture/article.html');
    const again = JSON.parse(await evalIn(reader, readerStyle));
    assert.deepEqual(again, { theme: 'dark', background: 'rgb(27, 26, 24)', fontSize: '22px', sans: true });
    const shot = await wd('GET', `/session/${session}/screenshot`);
    writeFileSync(join(artifacts, 'firefox-reader-dark.png'), Buffer.from(shot, 'base64'));

    // The removed panel: counts by category and a block on demand.
    await evalIn(reader, `document.getElementById('kt-removed-button').click();
      document.querySelector('.kt-removed-group[data-category=ad] summary').click();`);
    await new Promise((r) => setTimeout(r, 200));
    const panel = JSON.parse(await evalIn(reader, `JSON.stringify({
      count: document.getElementById('kt-removed-count').textContent,
      groups: [...document.querySelectorAll('.kt-removed-group')].map((g) => g.dataset.category),
      preview: document.querySelector('.kt-removed-group[data-category=ad] .kt-removed-preview').textContent,
    })`));
    assert.equal(panel.count, '11');
    assert.deepEqual(panel.groups, ['ad', 'comments', 'related', 'share', 'nav', 'cookie', 'other']);
    assert.match(panel.preview, /Buy the FerryMax 3000 today!/);
    const shot2 = await wd('GET', `/session/${session}/screenshot`);
    writeFileSync(join(artifacts, 'firefox-reader-removed-panel.png'), Buffer.from(shot2, 'base64'));

    // Back to the defaults for later runs, then leave the view.
    await evalIn(reader, `document.getElementById('kt-reset').click()`);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal((await toggle()).state, 'closed');
  });
});
