import type { Page, Request } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { dashboardReady, organiserLink, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';
import { pageErrorsBesidesOffline, workerReady } from './steps';
import { OFFLINE_NO_FIGURES } from '../../client/src/organiser/views/stale';

jest.setTimeout(60_000);

/** Once the dashboard's service worker has kept the page and its files, and controls it. */
const dashboardWorkerReady = (page: Page) => workerReady(page, /\/organiser\/sw\.js$/);

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

  /**
   * A new event's dashboard on a laptop, its service worker in control, with `first` joined
   * (and counted) if given.
   */
  async function dashboardOf(name: string, first?: string) {
    const created = await createEvent(rig.server.url, { name, topics: ['Jazz'] });
    const tracked = await openPage(rig.browser, rig.server.url, LAPTOP);
    await tracked.page.goto(organiserLink(created));
    await dashboardReady(tracked.page, created.event.name);
    if (first) {
      attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: first, interests: ['Jazz'] }));
      await waitForStat(tracked.page, 'attendees', '1');
    }
    await dashboardWorkerReady(tracked.page);
    return { created, ...tracked };
  }

  it('shows the last figures, marked as last known, then goes live by itself once back', async () => {
    const { created, page, errors } = await dashboardOf('Wi-Fi Drop Social', 'Ann');
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
    // The banner across the top, the figures right under it, then the columns: the figures once
    // went to the foot of the page, under both columns, as the banner took their row of the grid.
    expect(await page.evaluate(() => {
      const bottom = (s: string) => document.querySelector(s)!.getBoundingClientRect().bottom;
      const top = (s: string) => document.querySelector(s)!.getBoundingClientRect().top;
      return { figuresUnderBanner: top('.now') > bottom('[data-stale-banner]'), columnsUnderFigures: top('.dash-main') > bottom('.now') && top('.dash-side') > bottom('.now') };
    })).toEqual({ figuresUnderBanner: true, columnsUnderFigures: true });

    // Meanwhile Bob joins, for the count to change once the dashboard is back.
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob', interests: ['Jazz'] }));

    // The token went nowhere new: not into the address bar, the page, the tab's kept figures, the
    // worker's cache, nor any request's URL or headers.
    const token = created.organiserToken;
    expect(page.url()).not.toContain(token);
    expect(await page.content()).not.toContain(token);
    const kept = await keptInBrowser(page);
    expect(kept.session).toContain('Wi-Fi Drop Social');
    expect(kept.session).not.toContain(token);
    // The figures are the tab's alone: not in localStorage, which every tab and a restart share.
    expect(kept.local).not.toContain('"attendees"');
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
    const { created, page } = await dashboardOf('Projector Night', 'Cy');

    await page.context().setOffline(true);
    await page.reload();
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await page.locator('[data-control="projector"]:not([disabled])').click();
    const poster = page.locator('[data-projector]');
    await poster.locator('[data-projector-stale]', { hasText: /^Last known at \d\d:\d\d · reconnecting…$/ }).waitFor();
    await poster.locator('.projector-count[data-stale]').waitFor();
    expect(await poster.locator('.projector-count').textContent()).toBe('1 person mingling');
    // The QR code is drawn by the server (never from the cache): offline it cannot come.
    const drawn = () => poster.locator('img.projector-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('img.projector-qr')?.complete === true);
    expect(await drawn()).toBe(false);
    // The room sees a note in its place, not a broken image.
    await poster.locator('[data-projector-qr-waiting]', { hasText: 'The QR code will be back in a moment.' }).waitFor();
    expect(await poster.locator('img.projector-qr').isVisible()).toBe(false);

    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Dee' }));
    await page.context().setOffline(false);
    await poster.getByText('2 people mingling').waitFor();
    await poster.locator('[data-projector-stale]').waitFor({ state: 'hidden' });
    // Back online, the same link: the drawing is asked for again, and comes.
    await page.waitForFunction(() => (document.querySelector<HTMLImageElement>('img.projector-qr')?.naturalWidth ?? 0) > 0);
    expect(await drawn()).toBe(true);
    await poster.locator('img.projector-qr').waitFor();
    expect(await poster.locator('[data-projector-qr-waiting]').isVisible()).toBe(false);
  });

  it('on Wi-Fi that connects but never answers, shows the kept figures after 3 s, not after socket.io gives up at 20 s', async () => {
    const { page } = await dashboardOf('Hanging Wi-Fi Social', 'Gus');

    // The socket opens and nothing ever answers on it; the page's clock is the test's, stopped
    // until the test moves it on.
    await page.routeWebSocket(/\/socket\.io\//, () => {});
    const now = Date.now();
    await page.clock.install({ time: now });
    await page.clock.pauseAt(now + 1_000);
    await page.reload();
    await page.locator('#connection[data-connection="connecting"]').waitFor();
    await page.clock.runFor(3_500);
    await page.locator('[data-stale-banner]').getByText(/as last known at \d\d:\d\d/).waitFor();
    expect(await page.locator('#connection').getAttribute('data-connection')).toBe('offline');
    expect(await page.locator('[data-stat="attendees"]').textContent()).toBe('1');
  });

  it("never shows kept figures past the event's deletion, and forgets them", async () => {
    // A tab left open overnight, past the time the event's data was deleted, reloaded offline:
    // its names and reports went with the event's data, and do not come back from the tab's storage.
    const { created, page } = await dashboardOf('Overnight Lid Shut', 'Hal');
    const key = `mingle:dashboard:${created.event.id}`;
    await page.evaluate((k) => {
      const kept = JSON.parse(sessionStorage.getItem(k)!) as { stats: { deletesAt: string } };
      kept.stats.deletesAt = new Date(Date.now() - 60_000).toISOString();
      sessionStorage.setItem(k, JSON.stringify(kept));
    }, key);

    await page.context().setOffline(true);
    await page.reload();
    await page.locator('[data-stale-banner]', { hasText: OFFLINE_NO_FIGURES }).waitFor();
    expect(await page.locator('[data-stat="attendees"]').textContent()).toBe('–');
    expect(await page.evaluate((k) => sessionStorage.getItem(k), key)).toBeNull();
    await page.context().setOffline(false);
  });

  it('in a tab that kept no figures, shows the dashboard saying it is offline, with no figures as if live', async () => {
    const { created, page } = await dashboardOf('Fresh Tab Evening');

    // A new tab (nothing in its sessionStorage), opened from the link saved on this laptop.
    await page.context().setOffline(true);
    const tab = await page.context().newPage();
    await tab.goto(`/organiser/${created.event.id}`);
    await tab.locator('#connection[data-connection="offline"]').waitFor();
    await tab.locator('[data-stale-banner]', { hasText: OFFLINE_NO_FIGURES }).waitFor();
    expect(await tab.locator('[data-stat="attendees"]').textContent()).toBe('–');

    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Eve' }));
    await page.context().setOffline(false);
    await dashboardReady(tab, created.event.name);
    await waitForStat(tab, 'attendees', '1');
    await tab.locator('[data-stale-banner]').waitFor({ state: 'hidden' });
  });

  it('never answers the API from its cache', async () => {
    const { created, page } = await dashboardOf('Cache Check');
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
