// One namespace for both browsers. Firefox exposes the promise-based `browser`;
// Chromium's MV3 `chrome` returns promises for every API this extension uses.
export const ext = globalThis.browser ?? globalThis.chrome;
