// Read aloud with the Web Speech API: the article is cut into sentences (DOM ranges),
// spoken one utterance per sentence, the sentence being read highlighted (CSS Custom
// Highlight API, or a class on its block where that API is missing) and kept in view.
//
// One utterance per sentence rather than one for the whole text: boundary events are
// missing for many voices, and Chromium stops long utterances after some seconds.
// Pause cancels the current utterance and resume speaks that sentence again, which
// behaves the same with every engine (speechSynthesis.pause() does not).

const HIGHLIGHT = 'kt-speech';
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, dd, dt, figcaption, td, th, summary';
const CONTAINERS = 'div, section, article, header, figure, main, aside, table';
const SKIP = 'pre, .kt-site, .kt-meta, .kt-source, .kt-removed-inline, [hidden], [aria-hidden="true"]';

/** Splits `text` into sentences: [{start, end}] (UTF-16 offsets, trimmed). */
export function sentenceSpans(text, lang) {
  const spans = [];
  const push = (start, end) => {
    while (start < end && /\s/.test(text[start])) start += 1;
    while (end > start && /\s/.test(text[end - 1])) end -= 1;
    if (end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end))) spans.push({ start, end });
  };
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    let segmenter;
    try {
      segmenter = new Intl.Segmenter(lang || undefined, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    for (const { index, segment } of segmenter.segment(text)) push(index, index + segment.length);
    return spans;
  }
  const re = /[^.!?。！？]+(?:[.!?。！？]+["'”’)\]]*|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(m.index, m.index + m[0].length);
    if (!m[0].length) re.lastIndex += 1;
  }
  return spans;
}

/** The sentences under `root` in reading order: [{text, range, block}]. */
export function collectSentences(root, lang) {
  const doc = root.ownerDocument;
  const sentences = [];
  // Text nodes in document order, grouped into runs that share their nearest block.
  const runs = [];
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const block = n.parentElement.closest(BLOCKS) ?? n.parentElement.closest(CONTAINERS) ?? root;
    let run = runs.at(-1);
    if (!run || run.block !== block) {
      run = { block, nodes: [], text: '' };
      runs.push(run);
    }
    run.nodes.push({ node: n, start: run.text.length });
    run.text += n.data;
  }
  for (const { block, nodes, text } of runs) {
    for (const { start, end } of sentenceSpans(text, lang || block.closest('[lang]')?.lang)) {
      const range = doc.createRange();
      const a = locate(nodes, start, false);
      const b = locate(nodes, end, true);
      range.setStart(a.node, a.offset);
      range.setEnd(b.node, b.offset);
      sentences.push({ text: text.slice(start, end).replace(/\s+/g, ' '), range, block });
    }
  }
  return sentences;
}

function locate(nodes, offset, isEnd) {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const { node, start } = nodes[i];
    if (isEnd ? start < offset : start <= offset) return { node, offset: Math.min(offset - start, node.data.length) };
  }
  return { node: nodes[0].node, offset: 0 };
}

/**
 * The read-aloud controller. `root` holds the article; `getOptions()` returns
 * {voice, rate, lang} when a sentence starts; `onState(state)` hears every change:
 * {status: 'idle' | 'playing' | 'paused' | 'unsupported', index, total, text, error}.
 */
export class Speaker {
  constructor(root, { getOptions, onState, win = root.ownerDocument.defaultView } = {}) {
    this.root = root;
    this.win = win;
    this.getOptions = getOptions ?? (() => ({}));
    this.onState = onState ?? (() => {});
    this.sentences = [];
    this.index = 0;
    this.status = 'idle';
    this.generation = 0;
    this.fallbackBlock = null;
  }

  get synth() {
    return this.win.speechSynthesis ?? null;
  }

  get supported() {
    return Boolean(this.synth && typeof this.win.SpeechSynthesisUtterance === 'function');
  }

  /** Voices, those of `lang` first. */
  voices(lang) {
    const all = this.synth?.getVoices?.() ?? [];
    const base = (lang || '').toLowerCase().split('-')[0];
    const mine = all.filter((v) => base && v.lang?.toLowerCase().split(/[-_]/)[0] === base);
    return [...mine, ...all.filter((v) => !mine.includes(v))];
  }

  /** Starts at the first sentence in view (or at `from`), or resumes when paused. */
  play(from) {
    if (!this.supported) {
      this.setStatus('unsupported');
      return;
    }
    if (this.status === 'paused' && from == null) {
      this.status = 'playing';
      this.speak();
      return;
    }
    this.sentences = collectSentences(this.root, this.getOptions().lang);
    if (!this.sentences.length) {
      this.setStatus('idle', { error: 'There is no text to read.' });
      return;
    }
    this.index = Math.min(from ?? this.firstVisible(), this.sentences.length - 1);
    this.status = 'playing';
    this.speak();
  }

  pause() {
    if (this.status !== 'playing') return;
    this.generation += 1;
    this.status = 'paused';
    this.synth.cancel();
    this.emit();
  }

  toggle() {
    if (this.status === 'playing') this.pause();
    else this.play();
  }

  stop() {
    this.generation += 1;
    if (this.status === 'playing') this.synth?.cancel();
    this.index = 0;
    this.sentences = [];
    this.clearHighlight();
    this.setStatus('idle');
  }

  /** Re-speaks the current sentence with new options (voice, rate). */
  restartSentence() {
    if (this.status !== 'playing') return;
    const generation = ++this.generation;
    this.synth.cancel();
    // Chromium may drop an utterance queued in the same task as cancel().
    setTimeout(() => {
      if (generation === this.generation && this.status === 'playing') this.speak();
    }, 60);
  }

  speak() {
    const generation = ++this.generation;
    const sentence = this.sentences[this.index];
    if (!sentence) {
      this.stop();
      return;
    }
    const { voice, rate, lang } = this.getOptions();
    const utterance = new this.win.SpeechSynthesisUtterance(sentence.text);
    if (lang) utterance.lang = lang;
    if (voice) {
      const match = this.synth.getVoices().find((v) => v.voiceURI === voice);
      if (match) {
        utterance.voice = match;
        utterance.lang = match.lang;
      }
    }
    utterance.rate = rate || 1;
    utterance.onend = () => {
      if (generation !== this.generation || this.status !== 'playing') return;
      this.index += 1;
      if (this.index >= this.sentences.length) this.stop();
      else this.speak();
    };
    utterance.onerror = (event) => {
      if (generation !== this.generation) return;
      // 'interrupted' and 'canceled' come from our own cancel().
      if (event?.error === 'interrupted' || event?.error === 'canceled') return;
      this.generation += 1;
      this.status = 'paused';
      this.emit({ error: `Speech failed${event?.error ? ` (${event.error})` : ''}.` });
    };
    this.highlight(sentence);
    this.emit();
    this.synth.speak(utterance);
  }

  firstVisible() {
    const top = this.root.ownerDocument.defaultView.scrollY;
    if (top < 50) return 0;
    const i = this.sentences.findIndex((s) => s.range.getBoundingClientRect().top >= 80);
    return i < 0 ? 0 : i;
  }

  highlight(sentence) {
    const win = this.win;
    this.clearHighlight();
    if (win.CSS?.highlights && typeof win.Highlight === 'function') {
      win.CSS.highlights.set(HIGHLIGHT, new win.Highlight(sentence.range));
    }
    // Also mark the block: a visible cue where highlights are not supported, and
    // a hook for tests and styles.
    sentence.block.classList.add('kt-reading');
    this.fallbackBlock = sentence.block;
    keepInView(sentence.range, win);
  }

  clearHighlight() {
    this.win.CSS?.highlights?.delete(HIGHLIGHT);
    this.fallbackBlock?.classList.remove('kt-reading');
    this.fallbackBlock = null;
  }

  /** The range being read (for tests and the UI). */
  currentRange() {
    return this.status === 'idle' ? null : this.sentences[this.index]?.range ?? null;
  }

  setStatus(status, extra) {
    this.status = status;
    this.emit(extra);
  }

  emit(extra = {}) {
    const sentence = this.sentences[this.index];
    this.onState({
      status: this.status,
      index: this.index,
      total: this.sentences.length,
      text: this.status === 'idle' ? '' : sentence?.text ?? '',
      ...extra,
    });
  }
}

/** Scrolls so that `range` is comfortably visible below the sticky bars. */
function keepInView(range, win) {
  const rect = range.getBoundingClientRect();
  const doc = win.document;
  const bars = [...doc.querySelectorAll('.kt-toolbar, .kt-speechbar:not([hidden])')];
  const topInset = bars.reduce((max, el) => Math.max(max, el.getBoundingClientRect().bottom), 0) + 16;
  const bottomInset = win.innerHeight - 48;
  if (rect.top >= topInset && rect.bottom <= bottomInset) return;
  const reduce = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const target = win.scrollY + rect.top - Math.max(topInset, win.innerHeight * 0.3);
  win.scrollTo({ top: Math.max(0, target), behavior: reduce ? 'auto' : 'smooth' });
}
