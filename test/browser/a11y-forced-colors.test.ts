import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { useEvening } from './organiser-scene';
import { dashboardReady, organiserLink } from './organiser-steps';

jest.setTimeout(90_000);

/**
 * Windows' high-contrast themes (forced colours, as Chromium emulates them) and reduced motion:
 * nothing the organiser needs is told by colour or movement alone.
 */
describeInBrowser('accessibility: forced colours and reduced motion', () => {
  const evening = useEvening({ event: { name: 'High Contrast Night', topics: ['AI', 'Climbing', 'Coffee'] } });

  async function dashboard(): Promise<{ page: Page; errors: string[] }> {
    const tracked = await openPage(evening.browser, evening.server.url, LAPTOP);
    await tracked.page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
    await tracked.page.goto(organiserLink(evening.created));
    await dashboardReady(tracked.page, evening.created.event.name);
    return tracked;
  }

  it('says "Long wait" in words on the rows a host should walk over to, not only in amber', async () => {
    const { page, errors } = await dashboard();
    expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
    await page.locator('.waiting-long').first().waitFor();
    const rows = await page.locator('.waiting-row').evaluateAll((els) =>
      els.map((row) => ({
        long: row.classList.contains('waiting-long'),
        // What is on screen: innerText leaves out what is not rendered.
        says: (row as HTMLElement).innerText.includes('LONG WAIT') || (row as HTMLElement).innerText.includes('Long wait'),
      })),
    );
    expect(rows.some((r) => r.long)).toBe(true);
    expect(rows.some((r) => !r.long)).toBe(true);
    for (const row of rows) expect(row.says).toBe(row.long);
    // And a screen reader reads it with the row.
    expect(await page.locator('.waiting-long').first().textContent()).toContain('Long wait');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the edges of cards and rows, which shadows and backgrounds drew', async () => {
    const { page } = await dashboard();
    await page.locator('.waiting-row').first().waitFor();
    const edges = await page.evaluate(() =>
      ['[data-card="matching"]', '[data-card="waiting"]', '.waiting-row', '.report-row'].map((sel) => {
        const s = getComputedStyle(document.querySelector(sel)!);
        return { sel, edge: s.borderTopStyle !== 'none' && parseFloat(s.borderTopWidth) >= 1 };
      }),
    );
    expect(edges.filter((e) => !e.edge)).toEqual([]);
    await page.context().close();
  });

  it('with reduced motion, nothing moves: no animations, transitions cut to nothing', async () => {
    const { page, errors } = await dashboard();
    const toggle = page.locator('[data-control="toggle"]');
    await toggle.hover();
    await page.mouse.down();
    const motion = await page.evaluate(() => ({
      // A transition cut to 0.01 ms still shows as one for that instant: count those that last.
      animations: document.getAnimations().filter((a) => Number(a.effect?.getTiming().duration ?? 0) > 1).length,
      longest: Math.max(
        ...[...document.querySelectorAll('button, a, .chip, .switch-track')].map((el) =>
          Math.max(...getComputedStyle(el).transitionDuration.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000))),
        ),
      ),
    }));
    await page.mouse.up();
    expect(motion.animations).toBe(0);
    expect(motion.longest).toBeLessThanOrEqual(0.01);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
