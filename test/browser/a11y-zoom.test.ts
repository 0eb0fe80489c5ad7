import type { BrowserContextOptions, Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage, PHONE } from '../helpers/browser';
import { layoutProblems } from './a11y-probes/layout';
import { useEvening } from './organiser-scene';
import { dashboardReady, organiserLink } from './organiser-steps';

jest.setTimeout(120_000);

/** How each way of making things bigger is played in Chromium. */
const WAYS: Array<{ name: string; device: BrowserContextOptions; textSize?: number }> = [
  // WCAG 1.4.10: a 320 CSS px wide window.
  { name: 'a 320 px window', device: { ...LAPTOP, viewport: { width: 320, height: 700 } } },
  // The same width on a phone's sharper screen, where the date picker measures a little wider.
  { name: 'a 320 px phone', device: { ...PHONE, viewport: { width: 320, height: 568 } } },
  // A 1280x860 laptop zoomed to 200%: half as many CSS pixels, each twice the size.
  { name: 'browser zoom at 200%', device: { ...LAPTOP, viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 } },
  // The browser's text size setting at twice the default (16 px): text alone grows.
  { name: 'text at 200%', device: LAPTOP, textSize: 32 },
];

/**
 * At 200% zoom, 200% text and in a 320 px window, nothing is clipped, overlaps other text, or runs
 * off the side of the home page, the dashboard or the projector view.
 */
describeInBrowser('accessibility: zoom, large text and a 320 px window', () => {
  const evening = useEvening({
    event: {
      name: 'Friday Tech Social at the Old Brewery, Upstairs',
      topics: ['AI', 'Climbing', 'Startups', 'Design', 'Coffee', 'Open source', 'Rust', 'Music'],
      spots: ['By the bar', 'Under the big clock'],
    },
  });

  async function open(way: (typeof WAYS)[number], path: string): Promise<{ page: Page; errors: string[] }> {
    const tracked = await openPage(evening.browser, evening.server.url, way.device);
    if (way.textSize) {
      // Chromium's Settings > Appearance > Font size, as DevTools sets it.
      const cdp = await tracked.page.context().newCDPSession(tracked.page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: way.textSize, fixed: Math.round((way.textSize * 13) / 16) } });
    }
    await tracked.page.goto(path);
    return tracked;
  }

  it.each(WAYS)('home page, with $name: the form and the new event', async (way) => {
    const { page, errors } = await open(way, '/');
    await page.getByLabel('Event name').waitFor();
    if (way.textSize) {
      // Body text follows the setting too, not just the headings (17 px at the default 16).
      expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe(`${(way.textSize * 17) / 16}px`);
    }
    expect(await layoutProblems(page)).toEqual([]);
    await page.getByLabel('Event name').fill('Friday Tech Social at the Old Brewery, Upstairs');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.locator('#result-title').waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(WAYS)('dashboard and projector view, with $name', async (way) => {
    const { page, errors } = await open(way, organiserLink(evening.created));
    await dashboardReady(page, evening.created.event.name);
    await page.locator('.waiting-long').first().waitFor();
    expect(await layoutProblems(page)).toEqual([]);

    await page.locator('[data-control="projector"]').click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.projector-qr');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    // Nothing under the Exit button or over other words.
    expect(await layoutProblems(page, '[data-projector]')).toEqual([]);
    // What does not fit scrolls into reach (the count at the foot), rather than being cut off.
    const fit = await page.locator('[data-projector]').evaluate((el) => ({
      overflows: el.scrollHeight > el.clientHeight,
      scrolls: ['auto', 'scroll'].includes(getComputedStyle(el).overflowY),
      topReachable: el.firstElementChild!.getBoundingClientRect().top >= 0,
    }));
    expect(fit.topReachable).toBe(true);
    if (fit.overflows) expect(fit.scrolls).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
