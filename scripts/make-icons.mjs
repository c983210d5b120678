// Draws the extension icons (an upward "launch" chevron on Colab orange) as PNGs without any
// image library, so they can be regenerated anywhere: `node scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Supersampled so small sizes keep smooth edges.
function icon(u, v) {
  const inside = (x, y) => {
    const r = 0.22; // rounded-square corner radius
    const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
    const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
    return dx * dx + dy * dy <= r * r;
  };
  const chevron = (x, y) => {
    // Two stacked upward chevrons: distance to a "^" polyline, thickness t.
    const t = 0.085;
    const d = (cy) => Math.abs(y - (cy + Math.abs(x - 0.5) * 0.9));
    const within = Math.abs(x - 0.5) < 0.3;
    return within && (d(0.28) < t || d(0.5) < t);
  };
  let bg = 0, fg = 0;
  const n = 4;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const x = u + (i - 1.5) / (n * 128), y = v + (j - 1.5) / (n * 128);
    if (inside(x, y)) { bg++; if (chevron(x, y)) fg++; }
  }
  const total = n * n;
  if (!bg) return [0, 0, 0, 0];
  const f = fg / bg;
  const [r, g, b] = [Math.round(249 * (1 - f) + 255 * f), Math.round(171 * (1 - f) + 255 * f), Math.round(0 * (1 - f) + 255 * f)];
  return [r, g, b, Math.round((255 * bg) / total)];
}

for (const size of [16, 32, 48, 128]) {
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size, icon));
}
console.log('icons written to public/icons/');
