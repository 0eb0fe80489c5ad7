import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { dashboardReady, organiserLink, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';
import { pageErrorsBesidesOffline } from './steps';

jest.setTimeout(30_000);

/** The laptop's clock starts at 20:14:05 in London, so "last known at" has one right answer. */
const LAPTOP_IN_LONDON = { ...LAPTOP, timezoneId: 'Europe/London' };
const EVENING = new Date('2030-05-01T20:14:05+01:00');

/**
 * A dashboard that loses its connection used to keep its figures as if live, with the waiting
 * clocks counting up for people matched meanwhile: a host could walk over to someone already
 * gone. Now it says the figures are as last known, greys them, and stops the clocks; and it is
 * live again with the server's fresh figures once back.
 */
describeInBrowser('organiser dashboard, connection lost', () => {
  const { rig, attendees } = useDashboardRig();

  it('marks the figures "last known at", stops the waiting clocks, and is live again on reconnecting', async () => {
    const created = await createEvent(rig.server.url, { name: 'Dropped Wi-Fi Night', topics: ['Jazz'] });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP_IN_LONDON);
    await page.clock.install({ time: EVENING });
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);

    const wendy = await simulateAttendee(rig.server.url, created.event.code, { name: 'Wendy', interests: ['Jazz'], lookFor: 'red coat' });
    attendees.push(wendy);
    expect(await call(wendy.socket, 'match:find')).toMatchObject({ ok: true });
    const row = page.locator(`[data-attendee-id="${wendy.id}"]`);
    const time = row.locator('.waiting-time');
    await row.waitFor();
    const banner = page.locator('[data-stale-banner]');
    expect(await banner.isVisible()).toBe(false);
    expect(await page.locator('[data-dashboard][data-stale]').count()).toBe(0);

    await page.context().setOffline(true);
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await banner.waitFor();
    expect(await banner.textContent()).toContain('as last known at 20:14');
    await page.locator('[data-dashboard][data-stale]').waitFor();
    expect(await page.locator('.now').evaluate((el) => Number(getComputedStyle(el).opacity))).toBeLessThan(1);
    await page.locator('[data-waiting-stale]', { hasText: 'Clocks stopped at 20:14' }).waitFor();

    // Twenty seconds on, Wendy's clock still says what it said when the connection went.
    const stopped = await time.textContent();
    await page.clock.fastForward(20_000);
    await page.clock.runFor(2_000);
    expect(await time.textContent()).toBe(stopped);

    // Meanwhile Wendy is matched: the dashboard cannot know, and says only what it knew.
    const xavier = await simulateAttendee(rig.server.url, created.event.code, { name: 'Xavier', interests: ['Jazz'] });
    attendees.push(xavier);
    const found = waitFor(wendy.socket, 'match:found');
    expect(await call(xavier.socket, 'match:find')).toMatchObject({ ok: true });
    await found;
    expect(await row.isVisible()).toBe(true);

    // Back online: the server's fresh figures replace the old, and nothing is greyed any more.
    await page.context().setOffline(false);
    await page.locator('#connection[data-connection="online"]').waitFor();
    await row.waitFor({ state: 'detached' });
    await waitForStat(page, 'matched', '2');
    await banner.waitFor({ state: 'hidden' });
    expect(await page.locator('[data-dashboard][data-stale]').count()).toBe(0);
    expect(await page.locator('[data-waiting-stale]').isVisible()).toBe(false);
    expect(await page.locator('.now').evaluate((el) => Number(getComputedStyle(el).opacity))).toBe(1);
    // Chromium's own line for each try to reconnect while offline; nothing else.
    expect(pageErrorsBesidesOffline(errors)).toEqual([]);
  });

  it("greys the projector's count and says when it was last known, and counts again on reconnecting", async () => {
    const created = await createEvent(rig.server.url, { name: 'Big Screen Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP_IN_LONDON);
    await page.clock.install({ time: EVENING });
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann' });
    attendees.push(ann);

    await page.locator('[data-control="projector"]').click();
    const poster = page.locator('[data-projector]');
    const countLine = poster.locator('.projector-count');
    const note = poster.locator('[data-projector-stale]');
    const opacity = () => countLine.evaluate((el) => Number(getComputedStyle(el).opacity));
    await poster.getByText('1 person mingling').waitFor();
    expect(await note.isVisible()).toBe(false);
    expect(await opacity()).toBe(1);

    await page.context().setOffline(true);
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await note.waitFor({ timeout: 5_000 });
    expect(await note.textContent()).toBe('Last known at 20:14 · reconnecting…');
    // The line and the grey come together (one read of both: in two CI runs a read of the colour
    // alone, just after the line, saw the count live).
    await page.waitForFunction(() => {
      const line = document.querySelector<HTMLElement>('[data-projector] [data-projector-stale]');
      const count = document.querySelector('[data-projector] .projector-count');
      return !!line && !line.hidden && !!count && Number(getComputedStyle(count).opacity) < 1;
    }, null, { timeout: 5_000 });

    // Meanwhile Bob joins: the poster cannot know, and says only what it knew.
    const bob = await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob' });
    attendees.push(bob);
    expect(await countLine.textContent()).toBe('1 person mingling');

    // Back online: the fresh count, live again.
    await page.context().setOffline(false);
    await page.locator('#connection[data-connection="online"]').waitFor();
    await poster.getByText('2 people mingling').waitFor();
    // Live again, the count is in full colour. (Once live: on a busy machine the socket may drop
    // and come back once more just after reconnecting, greying it again for that moment, as seen
    // once in a CI run.)
    await page.locator('[data-projector] .projector-count:not([data-stale])').waitFor();
    await note.waitFor({ state: 'hidden' });
    expect(await opacity()).toBe(1);
    expect(await poster.isVisible()).toBe(true);
    expect(pageErrorsBesidesOffline(errors)).toEqual([]);
  });
});
