// Messages and storage keys shared by the background worker, the reader page and
// the functions injected into tabs. Every message carries `type`; the background
// ignores anything it does not recognise.

/** reader page or page-side Esc handler → background: leave the reader view. */
export const MSG_CLOSE = 'klartext/close';

/** reader page → background: the record of view `token` ({tabId, url, article, error, timing, core}). */
export const MSG_GET_VIEW = 'klartext/get-view';

/** storage.session key of one reader view's record (the token is random, per view). */
export const viewKey = (token) => `view:${token}`;

/** storage.session key mapping a tab to the token of its open reader view. */
export const tabKey = (tabId) => `tab:${tabId}`;

/** The tag of the element that hosts the reader iframe in the page. */
export const HOST_TAG = 'klartext-reader';

/** reader page → background: the article of view `token` as Markdown ({markdown} or {error}). */
export const MSG_MARKDOWN = 'klartext/markdown';

/** reader page → background: the removed blocks of view `token` ({blocks}; null: no such view). */
export const MSG_REMOVED = 'klartext/removed';
