// The XSS corpus (tests/xss/payloads.json) in a real browser. Every payload's page is
// extracted by the wasm core, and the article is rendered three ways in headless Chromium:
//
//   A. the real reader view: the extension's reader.html (its CSP, reader.js, reader-ui.js,
//      render.js, removed.js), fed through the same storage.session record and message the
//      background uses, 25 payloads' articles to a view (each behind a marker paragraph), with
//      every removed block opened in the panel and shown in the article;
//   B. the same render path (render.js: renderArticle + sanitizeToFragment for removed
//      blocks), one article per payload with its own header fields, in a 127.0.0.1 page
//      WITHOUT any CSP, so the two sanitisers are tested alone;
//   C. the core's raw output (content and removed blocks' html) put into a live document with
//      innerHTML, no CSP, no second sanitiser: the Rust sanitiser alone.
//
// Probes: `window.__xss(id)` (what the payloads call), alert/confirm/prompt/print overrides,
// a securitypolicyviolation listener (script-like directives count as executions) — all
// installed before any page script — and a request log: any request to a host other than
// 127.0.0.1 fails the test (images for the payloads are served from 127.0.0.1). After each
// render, a DOM audit: no on* attribute, style attribute, script-capable URL, or forbidden
// element in what was rendered. Prints "payloads: N run, 0 executed".

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromiumPath, makeTestExtension, repo } from './lib.mjs';

const corpus = JSON.parse(readFileSync(join(repo, 'tests/xss/payloads.json'), 'utf8'));
const SLOTS = { block: '{{BLOCK}}', inline: '{{INLINE}}', junk: '{{JUNK}}', head: '{{HEAD}}' };
const pages = corpus.payloads.map((p) => {
  let html = corpus.template.replace(SLOTS[p.where], p.html.replaceAll('$XSS', `__xss(${p.id})`));
  for (const slot of Object.values(SLOTS)) html = html.replace(slot, '');
  return { id: p.id, category: p.category, html };
});

// A 1×1 PNG for every /img/ request.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.html': 'text/html', '.png': 'image/png' };

/** 127.0.0.1: /img/* (a PNG), /ext/* (extension/ files, for B and C), /harness.html (no CSP). */
function serve() {
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    requests.push(path);
    if (path.startsWith('/img/')) {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'max-age=3600' });
      res.end(PNG);
      return;
    }
    if (path === '/harness.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><meta charset="utf-8"><title>XSS harness</title></head><body></body></html>');
      return;
    }
    if (path.startsWith('/ext/')) {
      const root = join(repo, 'extension');
      const file = normalize(join(root, path.slice(5)));
      if (file.startsWith(root + sep) && existsSync(file)) {
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(readFileSync(file));
        return;
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => ok({ server, requests, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

// Installed in every frame of every page before its own scripts.
const PROBE = () => {
  const report = (kind, detail) => {
    console.log(`__XSS_HIT__ ${JSON.stringify({ kind, detail: String(detail), at: location.href })}`);
  };
  Object.defineProperty(window, '__xss', { value: (id) => report('__xss', id), writable: false, configurable: false });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    Object.defineProperty(window, name, { value: (x) => report(name, x), writable: false, configurable: false });
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    console.log(`__CSP__ ${JSON.stringify({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, at: location.href })}`);
  }, true);
};

// Runs in the page: opens every removed block (panel and in-article), waits for images to
// settle, and audits what was rendered under `selector`. Returns the problems found.
const AUDIT = async ({ selector, openRemoved }) => {
  const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
  if (openRemoved) {
    for (const d of document.querySelectorAll('#kt-removed details')) d.open = true;
    await tick();
    for (const b of document.querySelectorAll('.kt-show-in-article')) b.click();
    await tick();
  }
  // Every image is fetched (render.js marks them lazy; off-screen ones would never load), so
  // the request log sees every URL and every error handler would have its chance.
  for (const img of document.images) img.loading = 'eager';
  await Promise.all([...document.images].map((img) => (img.complete ? null : new Promise((r) => {
    img.addEventListener('load', r, { once: true });
    img.addEventListener('error', r, { once: true });
    setTimeout(r, 3000);
  }))));
  await tick();
  const FORBIDDEN = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input',
    'button', 'textarea', 'select', 'svg', 'base', 'meta', 'link', 'template', 'slot', 'noscript', 'portal', 'video', 'audio']);
  // The core keeps MathML presentation markup (render.js drops it): only these, in its namespace.
  const MATHML = new Set(['math', 'annotation', 'menclose', 'merror', 'mfenced', 'mfrac', 'mi', 'mmultiscripts', 'mn', 'mo',
    'mover', 'mpadded', 'mphantom', 'mprescripts', 'mroot', 'mrow', 'ms', 'mspace', 'msqrt', 'mstyle', 'msub', 'msubsup',
    'msup', 'mtable', 'mtd', 'mtext', 'mtr', 'munder', 'munderover', 'none', 'semantics']);
  const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
  const okData = /^data:image\/(png|gif|jpeg|jpg|webp|avif)[;,]/i;
  const urlOk = (value, kind) => {
    let u;
    try { u = new URL(value, document.baseURI); } catch { return true; } // unparsable: inert
    if (u.protocol === 'http:' || u.protocol === 'https:') return true;
    if (kind === 'href') return u.protocol === 'mailto:' || u.protocol === 'tel:';
    return u.protocol === 'data:' && okData.test(u.href);
  };
  const srcsetUrls = (v) => {
    const out = [];
    let i = 0;
    const space = (c) => ' \t\n\r\f'.includes(c);
    while (i < v.length) {
      while (i < v.length && (space(v[i]) || v[i] === ',')) i++;
      if (i >= v.length) break;
      const s = i;
      while (i < v.length && !space(v[i])) i++;
      let url = v.slice(s, i);
      if (url.endsWith(',')) { out.push(url.replace(/,+$/, '')); continue; }
      out.push(url);
      let paren = false;
      while (i < v.length) {
        const c = v[i++];
        if (paren) { if (c === ')') paren = false; } else if (c === '(') paren = true; else if (c === ',') break;
      }
    }
    return out;
  };
  const problems = [];
  // Batched views mark each payload's part with a paragraph "xss-payload-N".
  const markers = [...document.querySelectorAll('p')].filter((m) => /^xss-payload-\d+$/.test(m.textContent.trim()));
  const payloadOf = (el) => {
    let id = null;
    for (const m of markers) if (m.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) id = m.textContent.trim().slice(12);
    return id ? ` (payload ${id})` : '';
  };
  const roots = [...document.querySelectorAll(selector)];
  const counts = { roots: roots.length, previews: document.querySelectorAll('.kt-removed-preview > *').length };
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      // The reader's own controls (the Hide button of a block shown in the article) carry a
      // kt- class; nothing from a page does (neither sanitiser lets `class` through).
      if (String(el.className).startsWith('kt-')) continue;
      const tag = el.localName;
      const where = `<${tag}> in ${root.dataset?.where ?? root.className ?? root.localName}${root.dataset?.where ? '' : payloadOf(el)}`;
      const mathml = el.namespaceURI === MATHML_NS && MATHML.has(tag);
      if (FORBIDDEN.has(tag) || (el.namespaceURI !== 'http://www.w3.org/1999/xhtml' && !mathml)) problems.push(`element ${where}`);
      for (const { name, value } of el.attributes) {
        if (name.startsWith('on')) problems.push(`${name}="${value}" on ${where}`);
        else if (name === 'style') problems.push(`style="${value}" on ${where}`);
        else if ((name === 'id' || name === 'name') && !String(el.className).startsWith('kt-')) problems.push(`${name}="${value}" on ${where}`);
        else if (['href', 'xlink:href', 'action', 'formaction'].includes(name) && !urlOk(value, 'href')) problems.push(`${name}="${value}" on ${where}`);
        else if (['src', 'poster', 'background', 'lowsrc', 'dynsrc', 'data', 'cite'].includes(name) && !urlOk(value, 'src')) problems.push(`${name}="${value}" on ${where}`);
        else if (name === 'srcset') for (const u of srcsetUrls(value)) if (!urlOk(u, 'src')) problems.push(`srcset "${u}" on ${where}`);
      }
    }
  }
  if (typeof window.__xss !== 'function') problems.push('window.__xss was replaced');
  return { problems, counts };
};

describe('XSS corpus in the browser', () => {
  let ctx;
  let http;
  let extDir;
  let extId;
  let userDataDir;
  const hits = []; // {kind, detail, at}
  const cspReports = [];
  const offsite = [];
  const articles = new Map(); // id -> {article, error}

  /** One article record carrying the articles of several payloads, each behind a marker. */
  function combine(ids) {
    const parts = ids.map((id) => ({ id, a: articles.get(id).article })).filter((p) => p.a);
    const join = (key) => parts.map((p) => p.a[key]).filter(Boolean).join(' | ') || null;
    return {
      ...parts[0].a,
      title: join('title'),
      byline: join('byline'),
      siteName: join('siteName'),
      excerpt: join('excerpt'),
      content: parts.map(({ id, a }) => `<p>xss-payload-${id}</p>${a.content}`).join(''),
      textContent: parts.map((p) => p.a.textContent).join('\n'),
      wordCount: parts.reduce((n, p) => n + (p.a.wordCount ?? 0), 0),
      removed: parts.flatMap((p) => p.a.removed ?? []),
      removedBlocks: parts.flatMap(({ id, a }) => (a.removedBlocks ?? []).map((b) => ({ ...b, html: `<p>xss-payload-${id}</p>${b.html}` }))),
    };
  }

  before(async () => {
    http = await serve();
    extDir = makeTestExtension('extension-under-test-xss');
    const { chromium } = await import('playwright-core');
    userDataDir = mkdtempSync(join(tmpdir(), 'klartext-xss-'));
    ctx = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        `--disable-extensions-except=${extDir}`,
        `--load-extension=${extDir}`,
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
    await ctx.addInitScript(PROBE);
    const onRequest = (url) => {
      let u;
      try { u = new URL(url); } catch { return; }
      if (/^(https?|wss?|ftp):$/.test(u.protocol) && u.hostname !== '127.0.0.1') offsite.push(url);
    };
    ctx.on('request', (r) => onRequest(r.url()));
    await ctx.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' || !u.protocol.startsWith('http')) return route.continue();
      onRequest(u.href);
      return route.abort('blockedbyclient');
    });
    ctx.on('console', (msg) => {
      const text = msg.text();
      if (text.startsWith('__XSS_HIT__ ')) hits.push(JSON.parse(text.slice(12)));
      else if (text.startsWith('__CSP__ ')) cspReports.push(JSON.parse(text.slice(8)));
    });
    let [sw] = ctx.serviceWorkers();
    sw ??= await ctx.waitForEvent('serviceworker', { timeout: 30_000 });
    extId = new URL(sw.url()).host;

    // Extract every page with the extension's wasm core (the module the background runs).
    const driver = await ctx.newPage();
    await driver.goto(`chrome-extension://${extId}/reader.html`);
    const results = await driver.evaluate(async ({ pages, origin }) => {
      const core = await import('./pkg/klartext.js');
      await core.default();
      return pages.map(({ id, html }) => {
        try {
          return { id, article: core.extract(html, `${origin}/xss/${id}.html`, { removedBlocks: true }), version: core.version() };
        } catch (err) {
          return { id, error: String(err?.message ?? err) };
        }
      });
    }, { pages, origin: http.origin });
    for (const r of results) articles.set(r.id, r);
    await driver.close();
  });

  after(async () => {
    await ctx?.close();
    http?.server.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('every payload page is extracted (an article, or an error for pages without one)', () => {
    assert.equal(articles.size, pages.length);
    const withArticle = [...articles.values()].filter((r) => r.article).length;
    console.log(`extracted: ${withArticle} articles, ${pages.length - withArticle} errors`);
    assert.ok(pages.length >= 300, `only ${pages.length} payloads`);
    assert.ok(withArticle >= pages.length * 0.95, `${withArticle} of ${pages.length} pages gave an article`);
  });

  test('the probes see a script that runs and a handler the CSP blocks (self-check)', async () => {
    const until = async (fn, what) => {
      for (let i = 0; i < 100 && !fn(); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(fn(), `the probe missed ${what}`);
    };
    const harness = await ctx.newPage();
    await harness.goto(`${http.origin}/harness.html?probe`);
    await harness.evaluate(() => {
      const box = document.createElement('div');
      box.innerHTML = '<img src="/probe-missing.png" onerror="__xss(\'probe\')">';
      document.body.append(box);
    });
    await until(() => hits.some((h) => h.detail === 'probe'), 'an executed handler');
    // The audit sees what must not be rendered.
    await harness.evaluate(() => {
      const box = document.createElement('div');
      box.dataset.where = 'audit-probe';
      box.innerHTML = '<a href="javascript:void 0" onclick="x" style="color:red">a</a><img srcset="/a.png 1x,javascript:x 2x"><svg></svg>';
      document.body.replaceChildren(box);
    });
    const { problems } = await harness.evaluate(AUDIT, { selector: '[data-where]', openRemoved: false });
    assert.equal(problems.length, 5, `the audit found ${JSON.stringify(problems)}`);
    const view = await ctx.newPage();
    await view.goto(`chrome-extension://${extId}/reader.html?probe`);
    await view.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('onerror', "__xss('csp-probe')");
      img.src = 'probe-missing.png';
      document.body.append(img);
    });
    await until(() => cspReports.some((r) => r.at.includes('?probe') && /^script-src/.test(r.directive)), 'a CSP-blocked handler');
    assert.ok(!hits.some((h) => h.detail === 'csp-probe'), 'the reader page CSP let an inline handler run');
    await Promise.all([harness.close(), view.close()]);
  });

  test('A: the real reader view (extension reader.html under its CSP)', async () => {
    const problems = [];
    const time = { render: 0, audit: 0 };
    let previews = 0;
    let views = 0;
    // 25 payloads to a view: their articles' content and removed blocks, each behind a marker
    // paragraph naming the payload, in one article record; one reader.html load per batch.
    const BATCH = 25;
    const WORKERS = 2;
    const queue = [];
    for (let i = 0; i < pages.length; i += BATCH) queue.push(pages.slice(i, i + BATCH).map((p) => p.id));
    const reader = `chrome-extension://${extId}/reader.html`;
    await Promise.all(Array.from({ length: WORKERS }, async () => {
      const page = await ctx.newPage();
      await page.goto(`${reader}?boot`);
      const tabId = await page.evaluate(async () => (await chrome.tabs.getCurrent()).id);
      for (let ids = queue.shift(); ids !== undefined; ids = queue.shift()) {
        let t0 = performance.now();
        const token = `xss-${ids[0]}-${Math.random().toString(36).slice(2)}`;
        const record = {
          tabId, url: `${http.origin}/xss/${ids[0]}.html`, article: combine(ids), error: null,
          timing: { extractMs: 0 }, core: articles.get(ids[0]).version ?? '', features: { markdown: false },
        };
        await page.evaluate(([key, value]) => chrome.storage.session.set({ [key]: value }), [`view:${token}`, record]);
        await page.goto(`${reader}?payloads=${ids[0]}-${ids.at(-1)}#${token}`, { waitUntil: 'commit' });
        await page.waitForSelector('#kt-article:not([aria-busy]) .kt-title, #kt-article.kt-error', { timeout: 15_000 });
        time.render += performance.now() - t0;
        t0 = performance.now();
        const audit = await page.evaluate(AUDIT, { selector: '.kt-content, .kt-removed-preview', openRemoved: true });
        time.audit += performance.now() - t0;
        previews += audit.counts.previews;
        views += 1;
        problems.push(...audit.problems);
        await page.evaluate((key) => chrome.storage.session.remove(key), `view:${token}`);
      }
      await page.close();
    }));
    console.log(`A: ${pages.length} payloads in ${views} reader.html views, ${previews} removed-block previews rendered; ` +
      `per view ${(time.render / views).toFixed(0)} ms to render, ${(time.audit / views).toFixed(0)} ms to open the removed blocks and audit (${WORKERS} tabs)`);
    assert.ok(previews > 0, 'no removed block was rendered: the panel selectors changed?');
    assert.deepEqual(problems, []);
  });

  test('B and C: render.js without CSP, and the raw core output via innerHTML', async () => {
    const page = await ctx.newPage();
    await page.goto(`${http.origin}/harness.html`);
    const problems = [];
    const ids = pages.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 80) {
      const batch = ids.slice(i, i + 80).map((id) => ({ id, url: `${http.origin}/xss/${id}.html`, article: articles.get(id).article }))
        .filter((b) => b.article);
      await page.evaluate(async (batch) => {
        const { renderArticle, sanitizeToFragment } = await import('/ext/render.js');
        document.body.replaceChildren();
        for (const { id, url, article } of batch) {
          const viaRender = document.createElement('article');
          viaRender.dataset.where = `B payload ${id}`;
          renderArticle(viaRender, article, { sourceUrl: url });
          for (const block of article.removedBlocks ?? []) viaRender.append(sanitizeToFragment(block.html, document, url));
          const raw = document.createElement('div');
          raw.dataset.where = `C payload ${id}`;
          raw.innerHTML = article.content;
          for (const block of article.removedBlocks ?? []) raw.insertAdjacentHTML('beforeend', block.html);
          document.body.append(viaRender, raw);
        }
      }, batch);
      const audit = await page.evaluate(AUDIT, { selector: '[data-where]', openRemoved: false });
      problems.push(...audit.problems);
    }
    await page.close();
    assert.deepEqual(problems, []);
  });

  test('no payload executed, no request left 127.0.0.1', () => {
    const payloadHits = hits.filter((h) => !h.at.includes('?probe'));
    const payloadCsp = cspReports.filter((r) => !r.at.includes('?probe'));
    const executed = new Set(payloadHits.map((h) => h.detail));
    const scriptCsp = payloadCsp.filter((r) => /^(script|object|frame|child|base|form|navigate|connect|worker)/.test(r.directive ?? ''));
    console.log(`payloads: ${pages.length} run, ${executed.size} executed`);
    console.log(`requests served by 127.0.0.1: ${http.requests.length}; offsite: ${offsite.length}; CSP reports: ${payloadCsp.length} (script-like: ${scriptCsp.length})`);
    for (const h of payloadHits) console.log(`  EXECUTED ${h.kind}(${h.detail}) at ${h.at}`);
    for (const r of payloadCsp) console.log(`  CSP ${r.directive}: ${r.blocked} ${r.sample ?? ''} at ${r.at}`);
    for (const u of offsite) console.log(`  OFFSITE ${u}`);
    assert.deepEqual(payloadHits, [], 'a payload ran');
    assert.deepEqual(scriptCsp, [], 'a payload tried to run and the CSP stopped it');
    assert.deepEqual(offsite, [], 'a request left 127.0.0.1');
    assert.ok(http.requests.some((p) => p.startsWith('/img/')), 'the payload images were requested from 127.0.0.1');
  });
});
