import type { Page } from 'playwright-core';
import { installScript } from './page-script';

/** Contrast of text and of focus rings, as WCAG 1.4.3 and 1.4.11 ask. */
const CONTRAST = String.raw`
  const needFor = (s) => {
    const size = parseFloat(s.fontSize);
    return size >= 24 || (Number(s.fontWeight) >= 700 && size >= 18.66) ? 3 : 4.5;
  };

  window.__a11yContrast = {
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
  };
`;

export interface ContrastFailure {
  text: string;
  el: string;
  ratio: number;
  need: number;
}

export interface FocusStop {
  el: string;
  name: string;
  /** The better of the outline's and the border's contrast with what is around the control. */
  best: number;
}

/** The probes as they are in the page once {@link installContrastProbes} has run. */
export interface ContrastWindow {
  __a11yContrast: {
    contrastFailures(root: Element): ContrastFailure[];
    focusRing(): FocusStop | null;
  };
}

/** Puts `window.__a11yContrast` in the page (again after each navigation). */
export function installContrastProbes(page: Page): Promise<void> {
  return installScript(page, CONTRAST);
}

/** Text under `root` (a selector; the body by default) below WCAG AA contrast. */
export async function contrastFailures(page: Page, root = 'body'): Promise<ContrastFailure[]> {
  await installContrastProbes(page);
  return page.evaluate((sel) => (window as unknown as ContrastWindow).__a11yContrast.contrastFailures(document.querySelector(sel)!), root);
}

/** The focused control's ring, as `tabThrough` (./keyboard) measures it; null when nothing has the focus. */
export async function focusRing(page: Page): Promise<FocusStop | null> {
  await installContrastProbes(page);
  return page.evaluate(() => (window as unknown as ContrastWindow).__a11yContrast.focusRing());
}
