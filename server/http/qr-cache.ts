import QRCode from 'qrcode';
import { Lru } from './lru';
import { qrPng } from './qr-png';

/** The two images of a join link. */
export type QrFormat = 'svg' | 'png';

/**
 * Rendered QR codes of join links, the most recently asked for kept. A poster, a projector and
 * a room of phones ask for the same few. The promise is what is kept, so requests that arrive
 * together share one rendering; a failed one is dropped, for the next request to try again.
 */
export class QrCache {
  private readonly images: Lru<string, Promise<string | Buffer>>;

  /** @param max images kept at once (an SVG is about 5 KB, a PNG under 1 KB). */
  constructor(max = 200) {
    this.images = new Lru(max);
  }

  svg(url: string): Promise<string> {
    return this.render('svg', url, () => QRCode.toString(url, { type: 'svg', margin: 2 })) as Promise<string>;
  }

  png(url: string): Promise<Buffer> {
    return this.render('png', url, async () => qrPng(url, 512, 2)) as Promise<Buffer>;
  }

  get size(): number {
    return this.images.size;
  }

  private render(format: QrFormat, url: string, draw: () => Promise<string | Buffer>): Promise<string | Buffer> {
    const key = `${format} ${url}`;
    const cached = this.images.get(key);
    if (cached) return cached;
    const image = draw();
    this.images.set(key, image);
    image.catch(() => this.images.delete(key));
    return image;
  }
}
