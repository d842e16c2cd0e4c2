// Draws ScarCheck's icons (public/icon/{16,32,48,96,128}.png: every size the Chrome Web Store and
// Firefox Add-ons ask for) with node built-ins only: a teal rounded square with a white check mark
// above a wavy underline, anti-aliased by supersampling. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../public/icon');
const SIZES = [16, 32, 48, 96, 128];
const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];

// ── PNG writer (RGBA, 8 bit) ─────────────────────────────────────────────────────────────────
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ── shapes, in unit coordinates (0..1) ───────────────────────────────────────────────────────
function inRoundedSquare(x, y, r = 0.22) {
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}
function distToSegment(px, py, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}
function inCheck(x, y, w) {
  return distToSegment(x, y, 0.26, 0.42, 0.43, 0.58) <= w || distToSegment(x, y, 0.43, 0.58, 0.75, 0.24) <= w;
}
function inWave(x, y, w) {
  if (x < 0.2 || x > 0.8) return false;
  const cy = 0.76 + 0.045 * Math.sin((x - 0.2) * Math.PI * 2 / 0.2);
  return Math.abs(y - cy) <= w;
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const S = 8; // supersamples per axis
  // Thicker strokes at small sizes so they stay legible.
  const stroke = size <= 16 ? 0.085 : size <= 32 ? 0.07 : 0.06;
  const wave = size <= 16 ? 0.05 : 0.035;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0, fg = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          if (!inRoundedSquare(x, y)) continue;
          bg++;
          if (inCheck(x, y, stroke) || (size > 16 && inWave(x, y, wave))) fg++;
        }
      }
      const n = S * S;
      const i = (py * size + px) * 4;
      const f = bg ? fg / bg : 0;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(TEAL[c] * (1 - f) + WHITE[c] * f);
      rgba[i + 3] = Math.round((255 * bg) / n);
    }
  }
  return png(size, rgba);
}

mkdirSync(OUT, { recursive: true });
for (const size of SIZES) {
  writeFileSync(path.join(OUT, `${size}.png`), draw(size));
  console.log(`wrote public/icon/${size}.png`);
}
