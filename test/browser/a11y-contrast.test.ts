import type { BrowserContextOptions, Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { contrastFailures, focusRing } from './a11y-probes/contrast';
import { tabThrough } from './a11y-probes/keyboard';
import { useEvening } from './organiser-scene';
import { dashboardReady, organiserLink } from './organiser-steps';

jest.setTimeout(90_000);

/**
 * Colour contrast, measured from Chromium's computed styles on a full evening: text against its
 * background at WCAG AA (4.5:1, 3:1 for large text), placeholders included, and the keyboard
 * focus ring of every control against what is around it (3:1, WCAG 1.4.11), in light and dark.
 */
describeInBrowser('accessibility: contrast of text and focus rings', () => {
  const evening = useEvening({
    event: {
      name: 'Contrast Night',
      topics: ['AI', 'Climbing', 'Startups', 'Design', 'Coffee', 'Open source', 'Rust', 'Music'],
      spots: ['By the bar', 'Under the big clock'],
    },
  });

  const device = (colorScheme: 'light' | 'dark'): BrowserContextOptions => ({ ...LAPTOP, colorScheme });

  async function dashboard(colorScheme: 'light' | 'dark'): Promise<Page> {
    const { page } = await openPage(evening.browser, evening.server.url, device(colorScheme));
    await page.goto(organiserLink(evening.created));
    await dashboardReady(page, evening.created.event.name);
    // Someone has waited long enough for the amber row, and a report is in.
    await page.locator('.waiting-long').first().waitFor();
    await page.locator('[data-report-name]').first().waitFor();
    return page;
  }

  /** Every tab stop whose focus ring is under 3:1 against what is around it. */
  const faintRings = async (page: Page) => {
    const stops = await tabThrough(page);
    expect(stops.length).toBeGreaterThan(5);
    return stops.filter((s) => s.best < 3);
  };

  it.each(['light', 'dark'] as const)('home page, %s: the form, this laptop\'s events and the new event', async (scheme) => {
    const { page, errors } = await openPage(evening.browser, evening.server.url, device(scheme));
    await page.goto('/');
    await page.getByLabel('Event name').waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    expect(await faintRings(page)).toEqual([]);

    await page.getByLabel('Event name').fill('Contrast Night at home');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.locator('#result-title').waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    expect(await faintRings(page)).toEqual([]);

    // Back home, the event is listed with its status.
    await page.goto('/');
    await page.locator('.organised-status:not([hidden])').first().waitFor();
    expect(await contrastFailures(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)('dashboard, %s: figures, long waits, reports, charts, controls', async (scheme) => {
    const page = await dashboard(scheme);
    expect(await contrastFailures(page)).toEqual([]);
    expect(await faintRings(page)).toEqual([]);

    // The confirmation, over the page.
    await page.locator('[data-control="end"]').click();
    await page.locator('dialog[open]').waitFor();
    expect(await contrastFailures(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('dialog').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('projector view: the text, and the Exit button\'s focus ring on the white poster', async () => {
    const page = await dashboard('light');
    // Opened from the keyboard, the focus lands on Exit, ringed as a keyboard focus is.
    await page.locator('[data-control="projector"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('.projector-exit:focus-visible').waitFor();
    expect(await contrastFailures(page, '[data-projector]')).toEqual([]);
    const ring = await focusRing(page);
    expect(ring?.name).toBe('Exit projector (Esc)');
    expect(ring!.best).toBeGreaterThanOrEqual(3);
    await page.context().close();
  });
});
