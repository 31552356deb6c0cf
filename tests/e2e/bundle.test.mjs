// scripts/bundle.mjs, which joins the reader page's modules into extension/reader.bundle.js:
// the forms it accepts give the same values as the modules would, the forms it does not
// accept are refused with their reason, and the built file is the one the modules give now.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle } from '../../scripts/bundle.mjs';
import { repo } from './lib.mjs';

/** Writes `files` ({name: source}) to a fresh directory; returns its path. */
function modules(files) {
  const dir = mkdtempSync(join(tmpdir(), 'klartext-bundle-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  return dir;
}

/** Bundles `entry` of `files` and runs it as a module; returns what it left on `globalThis.out`. */
async function run(files, entry = 'main.js') {
  const dir = modules(files);
  try {
    const code = bundle(join(dir, entry));
    delete globalThis.out;
    await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    return globalThis.out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function refused(files, reason) {
  const dir = modules(files);
  try {
    assert.throws(() => bundle(join(dir, 'main.js')), reason);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/bundle.mjs', () => {
  test('named imports (aliased, over several lines) see the exporting modules, evaluated once, dependencies first', async () => {
    const out = await run({
      'log.js': "export const order = [];\nexport function note(x) { order.push(x); }\n",
      'a.js': "import { note } from './log.js';\nnote('a');\nexport const A = 1;\nexport async function later() { return 'done'; }\n",
      'b.js': "import { note } from './log.js';\nimport { A } from './a.js';\nnote('b');\nexport class B { value() { return A + 1; } }\n",
      'main.js': [
        "import {",
        "  A as first,",
        "  later,",
        "} from './a.js';",
        "import { B } from './b.js';",
        "import { order } from './log.js';",
        "const local = 'main';",
        "globalThis.out = { first, second: new B().value(), order: [...order, local], later };",
        '',
      ].join('\n'),
    });
    assert.equal(out.first, 1);
    assert.equal(out.second, 2);
    assert.deepEqual(out.order, ['a', 'b', 'main']);
    assert.equal(await out.later(), 'done');
  });

  test('the same top-level name in two modules stays apart', async () => {
    const out = await run({
      'a.js': "const WIDTHS = 'a';\nexport function a() { return WIDTHS; }\n",
      'main.js': "import { a } from './a.js';\nconst WIDTHS = 'main';\nglobalThis.out = [a(), WIDTHS];\n",
    });
    assert.deepEqual(out, ['a', 'main']);
  });

  test('forms it does not read are refused, not guessed', () => {
    refused({ 'a.js': 'export default 1;\n', 'main.js': "import a from './a.js';\n" }, /import form/);
    refused({ 'main.js': "export let x = 1;\n" }, /export form/);
    refused({ 'main.js': "const x = 1;\nexport { x };\n" }, /export form/);
    refused({ 'main.js': "const m = import('./a.js');\n" }, /dynamic import/);
    refused({ 'main.js': "const u = import.meta.url;\n" }, /import\.meta/);
    refused({ 'a.js': "export const x = 1;\n", 'main.js': "import { y } from './a.js';\n" }, /imports y, which a\.js does not export/);
    refused({
      'a.js': "import { b } from './b.js';\nexport const a = 1;\n",
      'b.js': "import { a } from './a.js';\nexport const b = 1;\n",
      'main.js': "import { a } from './a.js';\n",
    }, /cycle/);
  });

  test('extension/reader.bundle.js is the bundle of extension/reader.js as the modules are now', (t) => {
    const built = join(repo, 'extension/reader.bundle.js');
    if (!existsSync(built)) return t.skip('not built: ./build.sh build');
    assert.equal(readFileSync(built, 'utf8'), bundle(join(repo, 'extension/reader.js')),
      'stale: run ./build.sh build');
  });
});
