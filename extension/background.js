// Klartext background: runs the wasm core and toggles the reader view in a tab.
//
// Flow of one toggle (action click, keyboard command, or Esc in the view):
//   1. read the page: executeScript → documentElement.outerHTML + location.href
//      (or, if the view is already open, close it and stop);
//   2. extract the article with the wasm core, here in the service worker, where
//      the page's CSP cannot forbid compiling wasm;
//   3. at the same time, hide the page with a user-origin stylesheet (insertCSS; the
//      page's DOM is not modified, so leaving the view restores it exactly) and add an
//      iframe of reader.html#token on top, which loads while step 2 runs;
//   4. reader.html asks the background for the record of its token (answered when the
//      extraction is done); the record is kept in storage.session under the token.
// The extension makes no network requests: the manifest's CSP says connect-src 'self'.

import * as core from './pkg/klartext.js';
import { ext } from './browser.js';
import { HOST_TAG, MSG_CLOSE, MSG_GET_VIEW, MSG_MARKDOWN, MSG_REMOVED, tabKey, viewKey } from './protocol.js';
import { SETTINGS_KEY, normalizeSettings, themeBackground } from './settings.js';

const { default: init, extract, isProbablyReaderable, version } = core;

// Hides every child of <html> except our host and keeps the page from scrolling.
// visibility (not display) keeps the page's layout, so every scroll offset, also
// of inner scroll boxes, is unchanged when the view closes. User origin so that
// `!important` beats the page's own `!important`.
const HIDE_CSS = `
html { overflow: hidden !important; }
html > :not(${HOST_TAG}), html > :not(${HOST_TAG}) * { visibility: hidden !important; }
${HOST_TAG} {
  all: initial !important; display: block !important; visibility: visible !important;
  position: fixed !important; inset: 0 !important; width: 100vw !important; height: 100vh !important;
  margin: 0 !important; padding: 0 !important; border: 0 !important; opacity: 1 !important;
  transform: none !important; filter: none !important; z-index: 2147483647 !important;
}`;

let wasmReady = null;

// Run once right after init. V8 compiles wasm functions lazily, on their first
// call, so this moves that cost from the user's first click to the moments while
// the page's HTML is being read.
const WARM_UP_HTML = `<!doctype html><html lang="en"><head><title>Warm-up</title>
<meta property="og:site_name" content="Warm-up"></head><body><nav><a href="/">Home</a></nav>
<article><h1>Warm-up &amp; test</h1><p class="byline">By A. Writer</p>${'<p>Reader mode warm-up paragraph, with commas, words, <em>emphasis</em> and a <a href="/x">link</a>, so that the extractor runs all its parts once.</p>'.repeat(6)}
<img src="/a.jpg" alt=""><div class="share">Share</div></article><aside class="related"><a href="/b">Related</a></aside>
<footer>Footer</footer></body></html>`;

/** Instantiates the wasm module once (and warms it up); a failed attempt may be retried. */
function ensureWasm() {
  wasmReady ??= init()
    .then(() => {
      try {
        extract(WARM_UP_HTML, 'https://warm-up.invalid/article');
      } catch {
        // A warm-up that finds no article has still compiled the code it ran.
      }
    })
    .catch((err) => {
      wasmReady = null;
      throw err;
    });
  return wasmReady;
}

// ---- functions injected into the page (isolated world; must be self-contained) ----

/**
 * Reports whether our reader view is open in this document; if not, returns the
 * page's HTML. State lives in the isolated world, which page scripts cannot see.
 */
function pageProbe() {
  const state = globalThis.__klartext;
  if (state && state.host.isConnected) return { open: true, token: state.token };
  const stale = Boolean(state);
  globalThis.__klartext = undefined;
  return {
    open: false,
    stale,
    html: document.documentElement.outerHTML,
    url: location.href,
  };
}

/** Reports whether our reader view is open in this document, and its token. */
function pageState() {
  const state = globalThis.__klartext;
  return state && state.host.isConnected ? { open: true, token: state.token } : { open: false };
}

/** Adds the reader iframe (in a closed shadow root) on top of the hidden page. */
function pageOpen(hostTag, frameUrl, token, closeType, backgrounds) {
  const api = globalThis.browser ?? globalThis.chrome;
  const dark = matchMedia('(prefers-color-scheme: dark)').matches;
  const host = document.createElement(hostTag);
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = frameUrl;
  frame.title = 'Reader view';
  // Copy as Markdown uses the async Clipboard API, which a cross-origin frame only gets when allowed.
  frame.allow = 'clipboard-write';
  frame.style.cssText = 'display:block;border:0;margin:0;padding:0;width:100%;height:100%;color-scheme:light dark';
  // The reader's theme colour until reader.html has painted: no white flash in the dark.
  frame.style.background = dark ? backgrounds.dark : backgrounds.light;
  root.append(frame);
  const onKey = (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented && !event.repeat) {
      event.stopImmediatePropagation();
      api.runtime.sendMessage({ type: closeType, token }).catch(() => {});
    }
  };
  // The page keeps focus until the iframe has loaded; Esc must work from the start.
  window.addEventListener('keydown', onKey, true);
  const state = {
    host,
    token,
    onKey,
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    active: document.activeElement,
  };
  globalThis.__klartext = state;
  document.documentElement.append(host);
  frame.addEventListener('load', () => frame.focus(), { once: true });
  return true;
}

/** Removes the reader iframe and gives the page back its scroll position and focus. */
function pageClose() {
  const state = globalThis.__klartext;
  globalThis.__klartext = undefined;
  if (!state) return false;
  window.removeEventListener('keydown', state.onKey, true);
  state.host.remove();
  if (window.scrollX !== state.scrollX || window.scrollY !== state.scrollY) {
    window.scrollTo({ left: state.scrollX, top: state.scrollY, behavior: 'instant' });
  }
  const active = state.active;
  if (active && active !== document.body && active.isConnected && typeof active.focus === 'function') {
    active.focus({ preventScroll: true });
  }
  return true;
}

// ---- toggling ----

const inflight = new Map();

/**
 * Opens the reader view in `tabId`, or closes it when it is open. Concurrent calls
 * for the same tab share one run. Resolves to `{state: 'open' | 'closed', ...}`.
 */
function toggle(tabId) {
  let run = inflight.get(tabId);
  if (!run) {
    run = doToggle(tabId).finally(() => inflight.delete(tabId));
    inflight.set(tabId, run);
  }
  return run;
}

async function runInPage(tabId, func, args = []) {
  const [injection] = await ext.scripting.executeScript({ target: { tabId }, func, args });
  return injection?.result;
}

async function doToggle(tabId) {
  // Load the wasm and read the settings while the page is being read (errors surface in open()).
  ensureWasm().catch(() => {});
  const settings = readerSettings();
  let probe;
  try {
    probe = await runInPage(tabId, pageProbe);
  } catch (err) {
    // chrome://, the web store, about: pages and the like cannot be scripted.
    await flagUnavailable(tabId);
    return { state: 'unavailable', error: String(err?.message ?? err) };
  }
  if (!probe) return { state: 'unavailable', error: 'no result from the page' };
  if (probe.open) return close(tabId, probe.token);
  if (probe.stale) await removeHiding(tabId);
  const result = await open(tabId, probe, settings);
  // The user activated the extension on this page: say whether it looks like an article.
  showReaderableHint(tabId, probe.html).catch(() => {});
  return result;
}

/**
 * Records of views that their reader page has not fetched yet, by token (a promise while
 * the article is still being extracted): the page's request is answered from here, without
 * a round trip through storage.session (tens of KB to MBs of article to deserialise). The
 * stored copy serves later requests, also after a worker restart.
 */
const pendingViews = new Map();

async function open(tabId, { html, url }, settings) {
  const token = crypto.randomUUID();
  // The frame goes up first and loads reader.html (in the extension's own process)
  // while the article is extracted here; the page asks for its record when it is
  // ready to show it. The page is hidden in the same moment the frame covers it.
  const { theme } = await settings;
  const backgrounds = { light: themeBackground(theme, false), dark: themeBackground(theme, true) };
  const frameUrl = ext.runtime.getURL(`reader.html#${token}`);
  const shown = Promise.all([
    ext.scripting.insertCSS({ target: { tabId }, css: HIDE_CSS, origin: 'USER' }),
    runInPage(tabId, pageOpen, [HOST_TAG, frameUrl, token, MSG_CLOSE, backgrounds]),
  ]);
  const recordReady = extractRecord(tabId, html, url);
  pendingViews.set(token, recordReady);
  try {
    const record = await recordReady;
    if (record.article) pagesForBlocks.set(token, { html, url });
    const previous = (await ext.storage.session.get(tabKey(tabId)))[tabKey(tabId)];
    if (previous) {
      forgetView(previous);
      await ext.storage.session.remove(viewKey(previous));
    }
    // Kept in storage.session too: the worker may be stopped while the view is open.
    await ext.storage.session.set({ [viewKey(token)]: record, [tabKey(tabId)]: token });
    await shown;
    return { state: 'open', token, error: record.error, timing: record.timing };
  } catch (err) {
    pendingViews.delete(token);
    throw err;
  }
}

/**
 * The pages of open views whose removed blocks the reader page has not asked for yet
 * (by token), and the blocks being rendered. The reader asks once it has painted the
 * article, so that this second extraction never competes with the first paint.
 */
const pagesForBlocks = new Map();
const pendingBlocks = new Map();

/**
 * The removed blocks of a page, for the "Removed" panel: a second extraction with
 * `removedBlocks`. Added to the stored record when done (the page itself is let go).
 */
async function removedBlocksOf(token, { html, url }) {
  let blocks = [];
  try {
    blocks = extract(html, url, { removedBlocks: true }).removedBlocks ?? [];
  } catch {
    // The same page extracted a moment ago; if it fails now, the panel shows counts only.
  }
  const key = viewKey(token);
  const record = (await ext.storage.session.get(key))[key];
  if (record?.article) {
    record.article.removedBlocks = blocks;
    await ext.storage.session.set({ [key]: record });
  }
  return blocks;
}

/** Extracts the article of a page: the record a reader view shows. */
async function extractRecord(tabId, html, url) {
  const started = performance.now();
  await ensureWasm();
  const initMs = performance.now() - started;
  // One turn of the event loop first, so that the frame's injection is on its way
  // before the synchronous extraction holds this thread.
  await new Promise((done) => setTimeout(done, 0));
  const t0 = performance.now();
  let article = null;
  let error = null;
  try {
    article = extract(html, url);
  } catch (err) {
    error = String(err?.message ?? err);
  }
  const extractMs = performance.now() - t0;
  // Without the option the core sends an empty list; the blocks come later (removedBlocksOf).
  if (article) delete article.removedBlocks;
  return {
    tabId,
    url,
    article,
    error,
    timing: { initMs, extractMs, htmlLength: html.length },
    core: version(),
    features: { markdown: typeof core.toMarkdown === 'function' },
  };
}

async function close(tabId, token) {
  if (token) forgetView(token);
  // Unhide first (the iframe still covers the page), then remove the iframe.
  await removeHiding(tabId);
  await runInPage(tabId, pageClose);
  const keys = [tabKey(tabId)];
  if (token) keys.push(viewKey(token));
  await ext.storage.session.remove(keys);
  return { state: 'closed' };
}

/** Lets go of what this worker holds for a view that is gone (its stored record aside). */
function forgetView(token) {
  pagesForBlocks.delete(token);
  pendingViews.delete(token);
}

async function removeHiding(tabId) {
  await ext.scripting.removeCSS({ target: { tabId }, css: HIDE_CSS, origin: 'USER' });
}

async function readerSettings() {
  try {
    return normalizeSettings((await ext.storage.sync.get(SETTINGS_KEY))[SETTINGS_KEY]);
  } catch {
    return normalizeSettings(null);
  }
}

// ---- the readerable hint on the toolbar button ----
//
// No host permissions: the page can only be read where the user has granted it,
// which activeTab does when they click the button or press the shortcut. So the
// hint is decided then, and also on page loads in tabs whose page we may read
// already (a failed attempt just leaves the button as it is).

const ICON_ON = { 16: 'icons/icon-16.png', 32: 'icons/icon-32.png' };
const ICON_OFF = { 16: 'icons/icon-off-16.png', 32: 'icons/icon-off-32.png' };
const TITLE = 'Reader view (Alt+Shift+R)';

async function showReaderableHint(tabId, html) {
  await ensureWasm();
  const readerable = isProbablyReaderable(html);
  await Promise.all([
    ext.action.setIcon({ tabId, path: readerable ? ICON_ON : ICON_OFF }),
    ext.action.setBadgeText({ tabId, text: readerable ? '✓' : '' }),
    ext.action.setBadgeBackgroundColor({ tabId, color: '#2e7d32' }),
    ext.action.setTitle({
      tabId,
      title: readerable ? `${TITLE}: this page looks like an article` : `${TITLE}: this page does not look like an article`,
    }),
  ]);
  await ext.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
  return readerable;
}

async function clearReaderableHint(tabId) {
  await Promise.all([
    ext.action.setIcon({ tabId, path: ICON_ON }),
    ext.action.setBadgeText({ tabId, text: '' }),
    ext.action.setTitle({ tabId, title: TITLE }),
  ]);
}

function pageHtml() {
  return document.documentElement.outerHTML;
}

/** On a finished page load: the hint, if this extension may read the page already. */
async function hintIfGranted(tabId) {
  let html;
  try {
    html = await runInPage(tabId, pageHtml);
  } catch {
    return null; // not granted: nothing to say
  }
  return typeof html === 'string' ? showReaderableHint(tabId, html) : null;
}

async function flagUnavailable(tabId) {
  try {
    await ext.action.setBadgeText({ tabId, text: '×' });
    await ext.action.setTitle({ tabId, title: 'Reader view is not available on this page' });
  } catch {
    // The tab may be gone already.
  }
}

async function forgetTab(tabId) {
  const key = tabKey(tabId);
  const token = (await ext.storage.session.get(key))[key];
  if (token) {
    forgetView(token);
    await ext.storage.session.remove([key, viewKey(token)]);
  }
}

// ---- events ----

ext.action.onClicked.addListener((tab) => {
  if (tab?.id != null) toggle(tab.id).catch((err) => console.error('klartext: toggle failed', err));
});

ext.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== ext.runtime.id) return undefined;
  const handler = {
    [MSG_CLOSE]: closeFromMessage,
    [MSG_GET_VIEW]: viewFromMessage,
    [MSG_MARKDOWN]: markdownFromMessage,
    [MSG_REMOVED]: removedFromMessage,
  }[message?.type];
  if (!handler) return undefined;
  return handler(message, sender).catch((err) => {
    console.error(`klartext: ${message.type} failed`, err);
    return { state: 'error', error: String(err?.message ?? err) };
  });
});

/** The stored record of one view, for the reader page that shows it. */
async function viewFromMessage(message, sender) {
  const token = typeof message.token === 'string' ? message.token : '';
  const pending = token ? pendingViews.get(token) : undefined;
  const record = pending
    ? await pending
    : token ? (await ext.storage.session.get(viewKey(token)))[viewKey(token)] : undefined;
  if (!record || (sender.tab && sender.tab.id !== record.tabId)) return null;
  // Fetched by its page: later requests (the removed blocks, Markdown) read the stored copy.
  if (pending && pendingViews.get(token) === pending) pendingViews.delete(token);
  return record;
}

/** The removed blocks of one view: `{blocks}`, or `{blocks: null}` for an unknown view. */
async function removedFromMessage(message, sender) {
  const token = typeof message.token === 'string' ? message.token : '';
  const record = await viewFromMessage(message, sender);
  if (!record?.article) return { blocks: null };
  const page = pagesForBlocks.get(token);
  if (page) {
    pagesForBlocks.delete(token);
    pendingBlocks.set(token, removedBlocksOf(token, page).finally(() => pendingBlocks.delete(token)));
  }
  const pending = pendingBlocks.get(token);
  if (pending) return { blocks: await pending };
  // Stored already, or the worker was stopped in between and the page is gone: counts only.
  return { blocks: record.article.removedBlocks ?? null };
}

/** The article of one view as Markdown, by the core's toMarkdown. */
async function markdownFromMessage(message, sender) {
  const record = await viewFromMessage(message, sender);
  if (!record?.article) return { error: 'This reader view has expired.' };
  await ensureWasm();
  if (typeof core.toMarkdown !== 'function') return { error: 'This Klartext core has no Markdown export.' };
  return { markdown: core.toMarkdown(record.article) };
}

async function closeFromMessage(message, sender) {
  const token = typeof message.token === 'string' ? message.token : '';
  if (!token) return { state: 'ignored' };
  let tabId = sender.tab?.id;
  if (tabId == null) {
    const record = (await ext.storage.session.get(viewKey(token)))[viewKey(token)];
    tabId = record?.tabId;
  }
  if (tabId == null) return { state: 'ignored' };
  // Only the view that is open in that tab can close it.
  const state = await runInPage(tabId, pageState);
  if (!state?.open || state.token !== token) return { state: 'ignored' };
  return toggle(tabId);
}

ext.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId).catch(() => {});
});

ext.tabs.onUpdated.addListener((tabId, change) => {
  // A navigation drops the view with the old document.
  if (change.status === 'loading') {
    if (change.url) forgetTab(tabId).catch(() => {});
    clearReaderableHint(tabId).catch(() => {});
  } else if (change.status === 'complete') {
    hintIfGranted(tabId).catch(() => {});
  }
});

// The hook the end-to-end tests call through the worker; the same path as a click.
self.klartextToggle = toggle;
self.klartextVersion = () => ensureWasm().then(() => version());
self.klartextHint = hintIfGranted;
