import type { ElementHandle, Page } from 'playwright-core';

/**
 * Measurements the accessibility tests take inside Chromium, from computed styles and layout
 * boxes, never by eye. Installed as one script (`installProbes`), since a function handed to
 * page.evaluate cannot call helpers defined beside it.
 */
const PROBES = String.raw`
(() => {
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
  const needFor = (s) => {
    const size = parseFloat(s.fontSize);
    return size >= 24 || (Number(s.fontWeight) >= 700 && size >= 18.66) ? 3 : 4.5;
  };

  window.__a11y = {
    /** Every piece of visible text (and placeholder) under root whose contrast is below WCAG AA. */
    contrastFailures(root = document.body) {
      const out = [];
      const seen = new Set();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || !el || seen.has(el) || !shown(el) || el.closest('[inert]')) continue;
        seen.add(el);
        // Inactive controls are exempt (WCAG 1.4.3); charts are measured apart (fill, not color).
        if (el.closest(':disabled') || el.closest('svg')) continue;
        const s = getComputedStyle(el);
        const bg = background(el);
        const fg = parse(s.color);
        const r = ratio(blend([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg), bg);
        if (r < needFor(s)) out.push({ text: n.textContent.trim().slice(0, 40), el: describe(el), ratio: r, need: needFor(s) });
      }
      for (const el of root.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (!shown(el) || el.value || el.disabled || el.closest('[inert]')) continue;
        const s = getComputedStyle(el, '::placeholder');
        const bg = background(el);
        const fg = parse(s.color);
        const r = ratio(blend([fg[0], fg[1], fg[2], fg[3] * Number(s.opacity) * opacity(el)], bg), bg);
        if (r < needFor(s)) out.push({ text: 'placeholder: ' + el.placeholder, el: describe(el), ratio: r, need: needFor(s) });
      }
      for (const t of root.querySelectorAll('svg text')) {
        if (!shown(t)) continue;
        const bg = background(t.closest('svg'));
        const r = ratio(parse(getComputedStyle(t).fill), bg);
        if (r < 4.5) out.push({ text: t.textContent.trim(), el: 'svg text', ratio: r, need: 4.5 });
      }
      return out;
    },
    /**
     * The focused element's ring: the outline's contrast against what is around it, and, for a
     * text field (whose ring is a tint), the border's, which turns to the accent colour.
     */
    focusRing() {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const around = background(el.parentElement || el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? ratio(blend(parse(s.outlineColor), around), around) : 0;
      const border = parseFloat(s.borderTopWidth) >= 2 ? ratio(blend(parse(s.borderTopColor), around), around) : 0;
      return { el: describe(el), name: (el.getAttribute('aria-label') || el.textContent || el.id).trim().slice(0, 40), best: Math.max(outline, border) };
    },
    /** Text that runs past the window's right edge, or into other text. Overflow clipping counts. */
    layoutProblems(root = document.body) {
      const vw = document.documentElement.clientWidth;
      const boxes = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!n.textContent.trim() || !el || !shown(el) || el.closest('svg,[inert]')) continue;
        let clip = { left: -1e9, top: -1e9, right: 1e9, bottom: 1e9 };
        for (let e = el; e; e = e.parentElement) {
          const s = getComputedStyle(e);
          if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
          const b = e.getBoundingClientRect();
          clip = { left: Math.max(clip.left, b.left), top: Math.max(clip.top, b.top), right: Math.min(clip.right, b.right), bottom: Math.min(clip.bottom, b.bottom) };
        }
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const q of range.getClientRects()) {
          const r = { left: Math.max(q.left, clip.left), top: Math.max(q.top, clip.top), right: Math.min(q.right, clip.right), bottom: Math.min(q.bottom, clip.bottom) };
          if (r.right - r.left > 1 && r.bottom - r.top > 1) boxes.push({ r, n, text: n.textContent.trim().slice(0, 30) });
        }
      }
      const problems = [];
      if (document.documentElement.scrollWidth > vw) problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
      for (const b of boxes) if (b.r.right > vw + 1) problems.push('past the right edge: "' + b.text + '"');
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r, b = boxes[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 3 && boxes[i].n !== boxes[j].n) problems.push('"' + boxes[i].text + '" overlaps "' + boxes[j].text + '"');
        }
      return problems;
    },
  };
})();
`;

/** Puts `window.__a11y` in the page (again after each navigation). */
export async function installProbes(page: Page): Promise<void> {
  await page.evaluate(PROBES);
}

export interface ContrastFailure {
  text: string;
  el: string;
  ratio: number;
  need: number;
}

/** Text under `root` (a selector; the body by default) below WCAG AA contrast. */
export async function contrastFailures(page: Page, root = 'body'): Promise<ContrastFailure[]> {
  await installProbes(page);
  return page.evaluate((sel) => (window as unknown as A11yWindow).__a11y.contrastFailures(document.querySelector(sel)!), root);
}

/** Text past the right edge of the window or over other text, under `root`. */
export async function layoutProblems(page: Page, root = 'body'): Promise<string[]> {
  await installProbes(page);
  return page.evaluate((sel) => (window as unknown as A11yWindow).__a11y.layoutProblems(document.querySelector(sel)!), root);
}

export interface FocusStop {
  el: string;
  name: string;
  /** The better of the outline's and the border's contrast with what is around the control. */
  best: number;
}

/** The focused control's ring, as {@link tabThrough} measures it; null when nothing has the focus. */
export async function focusRing(page: Page): Promise<FocusStop | null> {
  await installProbes(page);
  return page.evaluate(() => (window as unknown as A11yWindow).__a11y.focusRing());
}

/**
 * Presses Tab from the top of the page until the focus comes back round (or leaves the page),
 * recording each control it stops on and how visible its focus ring is.
 */
export async function tabThrough(page: Page, limit = 120): Promise<FocusStop[]> {
  await installProbes(page);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  const stops: FocusStop[] = [];
  const seen: ElementHandle[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const handle = await page.evaluateHandle(() => document.activeElement);
    const el = handle.asElement();
    if (!el || (await el.evaluate((e) => e === document.body))) break;
    // A date picker keeps the focus for each of its parts: one stop.
    if (await el.evaluate((e, last) => e === last, seen[seen.length - 1] ?? null)) continue;
    if (await el.evaluate((e, all) => all.includes(e), seen)) break;
    seen.push(el);
    stops.push((await page.evaluate(() => (window as unknown as A11yWindow).__a11y.focusRing()))!);
  }
  return stops;
}

interface A11yWindow {
  __a11y: {
    contrastFailures(root: Element): ContrastFailure[];
    layoutProblems(root: Element): string[];
    focusRing(): FocusStop | null;
  };
}
