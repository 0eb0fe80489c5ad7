import type { Download } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import { openDashboard, simulateAttendee, useDashboardRig } from './organiser-steps';
import { pageErrorsBesidesOffline } from './steps';

jest.setTimeout(30_000);

async function text(download: Download): Promise<string> {
  let body = '';
  for await (const chunk of await download.createReadStream()) body += chunk;
  return body;
}

describeInBrowser('organiser downloads', () => {
  const { rig, attendees } = useDashboardRig();

  it('gives sponsors only the name-free CSV; the full JSON sits apart and says it holds names and reports', async () => {
    const created = await createEvent(rig.server.url, { name: 'Sponsor Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann Example', lookFor: 'green jumper' });
    attendees.push(ann);
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });
    await page.locator(`[data-attendee-id="${ann.id}"]`).waitFor();

    const sponsors = page.locator('[data-card="downloads"]');
    expect(await sponsors.locator('.card-title').textContent()).toBe('For your sponsors');
    expect(await sponsors.textContent()).toContain('No names.');
    expect(await sponsors.locator('[data-download]').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.download))).toEqual(['csv']);
    const [csv] = await Promise.all([page.waitForEvent('download'), sponsors.locator('[data-download="csv"]').click()]);
    expect(await text(csv)).not.toMatch(/Ann|green/);

    const team = page.locator('[data-card="organiser-downloads"]');
    expect(await team.locator('.card-title').textContent()).toBe('Organiser only');
    expect(await team.textContent()).toMatch(/names.*reports.*not for sponsors/);
    const button = team.locator('[data-download="stats"]');
    expect(await button.textContent()).toContain('names and reports');
    const [json] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(json.suggestedFilename()).toBe('mingle-sponsor-night-stats.json');
    // The label is true: this one does hold names and how to spot people.
    expect(JSON.parse(await text(json)).longestWaiting).toEqual([expect.objectContaining({ name: 'Ann Example', lookFor: 'green jumper' })]);
    expect(errors).toEqual([]);
  });

  it('says why a download failed next to its button, where the organiser is looking, and not in the page notice', async () => {
    const created = await createEvent(rig.server.url, { name: 'Offline Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const button = page.locator('[data-download="csv"]');
    // The buttons are at the foot of the side column: reaching them scrolls the page.
    await button.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    await page.context().setOffline(true);
    await button.click();
    const error = page.locator('[data-card="downloads"] [role="alert"]');
    await error.getByText("Can't reach Mingle right now. Check the connection and try again.").waitFor();
    // On screen, just under the button, whole, and the page's notice (scrolled away) stays quiet.
    const [at, under, viewport] = await Promise.all([error.boundingBox(), button.boundingBox(), page.viewportSize()]);
    expect(at!.y).toBeGreaterThanOrEqual(under!.y + under!.height);
    expect(at!.y - (under!.y + under!.height)).toBeLessThan(24);
    expect(at!.y + at!.height).toBeLessThanOrEqual(viewport!.height);
    expect(await error.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
    expect(await page.locator('#notice').isVisible()).toBe(false);
    expect(await button.isEnabled()).toBe(true);
    // The other card's line is untouched.
    expect(await page.locator('[data-card="organiser-downloads"] [role="alert"]').textContent()).toBe('');

    // Back online, it works, and the error goes.
    await page.context().setOffline(false);
    await page.locator('#connection[data-connection="online"]').waitFor();
    await Promise.all([page.waitForEvent('download'), button.click()]);
    await page.waitForFunction(() => document.querySelector('[data-card="downloads"] [role="alert"]')?.textContent === '');
    expect(await page.locator('#notice').isVisible()).toBe(false);
    // Chromium itself logs the fetch that failed offline; nothing else may go wrong.
    expect(pageErrorsBesidesOffline(errors)).toEqual([]);
  });
});
