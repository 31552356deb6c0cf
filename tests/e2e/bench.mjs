#!/usr/bin/env node
// In-browser benchmark (a script, not a test): Klartext's wasm extract against
// Readability.js, in headless Chromium, on the same live documents.
//
//   node tests/e2e/bench.mjs [DIR|FILE.html ...] [--reps N] [--limit N] [--order alternate|grouped]
//                            [--json PATH] [--verbose]
//
// Default pages: the seed page and the first 40 pages (by name) of the l3s-gn1 corpus
// ($KLARTEXT_CORPUS, default ../shared/corpus). A DIR means every .html in it (or the first
// --limit N). Needs www/pkg (./build.sh build); copies Readability.js from node_modules into
// www/lib/ (gitignored) itself.
//
// A node http server on 127.0.0.1 (random port) serves www/ and the pages under /pages/.
// www/bench.html loads each page into a same-origin iframe (scripts off; a CSP keeps every
// subresource off the network), then times, alternating which engine goes first page by page
// (and run by run):
//   Klartext    = document.documentElement.outerHTML + extract(html, location.href)
//   Readability = new Readability(document.cloneNode(true)).parse()
// Per page: the median of --reps runs (default 3). Cold: each engine's very first call in
// the session (before any other call of that engine), reported apart. Prints a table and
// writes the JSON to test-artifacts/bench-browser.json (or --json PATH). No assertions.
// --order grouped times all runs of one engine, then all runs of the other (see www/bench.js):
// it shows how much each engine's time depends on running right after the other. The figures
// to quote are those of the default order.

import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const www = join(repo, 'www');
const corpus = resolve(repo, process.env.KLARTEXT_CORPUS ?? '../shared/corpus');
const artifacts = resolve(repo, process.env.KLARTEXT_ARTIFACTS ?? 'test-artifacts');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const DEFAULT_LIMIT = 40;

// ---- arguments

function parseArgs(argv) {
  const args = { paths: [], reps: 3, limit: null, order: 'alternate', json: join(artifacts, 'bench-browser.json'), verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--reps') args.reps = Math.max(1, parseInt(value(), 10) || 1);
    else if (a === '--limit') args.limit = Math.max(1, parseInt(value(), 10) || 1);
    else if (a === '--json') args.json = resolve(value());
    else if (a === '--order') {
      args.order = value();
      if (!['alternate', 'grouped'].includes(args.order)) throw new Error('--order is alternate or grouped');
    }
    else if (a === '--verbose' || a === '-v') args.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node tests/e2e/bench.mjs [DIR|FILE.html ...] [--reps N] [--limit N] [--order alternate|grouped] [--json PATH] [--verbose]');
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else args.paths.push(resolve(a));
  }
  return args;
}

const htmlIn = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());

function pageList(args) {
  if (args.paths.length === 0) {
    const seed = join(corpus, 'seed/html/it-boltwise-nato.html');
    const l3s = join(corpus, 'l3s-gn1/html');
    const files = [];
    if (existsSync(seed)) files.push(seed);
    if (existsSync(l3s)) files.push(...htmlIn(l3s).slice(0, args.limit ?? DEFAULT_LIMIT));
    if (files.length === 0) throw new Error(`no corpus under ${corpus}: pass a folder or files`);
    return files;
  }
  const files = [];
  for (const p of args.paths) {
    if (!existsSync(p)) throw new Error(`${p} does not exist`);
    if (statSync(p).isDirectory()) files.push(...htmlIn(p).slice(0, args.limit ?? Infinity));
    else files.push(p);
  }
  if (files.length === 0) throw new Error('no .html pages in the given paths');
  return files;
}

// ---- server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

// Cross-origin isolation gives performance.now() its fine (5 µs) resolution.
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
// Pages under test: no scripts, no subresource from anywhere but this server.
const PAGE_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'";

function contentTypeOfPage(bytes) {
  // Valid UTF-8 is served as UTF-8 (as klartext::charset decodes it); anything else is left
  // to the page's <meta charset> and the browser's fallback.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'text/html; charset=utf-8';
  } catch {
    return 'text/html';
  }
}

function serve(pages) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (path.startsWith('/pages/')) {
      const file = pages.get(path.slice('/pages/'.length));
      if (!file) return res.writeHead(404, ISOLATION).end('not found');
      const bytes = readFileSync(file);
      res.writeHead(200, { ...ISOLATION, 'Content-Type': contentTypeOfPage(bytes), 'Content-Security-Policy': PAGE_CSP });
      return res.end(bytes);
    }
    const file = normalize(join(www, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(www + '/') || !existsSync(file) || !statSync(file).isFile()) {
      return res.writeHead(404, ISOLATION).end('not found');
    }
    res.writeHead(200, { ...ISOLATION, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---- statistics

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => {
  const s = sorted(xs);
  if (!s.length) return NaN;
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1];
};
const median = (xs) => pct(xs, 50);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const pad = (s, n) => String(s).padStart(n);

// ---- main

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = pageList(args);

  if (!existsSync(join(www, 'pkg/klartext.js'))) {
    throw new Error('www/pkg/klartext.js is missing: run ./build.sh build first');
  }
  const readabilitySrc = join(repo, 'node_modules/@mozilla/readability/Readability.js');
  if (!existsSync(readabilitySrc)) throw new Error('node_modules/@mozilla/readability is missing: run npm ci');
  mkdirSync(join(www, 'lib'), { recursive: true });
  copyFileSync(readabilitySrc, join(www, 'lib/Readability.js'));
  const readabilityVersion = JSON.parse(
    readFileSync(join(repo, 'node_modules/@mozilla/readability/package.json'), 'utf8'),
  ).version;

  const pages = new Map(); // served name -> file
  const names = files.map((file, i) => {
    const name = `${String(i).padStart(4, '0')}-${basename(file)}`;
    pages.set(name, file);
    return name;
  });

  const server = await serve(pages);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const chromiumVersion = browser.version();
  const results = [];
  let setupInfo;
  const consoleErrors = [];
  try {
    const context = await browser.newContext();
    // Belt and braces beside the pages' CSP: nothing leaves 127.0.0.1.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(`${origin}/bench.html`);
    setupInfo = await page.evaluate(() => globalThis.klartextBench.ready);

    const t0 = Date.now();
    for (const [i, name] of names.entries()) {
      const url = `${origin}/pages/${encodeURIComponent(name)}`;
      const klartextFirst = i % 2 === 0;
      try {
        const r = await page.evaluate(
          ({ url, reps, klartextFirst, order }) => globalThis.klartextBench.runPage(url, { reps, klartextFirst, order }),
          { url, reps: args.reps, klartextFirst, order: args.order },
        );
        results.push({ page: basename(files[i]), file: files[i], klartextFirst, runs: r.runs });
      } catch (e) {
        results.push({ page: basename(files[i]), file: files[i], failure: String(e.message ?? e) });
      }
      if ((i + 1) % 10 === 0 || i + 1 === names.length) {
        process.stderr.write(`  ${i + 1}/${names.length} pages (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }

  // ---- summary
  const ok = results.filter((r) => r.runs);
  const perPage = ok.map((r) => ({
    page: r.page,
    chars: r.runs[0].klartext.chars,
    klartext: median(r.runs.map((x) => x.klartext.ms)),
    outerHtml: median(r.runs.map((x) => x.klartext.outerHtmlMs)),
    extract: median(r.runs.map((x) => x.klartext.extractMs)),
    readability: median(r.runs.map((x) => x.readability.ms)),
    klartextFirstRun: r.runs[0].klartext.ms,
    readabilityFirstRun: r.runs[0].readability.ms,
    klartextText: r.runs[0].klartext.textLength,
    readabilityText: r.runs[0].readability.textLength,
    klartextError: r.runs[0].klartext.error,
    readabilityError: r.runs[0].readability.error,
  }));
  for (const p of perPage) p.ratio = p.klartext / p.readability;
  const first = ok[0]?.runs[0];
  const cold = {
    klartext: first?.klartext.ms ?? NaN,
    klartextExtract: first?.klartext.extractMs ?? NaN,
    readability: first?.readability.ms ?? NaN,
    page: ok[0]?.page ?? null,
  };
  const stats = (xs) => ({ median: median(xs), p95: pct(xs, 95), mean: mean(xs), min: pct(xs, 0), max: pct(xs, 100) });
  const summary = {
    pages: perPage.length,
    failures: results.filter((r) => r.failure).map((r) => ({ page: r.page, error: r.failure })),
    reps: args.reps,
    order: args.order,
    klartext: stats(perPage.map((p) => p.klartext)),
    klartextOuterHtml: stats(perPage.map((p) => p.outerHtml)),
    klartextExtract: stats(perPage.map((p) => p.extract)),
    readability: stats(perPage.map((p) => p.readability)),
    cold,
    ratioMedian: median(perPage.map((p) => p.ratio)),
    ratioP95: pct(perPage.map((p) => p.ratio), 95),
    ratioOfMedians: median(perPage.map((p) => p.klartext)) / median(perPage.map((p) => p.readability)),
    klartextFaster: perPage.filter((p) => p.ratio < 1).length,
    klartextErrors: perPage.filter((p) => p.klartextError).length,
    readabilityNull: perPage.filter((p) => p.readabilityError).length,
    medianChars: median(perPage.map((p) => p.chars)),
  };

  console.log(`== In-browser benchmark: Klartext ${setupInfo.version} (wasm) vs Readability.js ${readabilityVersion}`);
  console.log(
    `Chromium ${chromiumVersion}, headless; ${summary.pages} pages (median ${f(summary.medianChars / 1000, 0)} K chars of outerHTML), ` +
      `median of ${args.reps} run(s) per page, order ${args.order === 'grouped' ? 'grouped (the runs of each engine together)' : 'alternating'}; timer ${setupInfo.crossOriginIsolated ? '5 µs (isolated)' : 'coarse'}`,
  );
  console.log(`wasm init (fetch + compile + instantiate): ${f(setupInfo.initMs, 1)} ms`);
  console.log('');
  console.log(`${'engine (ms per page)'.padEnd(34)}${pad('cold', 9)}${pad('median', 9)}${pad('p95', 9)}${pad('mean', 9)}${pad('max', 9)}`);
  const line = (label, c, s) =>
    console.log(`${label.padEnd(34)}${pad(f(c), 9)}${pad(f(s.median), 9)}${pad(f(s.p95), 9)}${pad(f(s.mean), 9)}${pad(f(s.max), 9)}`);
  line('Klartext (outerHTML + extract)', cold.klartext, summary.klartext);
  line('  of which outerHTML', first?.klartext.outerHtmlMs ?? NaN, summary.klartextOuterHtml);
  line('  of which wasm extract', cold.klartextExtract, summary.klartextExtract);
  line('Readability (cloneNode + parse)', cold.readability, summary.readability);
  console.log('');
  console.log(
    `ratio Klartext / Readability per page: median ${f(summary.ratioMedian)}x, p95 ${f(summary.ratioP95)}x ` +
      `(ratio of medians ${f(summary.ratioOfMedians)}x); Klartext faster on ${summary.klartextFaster}/${summary.pages} pages`,
  );
  console.log(`cold = each engine's first call in the session, on ${cold.page}`);
  if (summary.klartextErrors || summary.readabilityNull) {
    console.log(`no article: Klartext error on ${summary.klartextErrors} page(s), Readability null on ${summary.readabilityNull}`);
  }
  for (const fail of summary.failures) console.log(`FAILED ${fail.page}: ${fail.error}`);
  if (consoleErrors.length) console.log(`page errors: ${consoleErrors.slice(0, 5).join(' | ')}`);
  if (args.verbose) {
    console.log('');
    console.log(`${'page'.padEnd(28)}${pad('K chars', 9)}${pad('Klartext', 10)}${pad('extract', 9)}${pad('Readab.', 9)}${pad('ratio', 8)}`);
    for (const p of perPage) {
      console.log(
        `${p.page.slice(0, 27).padEnd(28)}${pad(f(p.chars / 1000, 0), 9)}${pad(f(p.klartext), 10)}${pad(f(p.extract), 9)}${pad(f(p.readability), 9)}${pad(f(p.ratio), 8)}`,
      );
    }
  }

  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(
    args.json,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        chromium: chromiumVersion,
        klartext: setupInfo.version,
        readability: readabilityVersion,
        wasmInitMs: setupInfo.initMs,
        crossOriginIsolated: setupInfo.crossOriginIsolated,
        summary,
        perPage,
        raw: results,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nJSON written to ${args.json}`);
}

main().catch((e) => {
  console.error(`bench: ${e.message ?? e}`);
  process.exit(1);
});
