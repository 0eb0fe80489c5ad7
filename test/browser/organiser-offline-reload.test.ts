import type { Page, Request } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { dashboardReady, organiserLink, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';
import { pageErrorsBesidesOffline } from './steps';

jest.setTimeout(60_000);

/** What the banner says when the dashboard has no figures to show (views/stale.ts). */
const NO_FIGURES = 'You’re offline: Mingle will reconnect by itself; the figures come back when it does.';

/** Once the dashboard's service worker has kept the page and its files. */
async function workerReady(page: Page): Promise<void> {
  expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL ?? ''))).toMatch(/\/organiser\/sw\.js$/);
}

/** Everything this page's origin keeps (both storages, and every cached URL), as one string. */
const keptInBrowser = (page: Page) =>
  page.evaluate(async () => {
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) cached.push(`${name} ${request.url}`);
    }
    return { local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cached };
  });

/** Every HTTP request the laptop makes, its service worker's included: URL and headers. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.context().on('request', (request: Request) => seen.push(`${request.url()} ${JSON.stringify(request.headers())}`));
  return seen;
}

/**
 * The venue's Wi-Fi drops and the organiser reloads the dashboard: the browser used to show its
 * own "no internet" page, and the dashboard was gone until the network came back. Now its service
 * worker (client/src/service-worker.ts, built to /organiser/sw.js) serves the page, which shows
 * the figures this tab last had, greyed and "as last known at", and is live again by itself.
 */
describeInBrowser('the organiser dashboard reloaded offline', () => {
  const { rig, attendees } = useDashboardRig();

  it('shows the last figures, marked as last known, then goes live by itself once back', async () => {
    const created = await createEvent(rig.server.url, { name: 'Wi-Fi Drop Social', topics: ['Jazz'] });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', interests: ['Jazz'] }));
    await waitForStat(page, 'attendees', '1');
    await workerReady(page);
    const requests = recordRequests(page);

    await page.context().setOffline(true);
    await page.reload();
    // The dashboard, not Chromium's error page: from the worker's cache.
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await page.locator('#event-title', { hasText: created.event.name }).waitFor();
    const banner = page.locator('[data-stale-banner]');
    await banner.getByText(/as last known at \d\d:\d\d/).waitFor();
    await page.locator('[data-dashboard][data-stale]').waitFor();
    expect(await page.locator('[data-stat="attendees"]').textContent()).toBe('1');
    expect(await page.locator('#connection').textContent()).toBe('Reconnecting…');

    // Meanwhile Bob joins: the dashboard cannot know, and says only what it knew.
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob', interests: ['Jazz'] }));
    expect(await page.locator('[data-stat="attendees"]').textContent()).toBe('1');

    // The token went nowhere new: not into the address bar, the page, the tab's kept figures, the
    // worker's cache, nor any request's URL or headers.
    const token = created.organiserToken;
    expect(page.url()).not.toContain(token);
    expect(await page.content()).not.toContain(token);
    const kept = await keptInBrowser(page);
    expect(kept.session).toContain('Wi-Fi Drop Social');
    expect(kept.session).not.toContain(token);
    expect(kept.cached.join('\n')).not.toContain(token);
    expect(kept.cached.filter((url) => !/ http:\/\/[^/]+\/(organiser\.html|assets\/)/.test(url))).toEqual([]);
    expect(requests.filter((r) => r.includes(token))).toEqual([]);

    // Back online: no reload, the server's own figures, live and in full colour.
    await page.context().setOffline(false);
    await page.locator('#connection[data-connection="online"]').waitFor();
    await waitForStat(page, 'attendees', '2');
    await banner.waitFor({ state: 'hidden' });
    expect(await page.locator('[data-dashboard][data-stale]').count()).toBe(0);
    expect(pageErrorsBesidesOffline(errors).filter((e) => !e.includes('WebSocket connection'))).toEqual([]);
  });

  it("opens projector mode offline with the last count greyed and said to be last known", async () => {
    const created = await createEvent(rig.server.url, { name: 'Projector Night' });
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Cy' }));
    await waitForStat(page, 'attendees', '1');
    await workerReady(page);

    await page.context().setOffline(true);
    await page.reload();
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await page.locator('[data-control="projector"]:not([disabled])').click();
    const poster = page.locator('[data-projector]');
    await poster.locator('[data-projector-stale]', { hasText: /^Last known at \d\d:\d\d · reconnecting…$/ }).waitFor();
    await poster.locator('.projector-count[data-stale]').waitFor();
    expect(await poster.locator('.projector-count').textContent()).toBe('1 person mingling');

    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Dee' }));
    await page.context().setOffline(false);
    await poster.getByText('2 people mingling').waitFor();
    await poster.locator('[data-projector-stale]').waitFor({ state: 'hidden' });
  });

  it('in a tab that kept no figures, shows the dashboard saying it is offline, with no figures as if live', async () => {
    const created = await createEvent(rig.server.url, { name: 'Fresh Tab Evening' });
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    await workerReady(page);

    // A new tab (nothing in its sessionStorage), opened from the link saved on this laptop.
    await page.context().setOffline(true);
    const tab = await page.context().newPage();
    await tab.goto(`/organiser/${created.event.id}`);
    await tab.locator('#connection[data-connection="offline"]').waitFor();
    await tab.locator('[data-stale-banner]', { hasText: NO_FIGURES }).waitFor();
    expect(await tab.locator('[data-stat="attendees"]').textContent()).toBe('–');

    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Eve' }));
    await page.context().setOffline(false);
    await dashboardReady(tab, created.event.name);
    await waitForStat(tab, 'attendees', '1');
    await tab.locator('[data-stale-banner]').waitFor({ state: 'hidden' });
  });

  it('never answers the API from its cache', async () => {
    const created = await createEvent(rig.server.url, { name: 'Cache Check' });
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    await workerReady(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '')).toMatch(/\/organiser\/sw\.js$/);

    const stats = (path: string, token: string) =>
      page.evaluate(
        ([p, t]) =>
          fetch(p!, { headers: { authorization: `Bearer ${t}` } }).then(
            async (res) => `${res.status} ${((await res.json()) as { attendees?: number }).attendees}`,
            (err: Error) => `failed: ${err.name}`,
          ),
        [path, token] as const,
      );
    const path = `/api/events/${created.event.id}/stats`;
    expect(await stats(path, created.organiserToken)).toBe('200 0');
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Fin' }));
    // Through the worker, yet the server's answer now, not the one it saw a moment ago.
    expect(await stats(path, created.organiserToken)).toBe('200 1');

    await page.context().setOffline(true);
    expect(await stats(path, created.organiserToken)).toBe('failed: TypeError');
    const { cached } = await keptInBrowser(page);
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.filter((url) => url.includes('/api/') || url.includes('/socket.io/'))).toEqual([]);
    await page.context().setOffline(false);
  });
});
