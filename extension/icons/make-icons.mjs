#!/usr/bin/env node
// Draws the toolbar icons (a page with lines of text) as PNGs at 16, 32, 48, 96, 128 px,
// and a grey variant at 16 and 32 px (icon-off-*: "this page does not look like an article").
// No dependencies: shapes are rasterised with 4×4 supersampling, PNG bytes written
// with node's zlib. Usage: node extension/icons/make-icons.mjs [outDir]

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const OFF_SIZES = [16, 32];
const BG = [0x2b, 0x4a, 0x6f]; // deep blue
const FG = [0xfb, 0xfa, 0xf7]; // paper white
const OFF_BG = [0x8a, 0x8f, 0x98]; // grey

// Shapes in a 0..1 unit square: [x0, y0, x1, y1, radius, colour].
const shapes = (bg) => [
  [0.0, 0.0, 1.0, 1.0, 0.22, bg],
  [0.2, 0.22, 0.8, 0.34, 0.04, FG], // headline
  [0.2, 0.45, 0.8, 0.52, 0.03, FG],
  [0.2, 0.6, 0.8, 0.67, 0.03, FG],
  [0.2, 0.75, 0.62, 0.82, 0.03, FG],
];

function inRoundedRect(x, y, [x0, y0, x1, y1, r]) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function render(size, bg = BG) {
  const SHAPES = shapes(bg);
  const ss = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let colour = null;
          for (const shape of SHAPES) if (inRoundedRect(x, y, shape)) colour = shape[5];
          if (colour) {
            r += colour[0]; g += colour[1]; b += colour[2]; a += 255;
          }
        }
      }
      const n = ss * ss;
      const covered = a / 255;
      const i = (py * size + px) * 4;
      // Straight (non-premultiplied) alpha: average colour over covered samples.
      rgba[i] = covered ? Math.round(r / covered) : 0;
      rgba[i + 1] = covered ? Math.round(g / covered) : 0;
      rgba[i + 2] = covered ? Math.round(b / covered) : 0;
      rgba[i + 3] = Math.round(a / n);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function png(size, bg = BG) {
  const rgba = render(size, bg);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) writeFileSync(join(outDir, `icon-${size}.png`), png(size));
for (const size of OFF_SIZES) writeFileSync(join(outDir, `icon-off-${size}.png`), png(size, OFF_BG));
console.log(`icons: wrote ${[...SIZES.map((s) => `icon-${s}.png`), ...OFF_SIZES.map((s) => `icon-off-${s}.png`)].join(', ')} to ${outDir}`);
