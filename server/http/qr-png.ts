import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A QR code as a black-on-white PNG, `width` pixels square, with `margin` light modules around
 * it: one bit per pixel, laid out as qrcode's own PNG renderer lays it out.
 *
 * That renderer (pngjs) fills and filters four bytes a pixel in JavaScript: up to about 50 ms
 * of event loop per image of 512 px on a quiet machine, more on a busy one, and about 2 s inside
 * a Jest worker (docs/BENCHMARKS.md). This takes about a millisecond: 65 bytes a row, and one
 * `deflateSync` of 33 KB.
 */
export function qrPng(text: string, width: number, margin: number): Buffer {
  const { modules } = QRCode.create(text);
  const size = modules.size;
  const span = size + margin * 2;
  const scale = Math.max(width, span) / span;
  const side = Math.floor(span * scale);
  const edge = margin * scale;
  // Which module each pixel column (and row) falls in, or -1 in the margin.
  const moduleAt = new Int32Array(side);
  for (let p = 0; p < side; p++) moduleAt[p] = p >= edge && p < side - edge ? Math.floor((p - edge) / scale) : -1;

  const rowBytes = 1 + Math.ceil(side / 8); // a filter byte (0: none), then the pixels, 1 = light
  const raw = Buffer.alloc(rowBytes * side, 0xff);
  for (let y = 0; y < side; y++) {
    const row = y * rowBytes;
    raw[row] = 0;
    const r = moduleAt[y]!;
    if (r < 0) continue;
    if (y > 0 && moduleAt[y - 1] === r) {
      raw.copy(raw, row, row - rowBytes, row); // the same modules as the row above
      continue;
    }
    for (let x = 0; x < side; x++) {
      const c = moduleAt[x]!;
      if (c >= 0 && modules.get(r, c)) raw[row + 1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale; compression, filter and interlace methods stay 0
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** One PNG chunk: length, type, data, and the CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
