import type { Page } from 'playwright-core';

/**
 * What the in-page probes share, as source. A function handed to page.evaluate cannot call
 * helpers defined beside it, so each kind of probe is put in the page as one script
 * ({@link installScript}) that starts with these, and measures from computed styles and layout
 * boxes, never by eye.
 */
const SHARED = String.raw`
  // Any CSS colour (rgb(), color(srgb …), oklab() from color-mix) as sRGB 0-255 and alpha, as
  // the browser itself converts it: painted on a pixel and read back.
  const pixel = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const parse = (c) => {
    pixel.clearRect(0, 0, 1, 1);
    pixel.fillStyle = '#000';
    pixel.fillStyle = c;
    pixel.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const blend = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const lum = (c) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  };
  /** The colour behind an element: its own and its ancestors' backgrounds, stacked on white. */
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    return layers.reverse().reduce((under, top) => blend(top, under), [255, 255, 255, 1]);
  };
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.sr-only');
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
`;

/** Runs `body` in the page after the shared helpers (again after each navigation: call it before each use). */
export async function installScript(page: Page, body: string): Promise<void> {
  await page.evaluate(`(() => {${SHARED}\n${body}\n})();`);
}
