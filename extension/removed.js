// The "Removed" panel: what the reader view left out, by category with counts, and
// every removed block viewable on demand, in the panel or back in the article where
// it stood. Block HTML comes from the core (already sanitised) and is rebuilt here
// once more through render.js's allowlist before it touches the document.

import { sanitizeToFragment } from './render.js';

/** Singular and plural names of the core's categories, for "3 ads, 1 job widget". */
const CATEGORY_NAMES = {
  ad: ['ad', 'ads'],
  jobs: ['job widget', 'job widgets'],
  promo: ['promo link', 'promo links'],
  newsletter: ['newsletter box', 'newsletter boxes'],
  comments: ['comment section', 'comment sections'],
  related: ['related-links block', 'related-links blocks'],
  share: ['share bar', 'share bars'],
  nav: ['navigation block', 'navigation blocks'],
  cookie: ['cookie banner', 'cookie banners'],
  other: ['other block', 'other blocks'],
};

/** Headings of the panel's groups. */
const CATEGORY_TITLES = {
  ad: 'Ads',
  jobs: 'Job widgets',
  promo: 'Promotions',
  newsletter: 'Newsletter boxes',
  comments: 'Comments',
  related: 'Related links',
  share: 'Share buttons',
  nav: 'Navigation',
  cookie: 'Cookie banners',
  other: 'Other clutter',
};

const ORDER = Object.keys(CATEGORY_NAMES);

/** "3 ads", "1 job widget"; unknown categories read "2 foo blocks". */
export function categoryCount(category, count) {
  const [one, many] = CATEGORY_NAMES[category] ?? [`${category} block`, `${category} blocks`];
  return `${count} ${count === 1 ? one : many}`;
}

export function categoryTitle(category) {
  return CATEGORY_TITLES[category] ?? category.charAt(0).toUpperCase() + category.slice(1);
}

/**
 * The removed categories with counts, in the core's category order. Taken from
 * `article.removed`; when only `removedBlocks` is present, counted from it.
 */
export function removedCounts(article) {
  const counts = new Map();
  if (Array.isArray(article?.removed) && article.removed.length) {
    for (const r of article.removed) {
      if (r && typeof r.category === 'string' && r.count > 0) counts.set(r.category, (counts.get(r.category) ?? 0) + r.count);
    }
  } else if (Array.isArray(article?.removedBlocks)) {
    for (const b of article.removedBlocks) {
      if (b && typeof b.category === 'string') counts.set(b.category, (counts.get(b.category) ?? 0) + 1);
    }
  }
  const rank = (c) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => rank(a.category) - rank(b.category));
}

/** "3 ads, 1 job widget, 5 promo links" (empty string when nothing was removed). */
export function describeRemoved(article) {
  return removedCounts(article).map((r) => categoryCount(r.category, r.count)).join(', ');
}

/** The removed blocks of an article, validated; [] when the core does not report them. */
export function removedBlocks(article) {
  if (!Array.isArray(article?.removedBlocks)) return [];
  return article.removedBlocks.filter((b) => b && typeof b.category === 'string' && typeof b.html === 'string');
}

// ---- where a block stood ----

const isSpace = (cp) => /\s/u.test(cp);

/**
 * The number of non-space characters in the first `lines` lines of `textContent`.
 * A removed block's `position` is the number of textContent lines before it (core
 * contract). Whitespace is left out of the count because the core's text and the
 * rendered DOM's text differ only in whitespace.
 */
export function solidCharsBeforeLine(textContent, lines) {
  if (!(lines > 0)) return 0;
  let n = 0;
  let line = 0;
  for (const cp of textContent) {
    if (cp === '\n') {
      line += 1;
      if (line >= lines) break;
    } else if (!isSpace(cp)) {
      n += 1;
    }
  }
  return n;
}

/**
 * The block under `root` after which something that stood `solid` non-space
 * characters into the text belongs (null: at the very start).
 */
export function blockAtSolidOffset(root, solid) {
  if (solid <= 0) return null;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('.kt-removed-inline') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let seen = 0;
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const cp of node.data) {
      if (isSpace(cp)) continue;
      seen += 1;
      if (seen >= solid) return topLevelChild(root, node);
    }
    last = node;
  }
  return last ? topLevelChild(root, last) : root.lastChild;
}

/** Elements whose children are blocks in a row; a removed block goes between them. */
const FLOW = new Set(['DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE']);

/** The block holding `node` whose parent is a flow container (or `root`). */
function topLevelChild(root, node) {
  let n = node;
  while (n.parentNode && n.parentNode !== root && !FLOW.has(n.parentNode.nodeName)) n = n.parentNode;
  // Skip blocks shown in place earlier, so that order follows the page.
  while (n.nextSibling?.classList?.contains('kt-removed-inline')) n = n.nextSibling;
  return n;
}

// ---- the panel ----

function h(doc, tag, props = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('aria') || key.startsWith('data-')) node.setAttribute(key.replace(/^aria(?=[A-Z])/, 'aria-').toLowerCase(), value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.filter((c) => c != null && c !== ''));
  return node;
}

function snippet(text, max = 110) {
  const clean = String(text ?? '').replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean || '(no text)';
}

/**
 * Fills `panel` (an empty element) with the summary and one group per category.
 * `content` is the rendered article body, where "Show in article" puts a block back.
 * `pending`: the blocks themselves are still to come (the panel is filled again then).
 * Returns {total, summary}.
 */
export function renderRemovedPanel(panel, article, { content, sourceUrl, onShowInArticle, pending = false } = {}) {
  const doc = panel.ownerDocument;
  const counts = removedCounts(article);
  const blocks = removedBlocks(article);
  const total = counts.reduce((sum, r) => sum + r.count, 0);
  const summary = describeRemoved(article);
  panel.replaceChildren();
  if (!total) {
    panel.append(h(doc, 'p', { class: 'kt-removed-summary' }, 'Nothing was removed from this page.'));
    return { total, summary };
  }
  panel.append(h(doc, 'p', { class: 'kt-removed-summary' },
    `Klartext left out ${total} ${total === 1 ? 'block' : 'blocks'}: ${summary}.`));
  if (!blocks.length) {
    panel.append(h(doc, 'p', { class: 'kt-removed-note' }, pending
      ? 'Preparing the removed blocks…'
      : 'This version of the core reports counts only, not the blocks themselves.'));
  }
  const textContent = typeof article.textContent === 'string' ? article.textContent : '';
  for (const { category, count } of counts) {
    const mine = blocks.filter((b) => b.category === category);
    const headingId = `kt-removed-${category.replace(/[^a-z0-9-]/gi, '')}`;
    const group = h(doc, 'section', { class: 'kt-removed-group', 'data-category': category, ariaLabelledby: headingId });
    group.append(h(doc, 'h3', { id: headingId }, categoryTitle(category), ' ', h(doc, 'span', { class: 'kt-count' }, String(count))));
    const list = h(doc, 'ol', { class: 'kt-removed-list' });
    for (const block of mine) {
      list.append(blockItem(doc, block, { content, sourceUrl, textContent, onShowInArticle }));
    }
    if (blocks.length && mine.length < count) {
      const more = count - mine.length;
      list.append(h(doc, 'li', { class: 'kt-removed-item kt-removed-more' },
        `${more} more ${more === 1 ? 'block' : 'blocks'} without a preview.`));
    }
    if (list.childNodes.length) group.append(list);
    panel.append(group);
  }
  return { total, summary };
}

function blockItem(doc, block, { content, sourceUrl, textContent, onShowInArticle }) {
  const item = h(doc, 'li', { class: 'kt-removed-item' });
  const details = h(doc, 'details');
  const preview = h(doc, 'div', { class: 'kt-removed-preview' });
  details.append(h(doc, 'summary', {}, h(doc, 'span', { class: 'kt-snippet' }, snippet(block.text))), preview);
  // Rendered on demand: most blocks are never opened.
  details.addEventListener('toggle', () => {
    if (details.open && !preview.hasChildNodes()) fillBlock(preview, block, sourceUrl);
  });
  item.append(details);

  const where = Number.isInteger(block.position) && block.position >= 0 && content;
  if (where) {
    const button = h(doc, 'button', { type: 'button', class: 'kt-text-button kt-show-in-article', ariaPressed: 'false' }, 'Show in article');
    let shown = null;
    button.addEventListener('click', () => {
      if (shown?.isConnected) {
        shown.remove();
        shown = null;
        button.textContent = 'Show in article';
        button.setAttribute('aria-pressed', 'false');
        return;
      }
      shown = inlineBlock(doc, block, sourceUrl, () => button.click());
      const after = blockAtSolidOffset(content, solidCharsBeforeLine(textContent, block.position));
      if (after) after.after(shown);
      else content.prepend(shown);
      button.textContent = 'Hide in article';
      button.setAttribute('aria-pressed', 'true');
      onShowInArticle?.(shown);
    });
    item.append(button);
  } else {
    item.append(h(doc, 'span', { class: 'kt-removed-where' }, 'Around the article'));
  }
  return item;
}

function fillBlock(target, block, sourceUrl) {
  const fragment = sanitizeToFragment(block.html, target.ownerDocument, sourceUrl ?? undefined);
  if (!fragment.textContent.trim() && !fragment.querySelector?.('img')) {
    target.append(h(target.ownerDocument, 'p', { class: 'kt-removed-note' }, snippet(block.text, 400)));
  } else {
    target.append(fragment);
  }
}

function inlineBlock(doc, block, sourceUrl, onHide) {
  const label = `Removed: ${categoryCount(block.category, 1).replace(/^1 /, '')}`;
  const box = h(doc, 'aside', { class: 'kt-removed-inline', 'data-category': block.category, ariaLabel: label, tabIndex: -1 });
  const hide = h(doc, 'button', { type: 'button', class: 'kt-text-button' }, 'Hide');
  hide.addEventListener('click', onHide);
  box.append(h(doc, 'p', { class: 'kt-removed-label' }, h(doc, 'span', {}, label), hide));
  const body = h(doc, 'div', { class: 'kt-removed-body' });
  fillBlock(body, block, sourceUrl);
  box.append(body);
  return box;
}
