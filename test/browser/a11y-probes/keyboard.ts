import type { ElementHandle, Page } from 'playwright-core';
import { installContrastProbes, type ContrastWindow, type FocusStop } from './contrast';

/**
 * Presses Tab from the top of the page until the focus comes back round (or leaves the page),
 * recording each control it stops on and how visible its focus ring is.
 */
export async function tabThrough(page: Page, limit = 120): Promise<FocusStop[]> {
  await installContrastProbes(page);
  return tabStops(page, () => (window as unknown as ContrastWindow).__a11yContrast.focusRing()!, limit);
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
