import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useServerAndBrowser, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { openDashboard } from './organiser-steps';
import { meetOnTwoPhones } from './steps';

jest.setTimeout(30_000);

/** Records every Content-Security-Policy violation a page reports, from its first script on. */
async function watchViolations(tracked: TrackedPage): Promise<() => Promise<string[]>> {
  await tracked.page.context().addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => tracked.page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/** Whether the page's own QR image (an <img> from /api) has loaded. */
const qrLoaded = (page: Page) =>
  page.waitForFunction(() => [...document.querySelectorAll('img')].some((img) => img.src.includes('/qr.svg') && img.complete && img.naturalWidth > 0));

describeInBrowser('the pages work under their Content-Security-Policy', () => {
  const rig = useServerAndBrowser();

  it('home page: creating an event shows its QR code, with nothing refused', async () => {
    const home = await openPage(rig.browser, rig.server.url);
    const violations = await watchViolations(home);
    const answer = await home.page.goto('/');
    expect(answer?.headers()['content-security-policy']).toContain("default-src 'self'");
    await home.page.getByLabel('Event name').fill('Policy Night');
    await home.page.getByRole('button', { name: 'Create event' }).click();
    await qrLoaded(home.page);
    expect(await violations()).toEqual([]);
    expect(home.errors).toEqual([]);
  });

  it('two phones join, match and meet over the WebSocket, and the dashboard goes live: nothing refused', async () => {
    const created = await createEvent(rig.server.url, { name: 'Policy Night', topics: ['Tea'] });
    const dashboard = await openDashboard(rig.browser, rig.server.url, created);
    const dashboardViolations = await watchViolations(dashboard);
    const reloaded = await dashboard.page.reload();
    expect(reloaded?.headers()['content-security-policy']).toContain("connect-src 'self'");
    await dashboard.page.locator('#connection[data-connection="online"]').waitFor();

    const phones = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Ann', 'Bob'], 'Tea');
    for (const phone of phones) {
      expect(await phone.page.evaluate(() => document.querySelector('[data-view="chatting"]') !== null)).toBe(true);
      expect(phone.errors).toEqual([]);
    }
    expect(await dashboardViolations()).toEqual([]);
    expect(dashboard.errors).toEqual([]);
  });
});
