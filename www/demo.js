// Klartext demo: the wasm core in a page. Pick a sample, open or drop an HTML file,
// or paste a page's HTML; the original is shown sandboxed on the left, the reader
// view on the right with the extension's own interface (reader-frame.html), and the
// extraction time in milliseconds above them.

import init, { extract, isProbablyReaderable, toMarkdown, version } from './pkg/klartext.js';
import { readingMinutes } from './lib/render.js';
import { describeRemoved } from './lib/removed.js';

/** Samples that ship with the demo (written for it, in www/examples/). */
const BUNDLED = [
  {
    id: 'night-ferry',
    label: 'Bundled: local news with ads, jobs and promos',
    file: 'examples/night-ferry-news.html',
    url: 'https://courier.example/harbour/night-ferry-returns',
  },
  {
    id: 'field-notes',
    label: 'Bundled: sourdough blog post',
    file: 'examples/field-notes-sourdough.html',
    url: 'https://field-notes.example/techniques/why-sourdough-rises',
  },
  {
    id: 'wasm-notes',
    label: 'Bundled: technical post with code and a table',
    file: 'examples/wasm-size-notes.html',
    url: 'https://devlog.example/2025/shrinking-a-wasm-module',
  },
];

const $ = (id) => document.getElementById(id);
const sampleSelect = $('sample');
const urlInput = $('url');
const htmlInput = $('html');
const stats = $('stats');
const originalFrame = $('original');
const readerFrame = $('reader');
let samples = [];
let calls = 0;

/** The reader frame's API once its module has run. */
const readerReady = new Promise((resolve) => {
  const check = () => {
    const api = readerFrame.contentWindow?.klartextReader;
    if (api) api.ready.then(() => resolve(api));
    else setTimeout(check, 20);
  };
  check();
});

function setStats(parts, isError = false) {
  stats.replaceChildren(...parts);
  stats.classList.toggle('error', isError);
}

function strong(text) {
  const b = document.createElement('strong');
  b.textContent = text;
  return b;
}

/** srcdoc for the original: a <base> so relative links and images resolve. */
function withBase(html, url) {
  if (!url) return html;
  const base = `<base href="${url.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + base + html.slice(head.index + head[0].length) : base + html;
}

async function fetchIndex(file) {
  try {
    // Written by build.sh (never committed): the corpus seed page, some core fixtures.
    const res = await fetch(file, { cache: 'no-store' });
    return res.ok ? await res.json() : [];
  } catch {
    return [];
  }
}

async function loadSamples() {
  const [seed, fixtures] = await Promise.all([fetchIndex('samples/index.json'), fetchIndex('samples/fixtures.json')]);
  samples = [...BUNDLED, ...seed, ...fixtures];
  sampleSelect.replaceChildren(
    ...samples.map((s) => new Option(s.label, s.id)),
    new Option('Your own HTML (pasted, opened or dropped)', 'paste'),
  );
}

async function selectSample(id) {
  const sample = samples.find((s) => s.id === id);
  if (!sample) {
    $('paste-box').open = true;
    htmlInput.focus();
    return;
  }
  const res = await fetch(sample.file);
  if (!res.ok) throw new Error(`could not load ${sample.file}: HTTP ${res.status}`);
  htmlInput.value = await res.text();
  urlInput.value = sample.url ?? '';
  await run();
}

/** Shows HTML that did not come from a sample (file, drop, paste). */
async function loadOwn(html, name) {
  htmlInput.value = html;
  urlInput.value = '';
  sampleSelect.value = 'paste';
  if (name) setStats([`Loaded ${name}…`]);
  await run();
}

async function run() {
  const html = htmlInput.value;
  const url = urlInput.value.trim() || undefined;
  if (!html.trim()) {
    setStats(['Paste some HTML first.'], true);
    return;
  }
  originalFrame.srcdoc = withBase(html, url);
  const reader = await readerReady;
  const first = calls === 0;
  let article;
  const t0 = performance.now();
  try {
    article = extract(html, url, { removedBlocks: true });
  } catch (err) {
    calls += 1;
    reader.showError('No article found', String(err?.message ?? err));
    setStats([`Extraction failed: ${err?.message ?? err}`], true);
    return;
  }
  const ms = performance.now() - t0;
  calls += 1;
  const removed = describeRemoved(article);
  reader.show(article, {
    sourceUrl: url,
    footer: `Klartext ${version()} extracted ${article.wordCount ?? 0} words in ${ms.toFixed(1)} ms.${removed ? ` Removed: ${removed}.` : ''}`,
    toMarkdown,
  });
  const readerable = isProbablyReaderable(html);
  setStats([
    'Extracted in ', strong(`${ms.toFixed(1)} ms`), first ? ' (first call, cold)' : '',
    ` · ${(html.length / 1024).toFixed(0)} KiB of HTML · ${article.wordCount ?? 0} words`,
    ` · ${readingMinutes(article.wordCount)} min read`,
    ` · readerable: ${readerable ? 'yes' : 'no'}`,
    removed ? ` · removed ${removed}` : '',
  ]);
  document.body.dataset.extractMs = ms.toFixed(3);
  // Counts the shown extractions: two runs can take the same time to the timer's resolution.
  document.body.dataset.runs = String(Number(document.body.dataset.runs ?? 0) + 1);
}

async function bench() {
  const html = htmlInput.value;
  const url = urlInput.value.trim() || undefined;
  if (!html.trim()) return;
  const button = $('bench');
  button.disabled = true;
  try {
    const times = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      try {
        extract(html, url);
      } catch {
        // Timing a failing page is still timing.
      }
      times.push(performance.now() - t0);
      if (i % 10 === 9) await new Promise((r) => setTimeout(r)); // keep the page responsive
    }
    calls += times.length;
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    setStats([
      '30 runs: median ', strong(`${median.toFixed(2)} ms`),
      ` · fastest ${times[0].toFixed(2)} ms · slowest ${times.at(-1).toFixed(2)} ms`,
      ` · ${((html.length / 1e6) / (median / 1000)).toFixed(0)} MB/s`,
    ]);
  } finally {
    button.disabled = false;
  }
}

function report(err) {
  console.error(err);
  setStats([String(err?.message ?? err)], true);
}

// ---- your own HTML: open, drop, paste ----

async function readFile(file) {
  if (!file) return;
  if (file.size > 20 * 1024 * 1024) throw new Error(`${file.name} is larger than 20 MB`);
  await loadOwn(await file.text(), file.name);
}

function setupOwnHtml() {
  $('file').addEventListener('change', (event) => {
    readFile(event.target.files?.[0]).catch(report);
    event.target.value = '';
  });
  const overlay = $('drop-overlay');
  let depth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth += 1;
    overlay.hidden = false;
  });
  addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) overlay.hidden = true;
  });
  addEventListener('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  addEventListener('drop', (event) => {
    depth = 0;
    overlay.hidden = true;
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    readFile(file).catch(report);
  });
  // Paste anywhere but in a text field: the clipboard's HTML (or text that looks like HTML).
  document.addEventListener('paste', (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
    const data = event.clipboardData;
    const html = data?.getData('text/html') || data?.getData('text/plain') || '';
    if (!/<[a-z!][^>]*>/i.test(html)) return;
    event.preventDefault();
    loadOwn(html, 'the pasted HTML').catch(report);
  });
}

async function main() {
  const t0 = performance.now();
  await init();
  $('core-version').textContent = `core ${version()} · wasm loaded in ${(performance.now() - t0).toFixed(0)} ms`;
  await loadSamples();
  setupOwnHtml();
  $('extract').addEventListener('click', () => run().catch(report));
  $('bench').addEventListener('click', () => bench().catch(report));
  sampleSelect.addEventListener('change', () => selectSample(sampleSelect.value).catch(report));
  htmlInput.addEventListener('input', () => {
    sampleSelect.value = 'paste';
  });
  const wanted = new URLSearchParams(location.search).get('sample');
  const initial = samples.find((s) => s.id === wanted) ?? samples[0];
  sampleSelect.value = initial.id;
  await selectSample(initial.id);
}

main().catch(report);
