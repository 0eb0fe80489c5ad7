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

/** What Chromium's accessibility tree says of an element: what a screen reader is given. */
export interface AccessibleNode {
  role: string;
  name: string;
  description: string;
  /** Left out of the tree (hidden, or of no use to assistive tech). */
  ignored: boolean;
}

/** The accessibility node (CDP `Accessibility.getPartialAXTree`) of the first element matching `selector`. */
export async function accessibleNode(page: Page, selector: string): Promise<AccessibleNode> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const node = nodes[0]!;
    const text = (v?: { value?: unknown }) => String(v?.value ?? '');
    return { role: text(node.role), name: text(node.name), description: text(node.description), ignored: node.ignored };
  } finally {
    await cdp.detach();
  }
}

/**
 * Presses Tab from the top of the page until the focus comes back round (or leaves the page),
 * recording each control it stops on and how visible its focus ring is.
 */
export async function tabThrough(page: Page, limit = 120): Promise<FocusStop[]> {
  return tabStops(page, () => (window as unknown as A11yWindow).__a11y.focusRing()!, limit);
}

/** A card Tab reaches, and where it is on the page (scrolled to the top). */
export interface CardStop {
  /** Its `data-card` name. */
  card: string;
  top: number;
  left: number;
  right: number;
}

/**
 * The dashboard's cards in the order Tab reaches them: each card once, at its first control
 * (controls outside any card, as in the top bar, are passed over).
 */
export async function tabCards(page: Page, limit = 120): Promise<CardStop[]> {
  const stops = await tabStops(
    page,
    () => {
      const card = document.activeElement?.closest<HTMLElement>('[data-card]');
      const r = card?.getBoundingClientRect();
      return card && r ? { card: card.dataset.card!, top: r.top + scrollY, left: r.left, right: r.right } : null;
    },
    limit,
  );
  return stops.filter((s, i): s is CardStop => !!s && !stops.slice(0, i).some((t) => t?.card === s.card));
}

/** Tabs from the top of the page round to where it began, reading `read` in the page at each stop. */
async function tabStops<T>(page: Page, read: () => T, limit: number): Promise<T[]> {
  await installProbes(page);
  // Blurring alone leaves Chromium's starting point for Tab where the focus was: start it from a
  // mark at the top of the page, taken away once Tab has left it.
  await page.evaluate(() => {
    window.getSelection()?.removeAllRanges();
    const mark = document.createElement('span');
    mark.tabIndex = -1;
    mark.dataset.tabStart = '';
    document.body.prepend(mark);
    mark.focus({ preventScroll: true });
  });
  const stops: T[] = [];
  const seen: ElementHandle[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (i === 0) await page.evaluate(() => document.querySelector('[data-tab-start]')?.remove());
    const handle = await page.evaluateHandle(() => document.activeElement);
    const el = handle.asElement();
    if (!el || (await el.evaluate((e) => e === document.body))) break;
    // A date picker keeps the focus for each of its parts: one stop.
    if (await el.evaluate((e, last) => e === last, seen[seen.length - 1] ?? null)) continue;
    if (await el.evaluate((e, all) => all.includes(e), seen)) break;
    seen.push(el);
    stops.push(await page.evaluate(read));
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

/**
 * Text that can never be seen uncovered: each element with text under `root` is scrolled to the
 * middle of the window (and of any box that scrolls it), and a line of it counts as covered when
 * what is drawn at its centre is something else, such as a bar pinned over the page. A pinned bar
 * is fine while the page scrolls out from under it; one taller than the room left is not.
 */
export async function coveredText(page: Page, root = 'body'): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const start = { x: scrollX, y: scrollY };
    const walker = document.createTreeWalker(document.querySelector(sel)!, NodeFilter.SHOW_TEXT);
    const done = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent?.trim() || !el || done.has(el) || el.closest('[inert], .sr-only, svg')) continue;
      const s = getComputedStyle(el);
      if (!el.getClientRects().length || s.visibility === 'hidden') continue;
      done.add(el);
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1 && r.top >= 0 && r.bottom <= innerHeight);
      const seen = lines.some((r) => {
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!hit && (el.contains(hit) || hit.contains(el));
      });
      if (!seen) out.push(n.textContent.trim().slice(0, 40));
    }
    window.scrollTo(start.x, start.y);
    return out;
  }, root);
}

/** A control smaller than a target size, as laid out. */
export interface SmallTarget {
  name: string;
  width: number;
  height: number;
}

/**
 * Controls under `root` (buttons, links, fields, summaries) whose box, or the label wrapped round
 * them, is narrower or shorter than `min` CSS px: WCAG 2.5.8 asks 24, a thumb wants 44.
 */
export async function smallTargets(page: Page, min: number, root = 'body'): Promise<SmallTarget[]> {
  return page.evaluate(
    ([sel, least]) =>
      [...document.querySelector(sel)!.querySelectorAll<HTMLElement>('button, a[href], input, textarea, select, summary')]
        .filter((e) => e.getClientRects().length && !e.closest('[inert]'))
        .map((e) => {
          // A hidden box behind a label (a switch) is pressed through its label.
          const target = (e instanceof HTMLInputElement && e.closest('label')) || e;
          const r = target.getBoundingClientRect();
          const name = (e.getAttribute('aria-label') || e.textContent || (e as HTMLInputElement).placeholder || e.id).trim().slice(0, 40);
          return { name, width: Math.round(r.width), height: Math.round(r.height) };
        })
        .filter((t) => t.width < least || t.height < least),
    [root, min] as const,
  );
}

/**
 * Starts recording what live regions would say: each change inside a region (role status, alert
 * or log, or aria-live other than "off", as a screen reader hears them), with the region's text.
 */
export async function recordLiveChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { liveChanges: string[] };
    w.liveChanges = [];
    new MutationObserver((records) => {
      // One redraw is many records: each region changed by it is said once, as it then reads.
      const regions = new Set<Element>();
      for (const r of records) {
        const node = r.target instanceof Element ? r.target : r.target.parentElement;
        const region = node?.closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
        if (region && region.getAttribute('aria-live') !== 'off') regions.add(region);
      }
      for (const region of regions) w.liveChanges.push(`${region.id || region.className}: ${region.textContent}`);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** What {@link recordLiveChanges} has heard since it started. */
export async function liveChanges(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { liveChanges: string[] }).liveChanges);
}
