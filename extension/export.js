// Export of the reader view: to the clipboard, to a file (Markdown, or a
// self-contained HTML page: inline CSS, no scripts, a CSP that forbids them anyway).
// The HTML is serialised from the rendered article, which render.js built from its
// allowlist, so nothing reaches the file that the reader view would not show.

/** A file name from the title: "the-last-keepers-of-the-northern-light". */
export function fileStem(title) {
  const stem = String(title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return stem || 'article';
}

/** Offers `text` as a download named `name` (no downloads permission needed). */
export function download(doc, name, text, type) {
  const blob = new Blob([text], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Puts `text` on the clipboard. The async Clipboard API first; where a page's
 * permissions policy or the browser refuses it, a copy event during
 * execCommand('copy'), which works from a click handler everywhere.
 */
export async function copyText(doc, text) {
  const win = doc.defaultView;
  try {
    if (win.navigator.clipboard?.writeText) {
      await win.navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to execCommand.
  }
  let done = false;
  const onCopy = (event) => {
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    done = true;
  };
  doc.addEventListener('copy', onCopy, { once: true });
  try {
    doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
  return done;
}

const escapeText = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s) => escapeText(s).replace(/"/g, '&quot;');

const FONT_STACKS = {
  serif: '"Iowan Old Style", "Palatino Linotype", Palatino, "Source Serif 4", "Noto Serif", Georgia, "DejaVu Serif", serif',
  sans: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif',
  mono: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
};

const PALETTES = {
  light: { bg: '#fbfaf7', fg: '#1f1f1f', muted: '#5f5a52', rule: '#e4e0d8', link: '#1a5fb4', code: '#f0ede6' },
  sepia: { bg: '#f4ecd8', fg: '#433422', muted: '#6e5b42', rule: '#dfd2b6', link: '#7a4a12', code: '#ebe0c6' },
  dark: { bg: '#1b1a18', fg: '#e6e2da', muted: '#a39d92', rule: '#3a3733', link: '#8cb4ff', code: '#2a2825' },
};

const WIDTHS = { narrow: '28em', medium: '34em', wide: '42em', full: 'none' };

const vars = (p) => `--bg:${p.bg};--fg:${p.fg};--muted:${p.muted};--rule:${p.rule};--link:${p.link};--code:${p.code}`;

/** The stylesheet of an exported page, in the reader's current settings. */
export function exportCss(settings) {
  const theme = settings.theme in PALETTES || settings.theme === 'auto' ? settings.theme : 'light';
  const base = theme === 'auto' ? PALETTES.light : PALETTES[theme];
  const dark = theme === 'auto' ? `@media (prefers-color-scheme: dark) { :root { ${vars(PALETTES.dark)}; } }\n` : '';
  return `:root { ${vars(base)}; color-scheme: ${theme === 'dark' ? 'dark' : theme === 'auto' ? 'light dark' : 'light'}; }
${dark}* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); font-size: ${settings.fontSize}px; -webkit-text-size-adjust: 100%; }
body { margin: 0; padding: 2rem 1.25rem 3rem; font-family: ${FONT_STACKS[settings.font] ?? FONT_STACKS.serif}; line-height: ${settings.lineHeight}; overflow-wrap: break-word; }
article, footer { max-width: ${WIDTHS[settings.width] ?? WIDTHS.medium}; margin: 0 auto; }
.kt-header { margin: 0 0 1.6rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
.kt-site { margin: 0 0 .4rem; color: var(--muted); font: 600 .7rem/1.3 system-ui, sans-serif; letter-spacing: .06em; text-transform: uppercase; }
.kt-title { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .6rem; }
.kt-meta, .kt-source { margin: .2rem 0; color: var(--muted); font: .75rem/1.5 system-ui, sans-serif; }
.kt-byline { font-weight: 600; }
.kt-host { margin-inline-start: .5em; }
a { color: var(--link); text-underline-offset: .15em; }
img { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figure { margin: 1.5rem 0; }
figcaption { color: var(--muted); font: .75rem/1.4 system-ui, sans-serif; margin-top: .4rem; }
p { margin: 0 0 1.1em; }
h2, h3, h4, h5, h6 { line-height: 1.3; margin: 1.8em 0 .6em; }
h2 { font-size: 1.35rem; } h3 { font-size: 1.15rem; } h4, h5, h6 { font-size: 1rem; }
blockquote { margin: 1.4em 0; padding-inline-start: 1em; border-inline-start: 3px solid var(--rule); color: var(--muted); font-style: italic; }
pre, code, kbd, samp { font-family: ${FONT_STACKS.mono}; font-size: .85em; }
pre { background: var(--code); padding: .8em 1em; overflow-x: auto; border-radius: 4px; line-height: 1.45; white-space: pre; }
:not(pre) > code { background: var(--code); padding: .1em .3em; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; font-size: .85em; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: .35em .6em; text-align: start; vertical-align: top; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font: .7rem/1.5 system-ui, sans-serif; }
@media print { html { background: #fff; color: #000; } a { color: inherit; } }
`;
}

/**
 * A complete, self-contained HTML page of the rendered article `articleEl` (a
 * .kt-article): its header and content, without anything the reader view added
 * for interaction. `meta` = {title, lang, dir, sourceUrl, settings, savedAt}.
 */
export function buildHtmlDocument(articleEl, meta) {
  const clone = articleEl.cloneNode(true);
  for (const node of clone.querySelectorAll('.kt-removed-inline, button, [hidden]')) node.remove();
  for (const node of clone.querySelectorAll('[tabindex], [aria-busy], .kt-reading')) {
    node.removeAttribute('tabindex');
    node.removeAttribute('aria-busy');
    node.classList.remove('kt-reading');
  }
  for (const img of clone.querySelectorAll('img')) {
    // Eager in a saved page: it may be printed or read offline right away.
    img.removeAttribute('loading');
  }
  clone.removeAttribute('id');
  const lang = meta.lang ? ` lang="${escapeAttr(meta.lang)}"` : '';
  const dir = meta.dir === 'rtl' || meta.dir === 'ltr' ? ` dir="${meta.dir}"` : '';
  const saved = meta.savedAt ?? new Date();
  const source = meta.sourceUrl && /^https?:/i.test(meta.sourceUrl)
    ? `Saved from <a href="${escapeAttr(meta.sourceUrl)}">${escapeText(meta.sourceUrl)}</a>`
    : 'Saved';
  return `<!doctype html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Klartext reader view">
<title>${escapeText(meta.title || 'Article')}</title>
<style>
${exportCss(meta.settings)}</style>
</head>
<body>
${clone.outerHTML}
<footer>${source} on ${escapeText(saved.toISOString().slice(0, 10))} with the Klartext reader view.</footer>
</body>
</html>
`;
}
