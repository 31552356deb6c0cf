// The reader view page. Loaded in an iframe over the original page as
// reader.html#<token>; the background stored the extracted article in
// storage.session under that token.

import { ext } from './browser.js';
import { MSG_CLOSE, MSG_GET_VIEW } from './protocol.js';
import { renderArticle } from './render.js';

const FONT_SIZES = [16, 18, 20, 22, 24, 27, 30];
const DEFAULT_FONT_INDEX = 2;

const token = decodeURIComponent(location.hash.slice(1));
const articleEl = document.getElementById('kt-article');
const footer = document.getElementById('kt-footer');
const main = document.getElementById('kt-main');

function closeView() {
  ext.runtime.sendMessage({ type: MSG_CLOSE, token }).catch((err) => console.error('klartext: close', err));
}

function showError(title, detail) {
  articleEl.replaceChildren();
  articleEl.classList.add('kt-error');
  const h1 = document.createElement('h1');
  h1.textContent = title;
  const p = document.createElement('p');
  p.className = 'kt-status';
  p.textContent = detail;
  articleEl.append(h1, p);
  articleEl.removeAttribute('aria-busy');
}

function describeRemoved(removed) {
  const parts = (removed ?? [])
    .filter((r) => r && r.count > 0)
    .map((r) => `${r.count} ${r.category}`);
  return parts.length ? `Removed: ${parts.join(', ')}.` : '';
}

async function applyFontSize(step) {
  const stored = (await ext.storage.local?.get('fontIndex').catch(() => null)) ?? {};
  let index = Number.isInteger(stored.fontIndex) ? stored.fontIndex : DEFAULT_FONT_INDEX;
  index = Math.min(FONT_SIZES.length - 1, Math.max(0, index + step));
  document.documentElement.style.setProperty('--kt-font-size', `${FONT_SIZES[index]}px`);
  if (step) await ext.storage.local?.set({ fontIndex: index }).catch(() => {});
}

async function main_() {
  document.getElementById('kt-close').addEventListener('click', closeView);
  document.getElementById('kt-smaller').addEventListener('click', () => applyFontSize(-1));
  document.getElementById('kt-larger').addEventListener('click', () => applyFontSize(+1));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.repeat) {
      event.preventDefault();
      closeView();
    }
  });
  await applyFontSize(0).catch(() => {});

  // Asked of the background: Firefox does not give extension frames inside web
  // pages storage.session.
  const record = token ? await ext.runtime.sendMessage({ type: MSG_GET_VIEW, token }) : undefined;
  if (!record) {
    showError('Nothing to show', 'This reader view has expired. Close it and open it again.');
    return;
  }
  if (record.error || !record.article) {
    showError('No article found', `Klartext could not find an article on this page. ${record.error ?? ''}`.trim());
    return;
  }
  const { article } = record;
  renderArticle(articleEl, article, { sourceUrl: record.url, onOriginal: closeView });
  articleEl.removeAttribute('aria-busy');
  if (article.lang) document.documentElement.lang = article.lang;
  if (article.dir === 'rtl' || article.dir === 'ltr') document.documentElement.dir = article.dir;
  document.title = article.title ? `${article.title} — Reader view` : 'Reader view';
  const timing = record.timing ?? {};
  const ms = Number.isFinite(timing.extractMs) ? ` in ${timing.extractMs.toFixed(1)} ms` : '';
  footer.textContent = `Klartext ${record.core ?? ''} extracted ${article.wordCount ?? 0} words${ms}. ${describeRemoved(article.removed)}`.replace(/\s+/g, ' ').trim();
  main.focus({ preventScroll: true });
}

main_().catch((err) => {
  console.error('klartext: reader', err);
  showError('Reader view failed', String(err?.message ?? err));
});
