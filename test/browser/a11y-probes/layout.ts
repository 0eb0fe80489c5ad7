import type { Page } from 'playwright-core';
import { installScript } from './page-script';

/** Text that runs past the window's right edge, or into other text. Overflow clipping counts. */
const LAYOUT = String.raw`
  window.__a11yLayout = {
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
`;

interface LayoutWindow {
  __a11yLayout: { layoutProblems(root: Element): string[] };
}

/** Text past the right edge of the window or over other text, under `root`. */
export async function layoutProblems(page: Page, root = 'body'): Promise<string[]> {
  await installScript(page, LAYOUT);
  return page.evaluate((sel) => (window as unknown as LayoutWindow).__a11yLayout.layoutProblems(document.querySelector(sel)!), root);
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
