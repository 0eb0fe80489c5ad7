import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { qrPng } from '../../server/http/qr-png';

/** The PNG read back by an independent decoder, which checks its chunks' CRCs on the way. */
const read = (png: Buffer) => PNG.sync.read(png);

describe('the QR code as a PNG', () => {
  // Short and long links give QR codes of different versions (sizes), so different scales.
  const links = [
    'https://mingle.example/e/ABCD1234',
    `https://a-very-long-venue-hostname.mingle.example/e/ZX9K2M4Q?from=${'poster'.repeat(12)}`,
  ];

  test.each(links)('scans as the text it was drawn for: %s', (link) => {
    const image = read(qrPng(link, 512, 2));
    expect([image.width, image.height]).toEqual([512, 512]);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(link);
  });

  test('draws every module where qrcode places it, dark on light, with a light margin', () => {
    const link = links[0]!;
    const { modules } = QRCode.create(link);
    const image = read(qrPng(link, 512, 2));
    const span = modules.size + 4;
    const scale = 512 / span;
    const grey = (x: number, y: number) => image.data[(y * image.width + x) * 4]!;
    for (let r = -2; r < modules.size + 2; r++) {
      for (let c = -2; c < modules.size + 2; c++) {
        const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c) === 1;
        const [x, y] = [Math.floor((c + 2.5) * scale), Math.floor((r + 2.5) * scale)]; // the module's middle
        expect([r, c, grey(x, y)]).toEqual([r, c, dark ? 0 : 255]);
      }
    }
  });

  test('is a small file: one bit a pixel', () => {
    expect(qrPng(links[0]!, 512, 2).length).toBeLessThan(2_000);
  });
});
