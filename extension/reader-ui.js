// The reader view's interface, shared by the extension's reader page and the www/
// demo: toolbar, appearance settings, read aloud, the removed panel, export, and the
// keyboard. Everything that depends on where it runs comes in through `host`:
//
//   host.loadSettings()          -> Promise<object>   stored settings (validated here)
//   host.saveSettings(settings)  -> Promise<void>
//   host.onSettingsChanged(fn)   optional: fn(settings) when another view changed them
//   host.close()                 optional: leave the reader view (no Back button without it)
//   host.toMarkdown(article)     optional: -> Promise<string>, the core's Markdown
//
// The page must contain #kt-main > #kt-article and #kt-footer (reader.html and the
// demo's reader-frame.html do); the rest is built here. No innerHTML anywhere.

import { renderArticle } from './render.js';
import { removedCounts, renderRemovedPanel } from './removed.js';
import {
  DEFAULTS, FONTS, LABELS, LINE_HEIGHTS, RATES, THEMES, WIDTHS,
  applySettings, nextTheme, normalizeSettings, stepFontSize,
} from './settings.js';
import { Speaker } from './speech.js';
import { buildHtmlDocument, copyText, download, fileStem } from './export.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Icons: 24×24 outline paths (filled where noted). */
const ICONS = {
  back: ['M19 12H5', 'M12 19l-7-7 7-7'],
  listen: ['M11 5 6 9H2v6h4l5 4z', 'M15.5 8.5a5 5 0 0 1 0 7', 'M18.5 5.5a9.5 9.5 0 0 1 0 13'],
  removed: ['M3 4h18l-7 8.5V19l-4 2v-8.5z'],
  save: ['M12 3v12', 'M7 10l5 5 5-5', 'M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2'],
  play: { fill: true, d: ['M7 4.5v15l12-7.5z'] },
  pause: { fill: true, d: ['M6.5 4h4v16h-4zM13.5 4h4v16h-4z'] },
  stop: { fill: true, d: ['M6 6h12v12H6z'] },
  close: ['M6 6l12 12', 'M18 6 6 18'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  markdown: ['M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z', 'M14 3v6h6', 'M8 13h8', 'M8 17h5'],
  html: ['M8 7l-5 5 5 5', 'M16 7l5 5-5 5', 'M13.5 4l-3 16'],
  print: ['M6 9V3h12v6', 'M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2', 'M6 14h12v7H6z'],
};

function h(doc, tag, props = {}, ...children) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('aria') || key.startsWith('data-')) node.setAttribute(key.replace(/^aria(?=[A-Z])/, 'aria-').toLowerCase(), value === true ? 'true' : value);
    else if (key in node) node[key] = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.flat().filter((c) => c != null && c !== '' && c !== false));
  return node;
}

function icon(doc, name) {
  const spec = ICONS[name];
  const fill = !Array.isArray(spec) && spec.fill;
  const paths = Array.isArray(spec) ? spec : spec.d;
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', `kt-icon kt-icon-${name}`);
  for (const d of paths) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  if (fill) svg.classList.add('kt-icon-fill');
  return svg;
}

/** Keys typed here are text, not shortcuts (radio buttons and checkboxes are not). */
const isTyping = (el) => Boolean(el) && (el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName)
  || (el.tagName === 'INPUT' && !/^(radio|checkbox|button|range|color)$/.test(el.type)));

/**
 * Builds the interface into `doc` and returns its controller:
 * {show(article, {sourceUrl, footer}), showError(title, detail), ready}.
 */
export function createReader(doc, host = {}) {
  const win = doc.defaultView;
  const main = doc.getElementById('kt-main');
  const articleEl = doc.getElementById('kt-article');
  const footer = doc.getElementById('kt-footer');
  let settings = normalizeSettings(DEFAULTS);
  let article = null;
  let sourceUrl = null;
  let markdown = null;
  let saveTimer = null;

  // ---- toast (status messages for everyone, read by screen readers) ----
  const toast = h(doc, 'div', { class: 'kt-toast', role: 'status', ariaLive: 'polite', id: 'kt-toast' });
  let toastTimer = null;
  function say(message) {
    toast.textContent = message;
    toast.classList.add('kt-toast-visible');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toast.classList.remove('kt-toast-visible'), 2600);
  }

  // ---- toolbar ----
  const button = (id, name, label, props = {}) => h(doc, 'button', {
    type: 'button', id, class: 'kt-button', title: props.title ?? label, ariaLabel: props.ariaLabel, ...props.attrs,
  }, icon(doc, name), h(doc, 'span', { class: 'kt-label' }, label), props.extra);

  const backButton = host.close
    ? button('kt-close', 'back', 'Back to page', { title: 'Back to the page (Esc)', ariaLabel: 'Back to the page' })
    : null;
  const appearanceButton = h(doc, 'button', {
    type: 'button', id: 'kt-appearance-button', class: 'kt-button', title: 'Appearance: theme, font, size, spacing, width',
    ariaLabel: 'Appearance', ariaExpanded: 'false', ariaControls: 'kt-appearance', ariaHaspopup: 'dialog',
  }, h(doc, 'span', { class: 'kt-aa', ariaHidden: 'true' }, 'Aa'), h(doc, 'span', { class: 'kt-label' }, 'Appearance'));
  const listenButton = button('kt-listen-button', 'listen', 'Listen', { title: 'Read aloud', ariaLabel: 'Read aloud', attrs: { ariaControls: 'kt-speechbar' } });
  const removedCount = h(doc, 'span', { class: 'kt-count', id: 'kt-removed-count' }, '0');
  const removedButton = button('kt-removed-button', 'removed', 'Removed', {
    title: 'What the reader view left out', ariaLabel: 'Removed from this page',
    attrs: { ariaExpanded: 'false', ariaControls: 'kt-removed' }, extra: removedCount,
  });
  const exportButton = button('kt-export-button', 'save', 'Save', {
    title: 'Copy, save or print', ariaLabel: 'Copy, save or print',
    attrs: { ariaExpanded: 'false', ariaControls: 'kt-export', ariaHaspopup: 'true' },
  });
  const toolbarTitle = h(doc, 'span', { class: 'kt-toolbar-title', ariaHidden: 'true' });

  // ---- appearance ----
  const radios = {};
  function radioGroup(name, legend, values, labels, extraClass = '') {
    const fieldset = h(doc, 'fieldset', { class: `kt-field ${extraClass}` }, h(doc, 'legend', {}, legend));
    const row = h(doc, 'div', { class: 'kt-segmented' });
    radios[name] = [];
    for (const value of values) {
      const input = h(doc, 'input', { type: 'radio', name: `kt-${name}`, value: String(value), id: `kt-${name}-${String(value).replace('.', '_')}` });
      input.addEventListener('change', () => {
        if (input.checked) update({ [name]: typeof DEFAULTS[name] === 'number' ? Number(value) : value });
      });
      radios[name].push(input);
      row.append(h(doc, 'label', { class: 'kt-option', htmlFor: input.id, 'data-value': String(value) }, input, h(doc, 'span', {}, labels[value])));
    }
    fieldset.append(row);
    return fieldset;
  }
  const sizeOutput = h(doc, 'output', { class: 'kt-size-value', id: 'kt-size-value', ariaLive: 'polite' });
  const smaller = h(doc, 'button', { type: 'button', class: 'kt-button kt-step', id: 'kt-smaller', ariaLabel: 'Smaller text (−)', title: 'Smaller text (−)' }, h(doc, 'span', { class: 'kt-a-small', ariaHidden: 'true' }, 'A'));
  const larger = h(doc, 'button', { type: 'button', class: 'kt-button kt-step', id: 'kt-larger', ariaLabel: 'Larger text (+)', title: 'Larger text (+)' }, h(doc, 'span', { class: 'kt-a-large', ariaHidden: 'true' }, 'A'));
  smaller.addEventListener('click', () => update({ fontSize: stepFontSize(settings.fontSize, -1) }));
  larger.addEventListener('click', () => update({ fontSize: stepFontSize(settings.fontSize, +1) }));
  const resetButton = h(doc, 'button', { type: 'button', class: 'kt-text-button', id: 'kt-reset' }, 'Reset to defaults');
  resetButton.addEventListener('click', () => update({ ...DEFAULTS, voice: settings.voice, rate: settings.rate }));
  const appearance = h(doc, 'div', { class: 'kt-popover kt-appearance', id: 'kt-appearance', role: 'dialog', ariaLabel: 'Appearance', hidden: true },
    radioGroup('theme', 'Theme', THEMES, LABELS.theme, 'kt-themes'),
    radioGroup('font', 'Font', FONTS, LABELS.font, 'kt-fonts'),
    h(doc, 'div', { class: 'kt-field kt-size', role: 'group', ariaLabelledby: 'kt-size-label' },
      h(doc, 'span', { class: 'kt-legend', id: 'kt-size-label' }, 'Text size'),
      h(doc, 'div', { class: 'kt-stepper' }, smaller, sizeOutput, larger)),
    radioGroup('lineHeight', 'Line spacing', LINE_HEIGHTS, LABELS.lineHeight),
    radioGroup('width', 'Width', WIDTHS, LABELS.width),
    h(doc, 'p', { class: 'kt-popover-foot' }, resetButton, h(doc, 'span', { class: 'kt-hint' }, 'Keys: + − size · t theme · Esc back')));

  // ---- export ----
  const exportItem = (id, name, label, hint) => h(doc, 'button', { type: 'button', class: 'kt-menu-item', id },
    icon(doc, name), h(doc, 'span', {}, label, h(doc, 'small', {}, hint)));
  const copyMd = exportItem('kt-copy-markdown', 'copy', 'Copy as Markdown', 'To the clipboard');
  const saveMd = exportItem('kt-save-markdown', 'markdown', 'Save as Markdown', '.md file');
  const saveHtml = exportItem('kt-save-html', 'html', 'Save as HTML', 'One self-contained page');
  const printItem = exportItem('kt-print', 'print', 'Print…', 'Or save as PDF');
  const exportMenu = h(doc, 'div', { class: 'kt-popover kt-export', id: 'kt-export', role: 'group', ariaLabel: 'Copy, save or print', hidden: true },
    copyMd, saveMd, saveHtml, printItem);

  // ---- removed drawer ----
  const removedBody = h(doc, 'div', { class: 'kt-drawer-body', id: 'kt-removed-body' });
  const drawerClose = h(doc, 'button', { type: 'button', class: 'kt-button kt-icon-button', ariaLabel: 'Close the removed panel', title: 'Close (Esc)' }, icon(doc, 'close'));
  const drawer = h(doc, 'aside', { class: 'kt-drawer', id: 'kt-removed', ariaLabelledby: 'kt-removed-title', hidden: true, tabIndex: -1 },
    h(doc, 'div', { class: 'kt-drawer-head' }, h(doc, 'h2', { id: 'kt-removed-title' }, 'Removed from this page'), drawerClose),
    removedBody);
  drawerClose.addEventListener('click', () => closePanel(true));

  // ---- read aloud ----
  const playPause = h(doc, 'button', { type: 'button', class: 'kt-button kt-icon-button', id: 'kt-speech-toggle', ariaLabel: 'Pause', title: 'Pause' }, icon(doc, 'pause'), icon(doc, 'play'));
  const stopButton = h(doc, 'button', { type: 'button', class: 'kt-button kt-icon-button', id: 'kt-speech-stop', ariaLabel: 'Stop reading', title: 'Stop' }, icon(doc, 'stop'));
  const voiceSelect = h(doc, 'select', { id: 'kt-voice', class: 'kt-select' });
  const rateSelect = h(doc, 'select', { id: 'kt-rate', class: 'kt-select' },
    RATES.map((r) => h(doc, 'option', { value: String(r) }, `${r}×`)));
  const progress = h(doc, 'span', { class: 'kt-speech-progress', id: 'kt-speech-progress', ariaLive: 'off' });
  const speechbar = h(doc, 'div', { class: 'kt-speechbar', id: 'kt-speechbar', role: 'region', ariaLabel: 'Read aloud', hidden: true },
    playPause, stopButton, progress, h(doc, 'span', { class: 'kt-spacer' }),
    h(doc, 'label', { class: 'kt-inline-field', htmlFor: 'kt-voice' }, h(doc, 'span', {}, 'Voice'), voiceSelect),
    h(doc, 'label', { class: 'kt-inline-field', htmlFor: 'kt-rate' }, h(doc, 'span', {}, 'Speed'), rateSelect));

  const speaker = new Speaker(articleEl, {
    win,
    getOptions: () => ({ voice: settings.voice, rate: settings.rate, lang: article?.lang ?? doc.documentElement.lang }),
    onState: showSpeech,
  });

  function fillVoices() {
    const voices = speaker.voices(article?.lang);
    const options = [h(doc, 'option', { value: '' }, 'Default for the language')];
    for (const v of voices) options.push(h(doc, 'option', { value: v.voiceURI }, `${v.name} (${v.lang})`));
    voiceSelect.replaceChildren(...options);
    voiceSelect.value = voices.some((v) => v.voiceURI === settings.voice) ? settings.voice : '';
    voiceSelect.disabled = voices.length === 0;
  }
  if (win.speechSynthesis?.addEventListener) win.speechSynthesis.addEventListener('voiceschanged', fillVoices);

  function showSpeech(state) {
    const playing = state.status === 'playing';
    doc.documentElement.dataset.speech = state.status;
    playPause.setAttribute('aria-label', playing ? 'Pause' : 'Resume');
    playPause.title = playing ? 'Pause' : 'Resume';
    listenButton.setAttribute('aria-pressed', String(state.status === 'playing' || state.status === 'paused'));
    listenButton.querySelector('.kt-label').textContent = playing ? 'Pause' : state.status === 'paused' ? 'Resume' : 'Listen';
    listenButton.setAttribute('aria-label', playing ? 'Pause reading' : state.status === 'paused' ? 'Resume reading' : 'Read aloud');
    if (state.status === 'unsupported') {
      speechbar.hidden = true;
      say('This browser cannot read aloud.');
      return;
    }
    if (state.status === 'idle') {
      speechbar.hidden = true;
      progress.textContent = '';
      if (state.error) say(state.error);
      return;
    }
    speechbar.hidden = false;
    progress.textContent = `${state.status === 'paused' ? 'Paused · ' : ''}${state.index + 1} / ${state.total}`;
    progress.dataset.text = state.text;
    if (state.error) say(state.error);
  }

  listenButton.addEventListener('click', () => {
    closePanel(false);
    if (speaker.status === 'idle' || speaker.status === 'unsupported') {
      fillVoices();
      speaker.play();
    } else {
      speaker.toggle();
    }
  });
  playPause.addEventListener('click', () => speaker.toggle());
  stopButton.addEventListener('click', () => {
    speaker.stop();
    listenButton.focus();
  });
  voiceSelect.addEventListener('change', () => {
    update({ voice: voiceSelect.value });
    speaker.restartSentence();
  });
  rateSelect.addEventListener('change', () => {
    update({ rate: Number(rateSelect.value) });
    speaker.restartSentence();
  });
  win.addEventListener('pagehide', () => speaker.stop());

  // ---- layout ----
  // Each popover follows its button, so that Tab goes from the button into it.
  const toolbar = h(doc, 'div', { class: 'kt-toolbar' },
    backButton, toolbarTitle, h(doc, 'span', { class: 'kt-spacer' }),
    appearanceButton, appearance, listenButton, removedButton, exportButton, exportMenu);
  const top = h(doc, 'header', { class: 'kt-top', ariaLabel: 'Reader view controls' }, toolbar, speechbar);
  doc.body.prepend(top);
  doc.body.append(drawer, toast);

  // ---- panels (one open at a time) ----
  const panels = [
    { name: 'appearance', button: appearanceButton, el: appearance },
    { name: 'export', button: exportButton, el: exportMenu },
    { name: 'removed', button: removedButton, el: drawer },
  ];
  let open = null;

  function openPanel(name) {
    const panel = panels.find((p) => p.name === name);
    if (open === panel) return;
    closePanel(false);
    open = panel;
    panel.el.hidden = false;
    panel.button.setAttribute('aria-expanded', 'true');
    doc.documentElement.dataset.panel = name;
    const first = panel.el.querySelector('input:checked, button:not([disabled]), summary, [tabindex="-1"]');
    (panel.name === 'removed' ? panel.el : first ?? panel.el).focus({ preventScroll: true });
  }

  /** Closes the open panel; `refocus` puts focus back on its button. */
  function closePanel(refocus) {
    if (!open) return false;
    const panel = open;
    open = null;
    panel.el.hidden = true;
    panel.button.setAttribute('aria-expanded', 'false');
    delete doc.documentElement.dataset.panel;
    if (refocus) panel.button.focus({ preventScroll: true });
    return true;
  }

  for (const panel of panels) {
    panel.button.addEventListener('click', () => {
      if (open === panel) closePanel(true);
      else openPanel(panel.name);
    });
  }
  doc.addEventListener('pointerdown', (event) => {
    if (!open) return;
    if (open.el.contains(event.target) || open.button.contains(event.target)) return;
    closePanel(false);
  });

  // ---- settings ----
  function syncControls() {
    for (const [name, inputs] of Object.entries(radios)) {
      for (const input of inputs) input.checked = input.value === String(settings[name]);
    }
    sizeOutput.value = `${settings.fontSize} px`;
    sizeOutput.textContent = `${settings.fontSize} px`;
    smaller.disabled = stepFontSize(settings.fontSize, -1) === settings.fontSize;
    larger.disabled = stepFontSize(settings.fontSize, +1) === settings.fontSize;
    rateSelect.value = String(settings.rate);
    if ([...voiceSelect.options].some((o) => o.value === settings.voice)) voiceSelect.value = settings.voice;
  }

  function apply() {
    applySettings(doc, settings);
    syncControls();
  }

  /** Changes settings, applies them at once, and saves them. */
  function update(patch) {
    const next = normalizeSettings({ ...settings, ...patch });
    if (JSON.stringify(next) === JSON.stringify(settings)) return;
    settings = next;
    apply();
    scheduleSave();
  }

  // Saved at once, but at most every 500 ms (storage.sync limits writes per minute);
  // a pending save is written when the view goes away.
  let lastSave = 0;
  let pendingSave = false;
  /** What this view saved lately: storage echoes our own writes back as changes. */
  const recentSaves = [];
  function scheduleSave() {
    pendingSave = true;
    clearTimeout(saveTimer);
    const wait = lastSave + 500 - Date.now();
    if (wait <= 0) flushSave();
    else saveTimer = setTimeout(flushSave, wait);
  }
  /** Writes a pending save now; resolves when the store has it (at once if none). */
  function flushSave() {
    clearTimeout(saveTimer);
    if (!pendingSave) return Promise.resolve();
    pendingSave = false;
    lastSave = Date.now();
    recentSaves.push(JSON.stringify(settings));
    if (recentSaves.length > 8) recentSaves.shift();
    return Promise.resolve(host.saveSettings?.(settings)).catch((err) => console.error('klartext: saving settings', err));
  }
  win.addEventListener('pagehide', flushSave);
  // Leaving the view removes its frame, and a write started in pagehide may not finish
  // then: a change made just before leaving is saved first (waiting at most 500 ms).
  let leaving = false;
  backButton?.addEventListener('click', leave);
  function leave() {
    if (leaving) return;
    leaving = true;
    Promise.race([flushSave(), new Promise((done) => setTimeout(done, 500))])
      .finally(() => { leaving = false; host.close?.(); });
  }

  // ---- keyboard ----
  doc.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      if (event.repeat) return;
      event.preventDefault();
      if (closePanel(true)) return;
      leave();
      return;
    }
    if (isTyping(event.target)) return;
    if (event.key === '+' || event.key === '=') {
      event.preventDefault();
      update({ fontSize: stepFontSize(settings.fontSize, +1) });
      say(`Text size ${settings.fontSize} px`);
    } else if (event.key === '-' || event.key === '_') {
      event.preventDefault();
      update({ fontSize: stepFontSize(settings.fontSize, -1) });
      say(`Text size ${settings.fontSize} px`);
    } else if (event.key === 't' || event.key === 'T') {
      event.preventDefault();
      update({ theme: nextTheme(settings.theme) });
      say(`Theme: ${LABELS.theme[settings.theme]}`);
    }
  });

  // ---- export actions ----
  async function getMarkdown() {
    if (!article) throw new Error('no article');
    markdown ??= Promise.resolve(host.toMarkdown(article));
    const text = await markdown;
    if (typeof text !== 'string') throw new Error('no Markdown');
    return text;
  }
  const fail = (what) => (err) => {
    console.error(`klartext: ${what}`, err);
    say(`${what} failed: ${err?.message ?? err}`);
  };
  copyMd.addEventListener('click', () => {
    getMarkdown()
      .then((text) => copyText(doc, text))
      .then((ok) => {
        say(ok ? 'Copied as Markdown.' : 'The browser refused to copy.');
        if (ok) closePanel(true);
      })
      .catch(fail('Copy'));
  });
  saveMd.addEventListener('click', () => {
    getMarkdown()
      .then((text) => {
        download(doc, `${fileStem(article.title)}.md`, text, 'text/markdown');
        say('Saved as Markdown.');
        closePanel(true);
      })
      .catch(fail('Saving'));
  });
  saveHtml.addEventListener('click', () => {
    try {
      const page = buildHtmlDocument(articleEl, {
        title: article?.title, lang: article?.lang, dir: article?.dir, sourceUrl, settings,
      });
      download(doc, `${fileStem(article?.title)}.html`, page, 'text/html');
      say('Saved as HTML.');
      closePanel(true);
    } catch (err) {
      fail('Saving')(err);
    }
  });
  printItem.addEventListener('click', () => {
    closePanel(false);
    win.print();
  });

  // ---- the title in the toolbar once the header has scrolled away ----
  if (typeof win.IntersectionObserver === 'function') {
    let watched = null;
    const observer = new win.IntersectionObserver(([entry]) => {
      doc.documentElement.classList.toggle('kt-scrolled', !entry.isIntersecting);
    }, { rootMargin: '-60px 0px 0px 0px' });
    const watch = () => {
      const title = articleEl.querySelector('.kt-title');
      if (title && title !== watched) {
        if (watched) observer.unobserve(watched);
        observer.observe(title);
        watched = title;
      }
    };
    new win.MutationObserver(watch).observe(articleEl, { childList: true });
  }

  // ---- settings at start ----
  const ready = Promise.resolve()
    .then(() => host.loadSettings?.())
    .then((stored) => {
      settings = normalizeSettings({ ...DEFAULTS, ...(stored ?? {}) });
    })
    .catch((err) => console.error('klartext: loading settings', err))
    .finally(apply);
  // Changes made in another view (another tab, another device) apply here at once;
  // echoes of this view's own writes, and changes older than a pending one, do not.
  host.onSettingsChanged?.((stored) => {
    const incoming = normalizeSettings({ ...DEFAULTS, ...(stored ?? {}) });
    const json = JSON.stringify(incoming);
    if (pendingSave || recentSaves.includes(json) || json === JSON.stringify(settings)) return;
    settings = incoming;
    apply();
  });

  // ---- showing an article ----
  function show(next, options = {}) {
    speaker.stop();
    closePanel(false);
    article = next;
    sourceUrl = options.sourceUrl ?? null;
    markdown = null;
    renderArticle(articleEl, article, { sourceUrl, onOriginal: host.close ? leave : undefined });
    articleEl.removeAttribute('aria-busy');
    articleEl.classList.remove('kt-error');
    doc.documentElement.lang = article.lang || '';
    doc.documentElement.dir = article.dir === 'rtl' ? 'rtl' : 'ltr';
    doc.title = article.title ? `${article.title} — Reader view` : 'Reader view';
    toolbarTitle.textContent = article.title ?? '';

    renderRemoved({ pending: Boolean(options.removedBlocksLater) });

    const canMarkdown = typeof host.toMarkdown === 'function';
    for (const item of [copyMd, saveMd]) {
      item.disabled = !canMarkdown;
      item.title = canMarkdown ? '' : 'Markdown export needs a newer Klartext core';
    }
    for (const b of [listenButton, removedButton, exportButton]) b.disabled = false;
    listenButton.disabled = !speaker.supported;
    if (!speaker.supported) listenButton.title = 'This browser cannot read aloud';
    footer.textContent = options.footer ?? '';
    win.scrollTo(0, 0);
    return { removed: removedCounts(article) };
  }

  /** (Re)fills the Removed panel from `article`; `pending`: the blocks are on their way. */
  function renderRemoved({ pending = false } = {}) {
    const content = articleEl.querySelector('.kt-content');
    const { total } = renderRemovedPanel(removedBody, article, {
      content,
      sourceUrl,
      pending,
      onShowInArticle: (box) => {
        if (win.matchMedia('(max-width: 720px)').matches) closePanel(false);
        box.scrollIntoView({ block: 'center', behavior: 'smooth' });
        box.focus({ preventScroll: true });
      },
    });
    removedCount.textContent = String(total);
    removedButton.setAttribute('aria-label', `Removed from this page: ${total} ${total === 1 ? 'block' : 'blocks'}`);
    removedButton.dataset.total = String(total);
  }

  /** The removed blocks of the article on show, when they come after it (null: none). */
  function setRemovedBlocks(blocks) {
    if (!article) return;
    if (Array.isArray(blocks)) article = { ...article, removedBlocks: blocks };
    renderRemoved();
  }

  function showError(title, detail) {
    speaker.stop();
    article = null;
    articleEl.replaceChildren(h(doc, 'h1', {}, title), h(doc, 'p', { class: 'kt-status' }, detail));
    articleEl.classList.add('kt-error');
    articleEl.removeAttribute('aria-busy');
    for (const b of [listenButton, removedButton, exportButton]) b.disabled = true;
  }

  return {
    show,
    setRemovedBlocks,
    showError,
    ready,
    get settings() {
      return settings;
    },
    update,
    speaker,
    focusArticle: () => main.focus({ preventScroll: true }),
  };
}
