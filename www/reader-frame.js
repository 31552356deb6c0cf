// The demo's reader view: the extension's own interface (lib/reader-ui.js, copied
// there by build.sh) with settings in localStorage instead of storage.sync. The
// demo page (same origin) calls window.klartextReader.show(article, options).

import { createReader } from './lib/reader-ui.js';
import { SETTINGS_KEY } from './lib/settings.js';

function stored() {
  try {
    return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null');
  } catch {
    return null;
  }
}

const host = {
  loadSettings: stored,
  saveSettings: (settings) => localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings)),
  onSettingsChanged: (fn) => {
    addEventListener('storage', (event) => {
      if (event.key === SETTINGS_KEY) fn(stored());
    });
  },
  toMarkdown: null,
};

const reader = createReader(document, host);

window.klartextReader = {
  ready: reader.ready,
  /** options: {sourceUrl, footer, toMarkdown(article) -> string} */
  show(article, options = {}) {
    host.toMarkdown = typeof options.toMarkdown === 'function' ? async (a) => options.toMarkdown(a) : null;
    return reader.show(article, options);
  },
  showError: (title, detail) => reader.showError(title, detail),
  get settings() {
    return reader.settings;
  },
};
document.documentElement.dataset.readerReady = 'yes';
