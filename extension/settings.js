// Reader settings: the allowed values, validation of whatever storage returns, and
// how a settings object is applied to a document (data attributes and CSS custom
// properties on <html>; reader.css does the rest). Shared by the extension's reader
// page and the www/ demo; each supplies its own store (storage.sync, localStorage).

export const THEMES = ['light', 'sepia', 'dark', 'auto'];
export const FONTS = ['serif', 'sans', 'mono'];
/** Text sizes in CSS px; the +/- buttons and keys step through them. */
export const FONT_SIZES = [14, 15, 16, 17, 18, 20, 22, 24, 27, 30, 34, 40];
export const LINE_HEIGHTS = [1.35, 1.6, 1.85, 2.1];
export const WIDTHS = ['narrow', 'medium', 'wide', 'full'];
export const RATES = [0.75, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2];

export const LABELS = {
  theme: { light: 'Light', sepia: 'Sepia', dark: 'Dark', auto: 'Auto' },
  font: { serif: 'Serif', sans: 'Sans', mono: 'Mono' },
  lineHeight: { 1.35: 'Tight', 1.6: 'Normal', 1.85: 'Relaxed', 2.1: 'Loose' },
  width: { narrow: 'Narrow', medium: 'Medium', wide: 'Wide', full: 'Full' },
};

export const DEFAULTS = Object.freeze({
  theme: 'auto',
  font: 'serif',
  fontSize: 20,
  lineHeight: 1.6,
  width: 'medium',
  /** voiceURI of the read-aloud voice; '' picks one for the article's language. */
  voice: '',
  rate: 1,
});

/** The storage key (storage.sync in the extension, localStorage in the demo). */
export const SETTINGS_KEY = 'readerSettings';

const pick = (value, allowed, fallback) => (allowed.includes(value) ? value : fallback);

/** A complete, valid settings object from anything (unknown keys and bad values dropped). */
export function normalizeSettings(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  return {
    theme: pick(s.theme, THEMES, DEFAULTS.theme),
    font: pick(s.font, FONTS, DEFAULTS.font),
    fontSize: pick(s.fontSize, FONT_SIZES, DEFAULTS.fontSize),
    lineHeight: pick(s.lineHeight, LINE_HEIGHTS, DEFAULTS.lineHeight),
    width: pick(s.width, WIDTHS, DEFAULTS.width),
    voice: typeof s.voice === 'string' && s.voice.length < 300 ? s.voice : DEFAULTS.voice,
    rate: pick(s.rate, RATES, DEFAULTS.rate),
  };
}

/** The next text size up (step > 0) or down (step < 0), clamped to the list. */
export function stepFontSize(size, step) {
  let i = FONT_SIZES.indexOf(size);
  if (i < 0) i = FONT_SIZES.indexOf(DEFAULTS.fontSize);
  return FONT_SIZES[Math.min(FONT_SIZES.length - 1, Math.max(0, i + Math.sign(step)))];
}

/** The theme after `theme` in THEMES order (light → sepia → dark → auto → light). */
export function nextTheme(theme) {
  return THEMES[(THEMES.indexOf(theme) + 1) % THEMES.length];
}

/** Applies `settings` to `doc` at once: no reload, no re-render. */
export function applySettings(doc, settings) {
  const root = doc.documentElement;
  root.dataset.theme = settings.theme;
  root.dataset.font = settings.font;
  root.dataset.width = settings.width;
  root.style.setProperty('--kt-font-size', `${settings.fontSize}px`);
  root.style.setProperty('--kt-line-height', String(settings.lineHeight));
}

/** The page colour of a theme, for the frame behind the reader before it has loaded. */
export function themeBackground(theme, prefersDark) {
  const dark = theme === 'dark' || (theme === 'auto' && prefersDark);
  if (dark) return '#1b1a18';
  return theme === 'sepia' ? '#f4ecd8' : '#fbfaf7';
}
