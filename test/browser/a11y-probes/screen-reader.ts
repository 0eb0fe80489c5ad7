import type { Page } from 'playwright-core';

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

/**
 * Starts following the text of the live region `selector` (which must be on the page): each time
 * it changes, its new text is noted. Writing the same words again over themselves notes nothing,
 * as a screen reader, which hears only a change, says nothing.
 */
export async function followRegionText(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((region) => {
    const texts: string[] = [];
    let last = region.textContent ?? '';
    new MutationObserver(() => {
      const now = region.textContent ?? '';
      if (now !== last) texts.push((last = now));
    }).observe(region, { subtree: true, childList: true, characterData: true });
    (region as HTMLElement & { regionTexts?: string[] }).regionTexts = texts;
  });
}

/**
 * Waits until the region {@link followRegionText} follows has changed, `times` times in all, to
 * words that include `text`; fails after `timeout` ms, well inside a test's own time.
 */
export async function waitForRegionSaid(page: Page, selector: string, text: string, times: number, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([sel, want, n]) => {
      const region = document.querySelector(sel) as (HTMLElement & { regionTexts?: string[] }) | null;
      return (region?.regionTexts ?? []).filter((t) => t.includes(want)).length >= n;
    },
    [selector, text, times] as const,
    { timeout },
  );
}

/** What the region {@link followRegionText} follows has changed to, in order. */
export async function regionTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluate((region) => (region as HTMLElement & { regionTexts?: string[] }).regionTexts ?? []);
}
