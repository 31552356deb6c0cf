// End-to-end tests of the reader view's features in headless Chromium, through the
// real extension (a test copy with host permission for 127.0.0.1, so that the test
// can toggle without the user gesture activeTab needs):
//   settings (apply at once, persist across a reload), themes and keyboard, the
//   removed panel, Markdown and HTML export, read aloud (speechSynthesis stubbed at
//   the browser boundary: headless Chromium has no voices), right-to-left pages,
//   layouts from 320 px to 4K, print styles, the readerable hint on the toolbar
//   button, and screenshots in test-artifacts/reader-*.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE, artifacts, assertInOrder, launchChromiumWithExtension, normalise } from './lib.mjs';

const BG = { light: 'rgb(251, 250, 247)', sepia: 'rgb(244, 236, 216)', dark: 'rgb(27, 26, 24)' };

const style = (frame) => frame.evaluate(() => {
  const html = getComputedStyle(document.documentElement);
  const article = getComputedStyle(document.getElementById('kt-article'));
  return {
    theme: document.documentElement.dataset.theme,
    background: html.backgroundColor,
    color: html.color,
    rootFontSize: html.fontSize,
    fontFamily: article.fontFamily,
    lineHeight: parseFloat(article.lineHeight) / parseFloat(article.fontSize),
    articleWidth: document.getElementById('kt-article').getBoundingClientRect().width,
  };
});

describe('Klartext reader view features in Chromium', () => {
  let browser;

  before(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromiumWithExtension('extension-under-test-reader');
  });

  after(async () => {
    await browser?.close();
  });

  test('settings apply at once and persist across a reload (storage.sync)', async () => {
    const { page, frame, tabId, errors } = await browser.open('/fixture/article.html');
    const start = await style(frame);
    assert.equal(start.theme, 'auto');
    assert.match(start.fontFamily, /Iowan Old Style/);
    assert.equal(start.rootFontSize, '20px');

    await frame.click('#kt-appearance-button');
    assert.equal(await frame.getAttribute('#kt-appearance-button', 'aria-expanded'), 'true');
    await frame.locator('#kt-font-sans').check();
    await frame.click('#kt-larger');
    await frame.click('#kt-larger');
    await frame.locator('#kt-theme-sepia').check();
    await frame.locator('#kt-lineHeight-1_85').check();
    await frame.locator('#kt-width-narrow').check();
    const changed = await style(frame);
    assert.match(changed.fontFamily, /system-ui/, 'sans applies at once');
    assert.equal(changed.rootFontSize, '24px', 'two steps larger: 20 → 22 → 24 px');
    assert.equal(changed.background, BG.sepia, 'sepia applies at once');
    assert.ok(Math.abs(changed.lineHeight - 1.85) < 0.01, `line height ${changed.lineHeight}`);
    assert.ok(changed.articleWidth < start.articleWidth, 'narrow column');
    assert.equal(await frame.textContent('#kt-size-value'), '24 px');

    // Saved (debounced) to storage.sync.
    let stored;
    for (let i = 0; i < 40; i++) {
      stored = await browser.sw.evaluate(async () => (await chrome.storage.sync.get('readerSettings')).readerSettings);
      if (stored?.fontSize === 24 && stored?.width === 'narrow') break;
      await page.waitForTimeout(100);
    }
    assert.deepEqual(
      { theme: stored.theme, font: stored.font, fontSize: stored.fontSize, lineHeight: stored.lineHeight, width: stored.width },
      { theme: 'sepia', font: 'sans', fontSize: 24, lineHeight: 1.85, width: 'narrow' },
    );

    // Close, reload the page, open again: the same settings.
    assert.equal((await browser.toggle(tabId)).state, 'closed');
    await page.reload({ waitUntil: 'load' });
    assert.equal((await browser.toggle(tabId)).state, 'open');
    const again = await style(await browser.readerFrame(page));
    assert.equal(again.theme, 'sepia');
    assert.equal(again.background, BG.sepia);
    assert.match(again.fontFamily, /system-ui/);
    assert.equal(again.rootFontSize, '24px');
    assert.ok(Math.abs(again.lineHeight - 1.85) < 0.01);
    assert.equal(again.articleWidth, changed.articleWidth);

    // Two quick changes and Esc at once: the last change is saved all the same.
    const frame2 = await browser.readerFrame(page);
    await frame2.locator('#kt-main').press('t'); // sepia → dark
    await frame2.locator('#kt-main').press('+');
    await frame2.locator('#kt-main').press('Escape');
    await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    let last;
    for (let i = 0; i < 40; i++) {
      last = await browser.sw.evaluate(async () => (await chrome.storage.sync.get('readerSettings')).readerSettings);
      if (last.fontSize === 27) break;
      await page.waitForTimeout(100);
    }
    assert.deepEqual([last.theme, last.fontSize], ['dark', 27]);

    // Reset for the other tests.
    assert.equal((await browser.toggle(tabId)).state, 'open');
    const frame3 = await browser.readerFrame(page);
    assert.equal((await style(frame3)).theme, 'dark');
    await frame3.click('#kt-appearance-button');
    await frame3.click('#kt-reset');
    const reset = await style(frame3);
    assert.equal(reset.theme, 'auto');
    assert.equal(reset.rootFontSize, '20px');
    await page.waitForTimeout(700);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a settings change in one reader view applies at once in another tab', async () => {
    const a = await browser.open('/fixture/article.html');
    const b = await browser.open('/fixture/article.html');
    await a.frame.locator('#kt-main').press('t'); // auto → light
    await a.frame.locator('#kt-main').press('t'); // light → sepia
    await b.frame.waitForFunction(() => document.documentElement.dataset.theme === 'sepia', null, { timeout: 5000 });
    assert.equal((await style(b.frame)).background, BG.sepia);
    await b.frame.locator('#kt-main').press('+');
    await a.frame.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === '22px', null, { timeout: 5000 });
    await a.frame.click('#kt-appearance-button');
    await a.frame.click('#kt-reset');
    await b.frame.waitForFunction(() => document.documentElement.dataset.theme === 'auto', null, { timeout: 5000 });
    assert.deepEqual([...a.errors, ...b.errors], []);
    await a.page.close();
    await b.page.close();
  });

  test('themes: light, sepia, dark, auto follows the OS; t cycles; + and - size; Esc closes panel, then view', async () => {
    const { page, frame, errors } = await browser.open('/fixture/article.html');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal((await style(frame)).background, BG.light, 'auto + light OS');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal((await style(frame)).background, BG.dark, 'auto + dark OS');
    await page.emulateMedia({ colorScheme: 'light' });

    await frame.locator('#kt-main').focus();
    const seen = [];
    for (let i = 0; i < 4; i++) {
      await frame.locator('#kt-main').press('t');
      const s = await style(frame);
      seen.push([s.theme, s.background]);
    }
    assert.deepEqual(seen, [
      ['light', BG.light], ['sepia', BG.sepia], ['dark', BG.dark], ['auto', BG.light],
    ]);
    await frame.locator('#kt-main').press('+');
    assert.equal((await style(frame)).rootFontSize, '22px');
    await frame.locator('#kt-main').press('-');
    await frame.locator('#kt-main').press('-');
    assert.equal((await style(frame)).rootFontSize, '18px');
    await frame.locator('#kt-main').press('=');
    assert.equal((await style(frame)).rootFontSize, '20px');

    // Esc: first the open panel (focus back on its button), then the view.
    await frame.click('#kt-appearance-button');
    await frame.locator('#kt-appearance input:checked').first().press('Escape');
    assert.equal(await frame.isHidden('#kt-appearance'), true);
    assert.equal(await frame.evaluate(() => document.activeElement.id), 'kt-appearance-button');
    assert.ok(await page.$('klartext-reader'), 'the view is still open');
    await frame.locator('#kt-appearance-button').press('Escape');
    await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the Back button returns to the page; a change made just before is kept', async () => {
    const { page, frame, tabId, errors } = await browser.open('/fixture/article.html');
    const start = (await style(frame)).theme;
    const order = ['light', 'sepia', 'dark', 'auto'];
    const expected = order[(order.indexOf(start) + 2) % order.length];
    await frame.locator('#kt-main').press('t'); // saved at once
    await frame.locator('#kt-main').press('t'); // saved within 500 ms, or on leaving
    await frame.click('#kt-close');
    await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    const stored = await browser.sw.evaluate(async () => (await chrome.storage.sync.get('readerSettings')).readerSettings);
    assert.equal(stored.theme, expected, 'the second change was saved before the view closed');
    assert.equal((await browser.toggle(tabId)).state, 'open');
    const again = await browser.readerFrame(page);
    await again.waitForFunction((t) => document.documentElement.dataset.theme === t, expected, { timeout: 5000 });
    // Back to the defaults for the other tests; the reset is saved when the view closes.
    await again.click('#kt-appearance-button');
    await again.click('#kt-reset');
    await again.click('#kt-close');
    await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    const reset = await browser.sw.evaluate(async () => (await chrome.storage.sync.get('readerSettings')).readerSettings);
    assert.equal(reset.theme, 'auto');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('keyboard and screen readers: labelled controls, focus order, landmarks', async () => {
    const { page, frame } = await browser.open('/fixture/article.html');
    const a11y = await frame.evaluate(() => {
      const name = (el) => (el.getAttribute('aria-label') || el.textContent || el.title || '').trim();
      const controls = [...document.querySelectorAll('button, select, input, a[href]')];
      const labelled = (el) => {
        if (el.tagName === 'INPUT' || el.tagName === 'SELECT') return Boolean(el.labels?.length || el.getAttribute('aria-label'));
        return name(el).length > 0;
      };
      return {
        unlabelled: controls.filter((el) => !labelled(el)).map((el) => el.outerHTML.slice(0, 80)),
        focused: document.activeElement.id,
        main: Boolean(document.querySelector('main')),
        header: document.querySelector('.kt-top')?.getAttribute('aria-label'),
        status: document.querySelector('[role=status]')?.getAttribute('aria-live'),
        expanded: ['#kt-appearance-button', '#kt-removed-button', '#kt-export-button']
          .map((s) => document.querySelector(s).getAttribute('aria-expanded')),
      };
    });
    assert.deepEqual(a11y.unlabelled, [], 'every control has an accessible name');
    assert.equal(a11y.focused, 'kt-main', 'the article has focus when the view opens');
    assert.ok(a11y.main && a11y.header && a11y.status === 'polite');
    assert.deepEqual(a11y.expanded, ['false', 'false', 'false']);
    // Shift+Tab from the article walks the toolbar backwards, in visual order.
    const order = [];
    await frame.locator('#kt-main').focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      order.push(await frame.evaluate(() => document.activeElement.id));
    }
    assert.deepEqual(order, ['kt-export-button', 'kt-removed-button', 'kt-listen-button', 'kt-appearance-button', 'kt-close']);
    // An open panel comes next in the Tab order after its button.
    await frame.locator('#kt-appearance-button').press('Enter');
    assert.equal(await frame.evaluate(() => document.activeElement.id), `kt-theme-${(await style(frame)).theme}`, 'focus moves into the panel, on the chosen theme');
    await frame.locator('#kt-appearance-button').focus();
    await page.keyboard.press('Tab');
    assert.equal(await frame.evaluate(() => document.activeElement.name), 'kt-theme', 'Tab goes from the button into its panel');
    await page.keyboard.press('Escape');
    assert.equal(await frame.isHidden('#kt-appearance'), true);
    await page.close();
  });

  test('removed panel: categories with counts, a removed block on demand, back in the article', async () => {
    const { page, frame, errors } = await browser.open('/fixture/article.html');
    assert.equal(await frame.textContent('#kt-removed-count'), '11');
    await frame.click('#kt-removed-button');
    assert.equal(await frame.isVisible('#kt-removed'), true);
    // The blocks come in a second reply after the article (the counts are there at once).
    await frame.waitForSelector('.kt-removed-item details', { state: 'attached', timeout: 10_000 });
    const panel = await frame.evaluate(() => ({
      summary: document.querySelector('.kt-removed-summary').textContent,
      groups: [...document.querySelectorAll('.kt-removed-group')].map((g) => [g.dataset.category, g.querySelector('h3 .kt-count').textContent, g.querySelectorAll('.kt-removed-item').length]),
      previews: document.querySelectorAll('.kt-removed-item details').length,
    }));
    assert.match(panel.summary, /11 blocks: 1 ad, 1 comment section, 1 related-links block, 1 share bar, 1 navigation block, 1 cookie banner, 5 other blocks/);
    assert.deepEqual(panel.groups, [
      ['ad', '1', 1], ['comments', '1', 1], ['related', '1', 1], ['share', '1', 1],
      ['nav', '1', 1], ['cookie', '1', 1], ['other', '5', 5],
    ]);
    // Each block the core reports can be opened; a block it only counted gets a line saying so.
    assert.ok(panel.previews >= 10 && panel.previews <= 11, `${panel.previews} blocks to open`);
    await page.screenshot({ path: join(artifacts, 'reader-removed-panel-1280.png') });

    // A block is rendered only when asked for, through the allowlist renderer.
    const ad = frame.locator('.kt-removed-group[data-category=ad] details');
    assert.equal(await ad.locator('.kt-removed-preview').evaluate((el) => el.childNodes.length), 0);
    await ad.locator('summary').click();
    // Rendered on the toggle event.
    await frame.waitForFunction(() => document.querySelector('.kt-removed-group[data-category=ad] .kt-removed-preview').textContent.trim());
    const preview = await ad.locator('.kt-removed-preview').evaluate((el) => ({
      text: el.textContent, html: el.innerHTML,
    }));
    assert.match(preview.text, /Buy the FerryMax 3000 today!/);
    assert.doesNotMatch(preview.html, /<script|onclick|style=/i);

    // Comments: removed from within the page's main column; shown back in the article.
    const related = frame.locator('.kt-removed-group[data-category=share] .kt-show-in-article');
    await related.click();
    // Scrolled into view (smoothly) and focused.
    await frame.waitForFunction(() => {
      const box = document.querySelector('.kt-content .kt-removed-inline');
      const r = box?.getBoundingClientRect();
      return r && r.top >= 0 && r.bottom <= innerHeight;
    }, null, { timeout: 5000 });
    const inline = await frame.evaluate(() => {
      const box = document.querySelector('.kt-content .kt-removed-inline');
      return box && {
        text: box.textContent,
        before: box.previousElementSibling?.textContent ?? '',
        after: box.nextElementSibling?.textContent ?? '',
        focused: document.activeElement === box,
      };
    });
    assert.ok(inline, 'the block is shown in the article');
    assert.match(inline.text, /Share on Facebook/);
    assert.match(inline.before, /The last of them, Henrik Aasen/, 'where it stood: after the second paragraph');
    assert.match(inline.after, /Aasen, who is seventy-one/);
    assert.equal(inline.focused, true);
    await page.screenshot({ path: join(artifacts, 'reader-removed-inline-1280.png') });
    assert.equal(await related.getAttribute('aria-pressed'), 'true');
    await related.click();
    assert.equal(await frame.locator('.kt-content .kt-removed-inline').count(), 0, 'hidden again');
    await frame.locator('#kt-removed').press('Escape');
    assert.equal(await frame.isHidden('#kt-removed'), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('export: copy as Markdown (clipboard), save as Markdown, save as self-contained HTML', async () => {
    const { page, frame, errors } = await browser.open('/fixture/article.html');
    await browser.ctx.grantPermissions(['clipboard-read', 'clipboard-write']);

    await frame.click('#kt-export-button');
    await frame.click('#kt-copy-markdown');
    await frame.waitForFunction(() => document.getElementById('kt-toast').textContent.includes('Copied'));
    // Read back what reached the system clipboard, from the page (a different origin).
    await page.bringToFront();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /^# The Last Keepers of the Northern Light\n/);
    assertInOrder(clip, FIXTURE.inOrder, 'clipboard Markdown');
    for (const s of ['FerryMax', 'Share on Facebook', 'Leave a comment', '<script']) {
      assert.ok(!clip.includes(s), `Markdown without "${s}"`);
    }
    assert.match(clip, /^> You do not keep a light/m, 'blockquote as Markdown');
    assert.match(clip, /^## A life measured in watches$/m, 'heading as Markdown');

    await frame.click('#kt-export-button');
    const [mdDownload] = await Promise.all([page.waitForEvent('download'), frame.click('#kt-save-markdown')]);
    assert.equal(mdDownload.suggestedFilename(), 'the-last-keepers-of-the-northern-light.md');
    const md = readFileSync(await mdDownload.path(), 'utf8');
    assert.equal(md, clip, 'the saved Markdown is what was copied');

    await frame.click('#kt-export-button');
    const [htmlDownload] = await Promise.all([page.waitForEvent('download'), frame.click('#kt-save-html')]);
    assert.equal(htmlDownload.suggestedFilename(), 'the-last-keepers-of-the-northern-light.html');
    const html = readFileSync(await htmlDownload.path(), 'utf8');
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<style>[^]*\.kt-title[^]*<\/style>/, 'inline CSS');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.doesNotMatch(html, /<script|\son[a-z]+=|javascript:|<link|<iframe/i, 'no scripts, handlers or external styles');
    assert.doesNotMatch(html, /FerryMax|kt-toolbar|kt-removed/);
    assertInOrder(html.replace(/<[^>]+>/g, ' '), FIXTURE.inOrder, 'saved HTML');
    // The saved page renders on its own, with no request beyond its images.
    const saved = await browser.ctx.newPage();
    const requests = [];
    saved.on('request', (r) => requests.push(r.url()));
    await saved.setContent(html.replace(/<img[^>]*>/g, ''));
    assert.equal(normalise(await saved.textContent('h1')), FIXTURE.title);
    assert.deepEqual(requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank'), []);
    await saved.screenshot({ path: join(artifacts, 'reader-saved-html.png') });
    await saved.close();
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('read aloud: plays sentence by sentence, highlights and follows, pause/resume/stop, speed', async () => {
    const { page, frame, errors } = await browser.open('/fixture/article.html', { width: 1280, height: 700 });
    // The browser boundary: a fake speechSynthesis that records utterances and ends
    // one only when the test says so.
    await frame.evaluate(() => {
      const log = [];
      let current = null;
      const fake = {
        getVoices: () => [],
        speak(u) {
          current = u;
          log.push({ text: u.text, rate: u.rate, lang: u.lang });
          setTimeout(() => u.onstart?.({}), 0);
        },
        cancel() {
          const u = current;
          current = null;
          if (u) setTimeout(() => u.onerror?.({ error: 'interrupted' }), 0);
        },
        pause() {},
        resume() {},
        addEventListener() {},
        removeEventListener() {},
      };
      Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
      window.__speech = {
        log,
        end() {
          const u = current;
          current = null;
          u?.onend?.({});
        },
        highlighted: () => CSS.highlights.get('kt-speech') ? [...CSS.highlights.get('kt-speech')][0].toString() : null,
      };
    });
    const state = () => frame.evaluate(() => ({
      spoken: window.__speech.log.map((u) => u.text),
      last: window.__speech.log.at(-1),
      highlighted: window.__speech.highlighted(),
      progress: document.getElementById('kt-speech-progress').textContent,
      bar: !document.getElementById('kt-speechbar').hidden,
      status: document.documentElement.dataset.speech,
    }));

    await frame.click('#kt-listen-button');
    let s = await state();
    assert.equal(s.status, 'playing');
    assert.equal(s.bar, true, 'the read-aloud bar shows');
    assert.equal(s.spoken[0], FIXTURE.title, 'starts with the title');
    assert.equal(s.highlighted, s.spoken[0], 'the sentence being read is highlighted');
    assert.equal(s.last.lang, 'en');
    await page.screenshot({ path: join(artifacts, 'reader-read-aloud-1280.png') });

    await frame.evaluate(() => window.__speech.end());
    s = await state();
    assert.equal(s.spoken[1], 'The lighthouse at dusk, seen from the harbour wall.', 'then the caption');
    await frame.evaluate(() => window.__speech.end());
    await frame.evaluate(() => window.__speech.end());
    s = await state();
    assert.equal(s.spoken.length, 4);
    assert.equal(s.spoken[2], 'For one hundred and twelve years, a keeper climbed the spiral stairs of the Skarvholm lighthouse every evening at dusk, trimmed the wick and wound the clockwork that turned the great lens through the night.');
    assert.equal(s.highlighted, s.spoken[3]);
    assert.match(s.progress, /^4 \/ \d+$/);

    // Pause and resume: the sentence is spoken again from its start.
    await frame.click('#kt-speech-toggle');
    s = await state();
    assert.equal(s.status, 'paused');
    assert.match(s.progress, /^Paused · 4 \//);
    assert.equal(s.highlighted, s.spoken[3], 'the highlight stays while paused');
    await frame.click('#kt-speech-toggle');
    s = await state();
    assert.equal(s.status, 'playing');
    assert.equal(s.spoken.length, 5);
    assert.equal(s.spoken[4], s.spoken[3]);

    // Speed: applies to the sentence being read, and is saved.
    await frame.selectOption('#kt-rate', '1.5');
    await frame.waitForFunction(() => window.__speech.log.at(-1).rate === 1.5);
    s = await state();
    assert.equal(s.last.text, s.spoken[3], 'the same sentence again, faster');

    // Kept in view: read on until the sentence is far below the first screen.
    for (let i = 0; i < 12; i++) await frame.evaluate(() => window.__speech.end());
    const view = await frame.evaluate(() => {
      const range = [...CSS.highlights.get('kt-speech')][0];
      const rect = range.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, height: innerHeight, scrollY: Math.round(scrollY), docTop: rect.top + scrollY };
    });
    assert.ok(view.docTop > 700, `the sentence is below the first screen (${view.docTop})`);
    assert.ok(view.scrollY > 0, 'the view scrolled along');
    // Smooth scrolling may still be under way; wait for it to settle.
    await frame.waitForFunction(() => {
      const r = [...CSS.highlights.get('kt-speech')][0].getBoundingClientRect();
      return r.top >= 60 && r.bottom <= innerHeight;
    }, null, { timeout: 5000 });
    await page.screenshot({ path: join(artifacts, 'reader-read-aloud-followed-1280.png') });

    await frame.click('#kt-speech-stop');
    s = await state();
    assert.equal(s.status, 'idle');
    assert.equal(s.bar, false);
    assert.equal(s.highlighted, null, 'no highlight after stop');
    assert.equal(await frame.evaluate(() => document.querySelectorAll('.kt-reading').length), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('screenshots: light and dark at 390 px and 1280 px, sepia, 320 px and 4K without overflow', async () => {
    const shots = [
      { name: 'light-390', width: 390, height: 844, theme: 'light' },
      { name: 'dark-390', width: 390, height: 844, theme: 'dark' },
      { name: 'light-1280', width: 1280, height: 800, theme: 'light' },
      { name: 'dark-1280', width: 1280, height: 800, theme: 'dark' },
      { name: 'sepia-1280', width: 1280, height: 800, theme: 'sepia' },
      { name: 'light-320', width: 320, height: 640, theme: 'light' },
      { name: 'dark-3840', width: 3840, height: 2160, theme: 'dark' },
    ];
    const { page, frame, errors } = await browser.open('/fixture/article.html');
    for (const shot of shots) {
      await page.setViewportSize({ width: shot.width, height: shot.height });
      await frame.evaluate((theme) => {
        document.getElementById(`kt-theme-${theme}`).click();
        window.scrollTo(0, 0);
      }, shot.theme);
      await page.waitForTimeout(150);
      const layout = await frame.evaluate(() => {
        const doc = document.documentElement;
        const article = document.getElementById('kt-article').getBoundingClientRect();
        const buttons = [...document.querySelectorAll('.kt-toolbar > .kt-button')].map((b) => b.getBoundingClientRect());
        return {
          scrollWidth: doc.scrollWidth,
          clientWidth: doc.clientWidth,
          articleLeft: article.left,
          articleRight: article.right,
          fontSize: parseFloat(getComputedStyle(doc).fontSize),
          toolbarFits: buttons.every((r) => r.left >= 0 && r.right <= doc.clientWidth + 0.5),
          toolbarRows: new Set(buttons.map((r) => Math.round(r.top))).size,
        };
      });
      assert.ok(layout.scrollWidth <= layout.clientWidth, `${shot.name}: no horizontal scrolling (${layout.scrollWidth} > ${layout.clientWidth})`);
      assert.ok(layout.toolbarFits, `${shot.name}: the toolbar fits`);
      assert.equal(layout.toolbarRows, 1, `${shot.name}: the toolbar is one row`);
      const margin = (layout.clientWidth - (layout.articleRight - layout.articleLeft)) / 2;
      assert.ok(Math.abs(layout.articleLeft - margin) < 2, `${shot.name}: the column is centred`);
      if (shot.width >= 3840) assert.ok(layout.fontSize >= 30, `4K: text scaled up (${layout.fontSize}px)`);
      if (shot.width <= 390) assert.ok(layout.fontSize >= 17, `phone: readable text (${layout.fontSize}px)`);
      await page.screenshot({ path: join(artifacts, `reader-${shot.name}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await frame.click('#kt-appearance-button');
    await page.screenshot({ path: join(artifacts, 'reader-appearance-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(artifacts, 'reader-appearance-390.png') });
    await frame.click('#kt-theme-auto');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('print stylesheet: only the article, black on white', async () => {
    const { page, frame } = await browser.open('/fixture/article.html');
    await frame.click('#kt-theme-dark').catch(async () => {
      await frame.click('#kt-appearance-button');
      await frame.click('#kt-theme-dark');
    });
    await page.emulateMedia({ media: 'print' });
    const printed = await frame.evaluate(() => ({
      toolbar: getComputedStyle(document.querySelector('.kt-top')).display,
      footer: getComputedStyle(document.getElementById('kt-footer')).display,
      background: getComputedStyle(document.documentElement).backgroundColor,
      color: getComputedStyle(document.documentElement).color,
      measure: getComputedStyle(document.getElementById('kt-article')).maxWidth,
    }));
    assert.deepEqual(printed, { toolbar: 'none', footer: 'none', background: 'rgb(255, 255, 255)', color: 'rgb(0, 0, 0)', measure: 'none' });
    await page.emulateMedia({ media: 'screen' });
    await frame.evaluate(() => document.getElementById('kt-theme-auto').click());
    await page.waitForTimeout(700);
    await page.close();
  });

  test('header: site, title, byline, formatted date, reading time, link to the original', async () => {
    const { page, frame, url } = await browser.open('/fixture/article.html');
    const header = await frame.evaluate(() => ({
      site: document.querySelector('.kt-site')?.textContent,
      title: document.querySelector('.kt-title')?.textContent,
      byline: document.querySelector('.kt-byline')?.textContent,
      date: document.querySelector('.kt-date')?.textContent,
      datetime: document.querySelector('.kt-date')?.getAttribute('datetime'),
      reading: document.querySelector('.kt-reading-time')?.textContent,
      original: document.querySelector('.kt-original')?.href,
      leadImages: document.querySelectorAll('.kt-lead').length,
      images: document.querySelectorAll('.kt-content img').length,
    }));
    assert.deepEqual(header, {
      site: 'Coastal Gazette',
      title: FIXTURE.title,
      byline: 'Marta Lindqvist',
      date: 'March 14, 2024',
      datetime: '2024-03-14T08:30:00Z',
      reading: '2 min read',
      original: url,
      leadImages: 0, // og:image is the figure's picture: shown once, in the body
      images: 1,
    });
    // The link to the original leaves the reader view (the original is right under it).
    await frame.click('.kt-original');
    await page.waitForFunction(() => !document.querySelector('klartext-reader'), null, { timeout: 10_000 });
    await page.close();
  });

  test('right-to-left article (Arabic fixture) is laid out right to left', async () => {
    const { page, frame, errors } = await browser.open('/core-fixtures/struct-rtl-arabic-ar.html');
    const rtl = await frame.evaluate(() => {
      const p = document.querySelector('.kt-content p');
      const title = document.querySelector('.kt-title').getBoundingClientRect();
      const article = document.getElementById('kt-article').getBoundingClientRect();
      return {
        dir: document.documentElement.dir,
        lang: document.documentElement.lang,
        direction: getComputedStyle(p).direction,
        titleHugsRight: Math.abs(title.right - article.right) < 2,
        backFlipped: getComputedStyle(document.querySelector('.kt-icon-back')).transform !== 'none',
        closeFirst: document.getElementById('kt-close').getBoundingClientRect().left > innerWidth / 2,
      };
    });
    assert.deepEqual(rtl, { dir: 'rtl', lang: 'ar', direction: 'rtl', titleHugsRight: true, backFlipped: true, closeFirst: true });
    await page.screenshot({ path: join(artifacts, 'reader-rtl-1280.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('readerable hint on the toolbar button: article vs. not an article', async () => {
    const page = await browser.ctx.newPage();
    const hint = async (path) => {
      const url = `${browser.http.origin}${path}`;
      await page.goto(url, { waitUntil: 'load' });
      const tabId = await browser.tabIdOf(url);
      // Decided on page load where the page may be read (here: the test copy's host
      // permission stands in for a page granted through activeTab).
      let result;
      for (let i = 0; i < 50; i++) {
        result = await browser.sw.evaluate(async (id) => ({
          badge: await chrome.action.getBadgeText({ tabId: id }),
          title: await chrome.action.getTitle({ tabId: id }),
        }), tabId);
        // The title and the badge are set by two calls: wait until both tell the same.
        const says = /looks like an article/.test(result.title);
        if (result.title.includes('article') && (result.badge === '✓') === says) break;
        await page.waitForTimeout(100);
      }
      return { ...result, tabId };
    };
    const article = await hint('/fixture/article.html');
    assert.equal(article.badge, '✓');
    assert.match(article.title, /looks like an article/);
    const login = await hint('/fixture/not-article.html');
    assert.equal(login.badge, '');
    assert.match(login.title, /does not look like an article/);
    // And when the user activates the extension (the same path as a click).
    await browser.sw.evaluate((id) => chrome.action.setTitle({ tabId: id, title: 'reset' }), login.tabId);
    assert.equal((await browser.toggle(login.tabId)).state, 'open');
    const after_ = await browser.sw.evaluate(async (id) => chrome.action.getTitle({ tabId: id }), login.tabId);
    assert.match(after_, /does not look like an article/);
    await page.close();
  });

  test('the reader never made a request beyond 127.0.0.1', () => {
    assert.deepEqual(browser.offsite, []);
  });
});
