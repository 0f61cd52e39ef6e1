/**
 * The app's icons, drawn here and written as PNG with node:zlib, so no binary is committed and no
 * image tool is needed: a rounded blue square with a white "T" whose stem ends in a ring (a tether).
 * Each pixel is 4x4 supersampled for smooth edges.
 */
import { deflateSync } from 'node:zlib';

const BLUE = [36, 86, 214];
const WHITE = [255, 255, 255];
const SAMPLES = 4;

/** The icons the manifest and index.html name: [file, size, full-bleed (maskable / Apple), glyph scale]. */
export const ICONS = [
  ['icon-192.png', 192, false, 1],
  ['icon-512.png', 512, false, 1],
  // Maskable: the launcher may crop to a circle of 80% diameter, so the glyph shrinks into it.
  ['icon-maskable-512.png', 512, true, 0.72],
  // iOS ignores transparency and rounds the corners itself.
  ['apple-touch-icon.png', 180, true, 0.9],
];

export function iconPng(size, fullBleed, scale) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      let background = 0;
      let glyph = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const u = (x + (sx + 0.5) / SAMPLES) / size;
          const v = (y + (sy + 0.5) / SAMPLES) / size;
          if (fullBleed || inRoundedSquare(u, v)) background++;
          if (inGlyph(0.5 + (u - 0.5) / scale, 0.5 + (v - 0.5) / scale)) glyph++;
        }
      }
      const total = SAMPLES * SAMPLES;
      const g = glyph / total;
      const at = row + 1 + x * 4;
      for (let c = 0; c < 3; c++) rows[at + c] = Math.round(BLUE[c] * (1 - g) + WHITE[c] * g);
      rows[at + 3] = Math.round((255 * background) / total);
    }
  }
  return png(size, size, rows);
}

function inRoundedSquare(u, v) {
  const r = 0.22;
  const dx = Math.max(r - u, 0, u - (1 - r));
  const dy = Math.max(r - v, 0, v - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

function inGlyph(u, v) {
  const bar = u >= 0.26 && u <= 0.74 && v >= 0.22 && v <= 0.34;
  const stem = u >= 0.44 && u <= 0.56 && v >= 0.22 && v <= 0.62;
  const d = Math.hypot(u - 0.5, v - 0.71);
  const ring = d <= 0.11 && d >= 0.055;
  return bar || stem || ring;
}

function png(width, height, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
