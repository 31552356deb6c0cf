// Renders an Article (the object the wasm core's `extract` returns) into a page.
// Shared by the extension's reader.html and the www/ demo.
//
// The core already sanitises `content`; this module builds the DOM from it again
// through its own allowlist (no innerHTML into a live document), so a bug in one
// layer is not enough to put script or event handlers into the reader view.

const WORDS_PER_MINUTE = 220;

/** Elements kept with their children (attributes filtered by ATTRS). */
const KEEP = new Set([
  'a', 'abbr', 'article', 'aside', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite',
  'code', 'col', 'colgroup', 'data', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'hr', 'i',
  'img', 'ins', 'kbd', 'li', 'main', 'mark', 'ol', 'p', 'picture', 'pre', 'q', 'rp', 'rt',
  'ruby', 's', 'samp', 'section', 'small', 'source', 'span', 'strong', 'sub', 'summary', 'sup',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var', 'wbr',
]);

/** Elements dropped together with everything inside them. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed',
  'applet', 'form', 'input', 'button', 'select', 'textarea', 'option', 'link', 'meta', 'base',
  'head', 'title', 'svg', 'math', 'canvas', 'audio', 'video', 'dialog', 'portal', 'slot',
]);

/** Attributes kept per element ('*' applies to all); URL attributes are checked below. */
const ATTRS = {
  '*': new Set(['title', 'lang', 'dir']),
  a: new Set(['href']),
  img: new Set(['src', 'srcset', 'sizes', 'alt', 'width', 'height']),
  source: new Set(['srcset', 'sizes', 'type', 'media']),
  td: new Set(['colspan', 'rowspan', 'headers']),
  th: new Set(['colspan', 'rowspan', 'headers', 'scope', 'abbr']),
  col: new Set(['span']),
  colgroup: new Set(['span']),
  ol: new Set(['start', 'reversed', 'type']),
  li: new Set(['value']),
  time: new Set(['datetime']),
  data: new Set(['value']),
  del: new Set(['datetime', 'cite']),
  ins: new Set(['datetime', 'cite']),
  blockquote: new Set(['cite']),
  q: new Set(['cite']),
  details: new Set(['open']),
  abbr: new Set(['title']),
};

const URL_ATTRS = new Set(['href', 'src', 'cite']);
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_SCHEMES = new Set(['http:', 'https:']);

/** Returns the absolute URL if it is safe for this attribute, else null. */
export function safeUrl(value, attr, base) {
  let url;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return null;
  }
  const schemes = attr === 'href' ? LINK_SCHEMES : IMAGE_SCHEMES;
  if (attr === 'src' && url.protocol === 'data:' && /^data:image\/(png|gif|jpeg|webp|avif);/i.test(url.href)) {
    return url.href;
  }
  return schemes.has(url.protocol) ? url.href : null;
}

function safeSrcset(value, base) {
  const parts = [];
  for (const candidate of value.split(/,\s+/)) {
    const [src, ...descriptor] = candidate.trim().split(/\s+/);
    const url = src && safeUrl(src, 'src', base);
    if (url && !url.startsWith('data:')) parts.push([url, ...descriptor].join(' '));
  }
  return parts.length ? parts.join(', ') : null;
}

/**
 * Parses `html` inertly (DOMParser runs no scripts and loads nothing) and copies the
 * allowed parts into a fragment owned by `doc`. Relative URLs resolve against `base`.
 */
export function sanitizeToFragment(html, doc, base) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html ?? ''}`, 'text/html');
  const fragment = doc.createDocumentFragment();
  copyChildren(parsed.body, fragment, doc, base);
  return fragment;
}

function copyChildren(from, to, doc, base) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(doc.createTextNode(node.data));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      copyElement(node, to, doc, base);
    }
  }
}

function copyElement(node, to, doc, base) {
  const tag = node.localName;
  if (node.namespaceURI !== 'http://www.w3.org/1999/xhtml' || DROP.has(tag)) return;
  if (!KEEP.has(tag)) {
    // Unknown or presentational wrapper: keep what is inside it.
    copyChildren(node, to, doc, base);
    return;
  }
  const el = doc.createElement(tag);
  const allowed = ATTRS[tag];
  for (const { name, value } of node.attributes) {
    if (!ATTRS['*'].has(name) && !allowed?.has(name)) continue;
    let clean = value;
    if (URL_ATTRS.has(name)) clean = safeUrl(value, name, base);
    else if (name === 'srcset') clean = safeSrcset(value, base);
    if (clean != null) el.setAttribute(name, clean);
  }
  if (tag === 'a' && el.hasAttribute('href')) {
    el.target = '_blank';
    el.rel = 'noopener noreferrer';
  }
  if (tag === 'img') {
    if (!el.hasAttribute('src') && !el.hasAttribute('srcset')) return;
    el.loading = 'lazy';
    el.decoding = 'async';
    el.referrerPolicy = 'no-referrer';
    // An image that cannot load (offline, hotlink protection) leaves no broken icon.
    el.addEventListener('error', () => {
      el.hidden = true;
    }, { once: true });
  }
  copyChildren(node, el, doc, base);
  to.append(el);
}

/** Whole minutes to read `wordCount` words, at least 1. */
export function readingMinutes(wordCount) {
  const words = Number(wordCount) || 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** A localised date for an ISO timestamp, or the raw text when it does not parse. */
export function formatDate(value, lang) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long' }).format(date);
  } catch {
    return date.toDateString();
  }
}

function hostOf(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

function el(doc, tag, props = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null) continue;
    if (key === 'class') node.className = value;
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c != null && c !== ''));
  return node;
}

/**
 * Fills `container` with the article: header (site, title, byline, date, reading
 * time, link to the original), lead image unless the content has it, and content.
 * `options.sourceUrl` is the page's address; `options.onOriginal` (optional) is
 * called instead of following the link to the original.
 */
export function renderArticle(container, article, options = {}) {
  const doc = container.ownerDocument;
  const sourceUrl = options.sourceUrl ?? null;
  container.replaceChildren();
  if (article.lang) container.lang = article.lang;
  container.dir = article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : 'auto';

  const header = el(doc, 'header', { class: 'kt-header' });
  const site = article.siteName || hostOf(sourceUrl);
  if (site) header.append(el(doc, 'p', { class: 'kt-site' }, site));
  header.append(el(doc, 'h1', { class: 'kt-title' }, article.title || 'Untitled'));

  const meta = el(doc, 'p', { class: 'kt-meta' });
  const bits = [];
  if (article.byline) bits.push(el(doc, 'span', { class: 'kt-byline' }, article.byline));
  const date = formatDate(article.publishedTime, article.lang);
  if (date) bits.push(el(doc, 'time', { class: 'kt-date', dateTime: article.publishedTime }, date));
  const minutes = readingMinutes(article.wordCount);
  // Interface text (English) inside a header that may be right to left: isolated.
  bits.push(el(doc, 'span', { class: 'kt-reading-time', dir: 'auto' }, `${minutes} min read`));
  bits.forEach((bit, i) => {
    if (i) meta.append(el(doc, 'span', { class: 'kt-sep', ariaHidden: 'true' }, ' · '));
    meta.append(bit);
  });
  header.append(meta);

  const original = safeUrl(sourceUrl ?? '', 'href');
  if (original) {
    const link = el(doc, 'a', { class: 'kt-original', href: original, dir: 'auto' }, 'View original page');
    if (options.onOriginal) {
      link.addEventListener('click', (event) => {
        event.preventDefault();
        options.onOriginal();
      });
    } else {
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
    header.append(el(doc, 'p', { class: 'kt-source' }, link, el(doc, 'span', { class: 'kt-host', dir: 'ltr' }, hostOf(original))));
  }
  container.append(header);

  const body = el(doc, 'div', { class: 'kt-content' });
  body.append(sanitizeToFragment(article.content, doc, sourceUrl ?? undefined));

  const lead = article.leadImage ? safeUrl(article.leadImage, 'src', sourceUrl ?? undefined) : null;
  if (lead && !contentHasImage(body, lead)) {
    const img = el(doc, 'img', { src: lead, alt: '', loading: 'eager', decoding: 'async', referrerPolicy: 'no-referrer' });
    const figure = el(doc, 'figure', { class: 'kt-lead' }, img);
    img.addEventListener('error', () => {
      figure.hidden = true;
    }, { once: true });
    container.append(figure);
  }
  container.append(body);
  return container;
}

function contentHasImage(root, url) {
  const key = imageKey(url);
  for (const img of root.querySelectorAll('img')) {
    if (imageKey(img.src) === key) return true;
    for (const part of (img.getAttribute('srcset') ?? '').split(',')) {
      if (imageKey(part.trim().split(/\s+/)[0]) === key) return true;
    }
  }
  return false;
}

/** An image URL without query, fragment and a WordPress-style `-123x456` size suffix. */
function imageKey(url) {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname.replace(/-\d+x\d+(?=\.\w+$)/, '')}`;
  } catch {
    return url;
  }
}
