// The reader view page of the extension. Loaded in an iframe over the original page
// as reader.html#<token>; it asks the background for the record of that view (the
// extracted article) and hands it to the shared interface in reader-ui.js.
// Settings live in storage.sync, so they follow the user to other views and devices.

import { ext } from './browser.js';
import { MSG_CLOSE, MSG_GET_VIEW, MSG_MARKDOWN, MSG_REMOVED } from './protocol.js';
import { createReader } from './reader-ui.js';
import { SETTINGS_KEY } from './settings.js';
import { describeRemoved } from './removed.js';

const token = decodeURIComponent(location.hash.slice(1));

function closeView() {
  ext.runtime.sendMessage({ type: MSG_CLOSE, token }).catch((err) => console.error('klartext: close', err));
}

const host = {
  loadSettings: async () => (await ext.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY],
  saveSettings: (settings) => ext.storage.sync.set({ [SETTINGS_KEY]: settings }),
  onSettingsChanged: (fn) => {
    ext.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync' && changes[SETTINGS_KEY]) fn(changes[SETTINGS_KEY].newValue);
    });
  },
  close: closeView,
};

async function markdownOf() {
  const reply = await ext.runtime.sendMessage({ type: MSG_MARKDOWN, token });
  if (typeof reply?.markdown !== 'string') throw new Error(reply?.error ?? 'no reply');
  return reply.markdown;
}

function footerText(record) {
  const { article, timing = {} } = record;
  const words = Number(article.wordCount ?? 0).toLocaleString(article.lang || undefined);
  const ms = Number.isFinite(timing.extractMs) ? ` in ${timing.extractMs.toFixed(1)} ms` : '';
  const removed = describeRemoved(article);
  return `Klartext ${record.core ?? ''} extracted ${words} words${ms}.${removed ? ` Removed: ${removed}.` : ''}`.replace(/\s+/g, ' ');
}

async function start() {
  // Asked of the background (Firefox does not give extension frames inside web pages
  // storage.session) before the interface is built, so that the reply travels meanwhile.
  const asked = token ? ext.runtime.sendMessage({ type: MSG_GET_VIEW, token }) : undefined;
  const reader = createReader(document, host);
  const [record] = await Promise.all([asked, reader.ready]);
  if (!record) {
    reader.showError('Nothing to show', 'This reader view has expired. Close it and open it again.');
    return;
  }
  if (record.error || !record.article) {
    reader.showError('No article found', `Klartext could not find an article on this page. ${record.error ?? ''}`.trim());
    return;
  }
  if (record.features?.markdown) host.toMarkdown = markdownOf;
  // The removed blocks come in a second reply: the article is shown without waiting for them.
  const later = !Array.isArray(record.article.removedBlocks);
  reader.show(record.article, { sourceUrl: record.url, footer: footerText(record), removedBlocksLater: later });
  reader.focusArticle();
  // A task queued from the next animation frame runs once that frame, the first with the
  // article, is out: "reader painted" (the e2e run reports click-to-reader latency by this
  // mark). Only then are the removed blocks asked for: they never delay the article.
  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('klartext:painted');
    if (!later) return;
    ext.runtime.sendMessage({ type: MSG_REMOVED, token })
      .then((reply) => reader.setRemovedBlocks(reply?.blocks ?? null))
      .catch((err) => {
        console.error('klartext: removed blocks', err);
        reader.setRemovedBlocks(null);
      });
  }, 0));
}

start().catch((err) => {
  console.error('klartext: reader', err);
  const article = document.getElementById('kt-article');
  const h1 = document.createElement('h1');
  h1.textContent = 'Reader view failed';
  const p = document.createElement('p');
  p.className = 'kt-status';
  p.textContent = String(err?.message ?? err);
  article.replaceChildren(h1, p);
  article.removeAttribute('aria-busy');
});
