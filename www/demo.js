// Klartext demo: the wasm core in a page. Pick a sample or paste HTML; the original
// is shown sandboxed on the left, the reader view (same renderer as the extension)
// on the right, with the extraction time.

import init, { extract, isProbablyReaderable, version } from './pkg/klartext.js';
import { readingMinutes, renderArticle } from './lib/render.js';

/** Samples that ship with the demo (written for it). */
const BUNDLED = [
  {
    id: 'field-notes',
    label: 'Bundled: sourdough blog post',
    file: 'examples/field-notes-sourdough.html',
    url: 'https://field-notes.example/techniques/why-sourdough-rises',
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

const readerReady = new Promise((resolve) => {
  if (readerFrame.contentDocument?.readyState === 'complete' && readerFrame.contentDocument.getElementById('kt-article')) resolve();
  else readerFrame.addEventListener('load', () => resolve(), { once: true });
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

async function loadSamples() {
  samples = [...BUNDLED];
  try {
    // Written by build.sh when the shared corpus is present (never committed).
    const res = await fetch('samples/index.json', { cache: 'no-store' });
    if (res.ok) samples = [...(await res.json()), ...samples];
  } catch {
    // No corpus samples: the bundled one is enough.
  }
  sampleSelect.replaceChildren(
    ...samples.map((s) => new Option(s.label, s.id)),
    new Option('Pasted HTML', 'paste'),
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

async function run() {
  const html = htmlInput.value;
  const url = urlInput.value.trim() || undefined;
  if (!html.trim()) {
    setStats(['Paste some HTML first.'], true);
    return;
  }
  originalFrame.srcdoc = withBase(html, url);
  await readerReady;
  const doc = readerFrame.contentDocument;
  const container = doc.getElementById('kt-article');
  const footer = doc.getElementById('kt-footer');
  const first = calls === 0;
  let article;
  const t0 = performance.now();
  try {
    article = extract(html, url);
  } catch (err) {
    calls += 1;
    container.replaceChildren(Object.assign(doc.createElement('p'), { className: 'kt-status', textContent: 'No article found.' }));
    footer.textContent = '';
    setStats([`Extraction failed: ${err?.message ?? err}`], true);
    return;
  }
  const ms = performance.now() - t0;
  calls += 1;
  renderArticle(container, article, { sourceUrl: url });
  doc.documentElement.lang = article.lang ?? '';
  doc.documentElement.dir = article.dir === 'rtl' ? 'rtl' : 'ltr';
  readerFrame.contentWindow.scrollTo(0, 0);
  const removed = (article.removed ?? []).filter((r) => r.count > 0).map((r) => `${r.count} ${r.category}`);
  footer.textContent = removed.length ? `Removed: ${removed.join(', ')}.` : '';
  const readerable = isProbablyReaderable(html);
  setStats([
    'Extracted in ', strong(`${ms.toFixed(1)} ms`), first ? ' (first call, cold)' : '',
    ` · ${(html.length / 1024).toFixed(0)} KiB of HTML · ${article.wordCount ?? 0} words`,
    ` · ${readingMinutes(article.wordCount)} min read`,
    ` · readerable: ${readerable ? 'yes' : 'no'}`,
    removed.length ? ` · removed ${removed.join(', ')}` : '',
  ]);
  document.body.dataset.extractMs = ms.toFixed(3);
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

async function main() {
  const t0 = performance.now();
  await init();
  $('core-version').textContent = `core ${version()} · wasm loaded in ${(performance.now() - t0).toFixed(0)} ms`;
  await loadSamples();
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
