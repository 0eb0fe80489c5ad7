import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import { organiserLink, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/**
 * The dashboard knows the event (`event:updated`) before its figures (`stats`), and on a slow
 * link or for a big event the gap is long enough to read. The cards used to say their words for
 * none meanwhile: "Nobody is waiting right now." with someone in the queue. Now, until the first
 * figures, they only say the figures are on their way. The figures are held back here until the
 * test lets them through.
 */
describeInBrowser('before the first figures, the dashboard claims nothing', () => {
  const { rig, attendees } = useDashboardRig();

  it('the cards say the figures are on their way, then show them', async () => {
    const created = await createEvent(rig.server.url, { name: 'Slow Link Night', topics: ['Jazz'] });
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', interests: ['Jazz'] });
    attendees.push(ann);
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });

    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    const held: (() => void)[] = [];
    let holding = true;
    let firstHeld: () => void = () => {};
    const someHeld = new Promise<void>((resolve) => (firstHeld = resolve));
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (!holding || !String(message).startsWith('42/organiser,["stats"')) return ws.send(message);
        held.push(() => ws.send(message));
        firstHeld();
      });
    });
    await page.goto(organiserLink(created));
    await page.locator('#event-title', { hasText: created.event.name }).waitFor();
    await page.locator('#connection[data-connection="online"]').waitFor();
    await someHeld;

    const loading = 'Loading the figures…';
    expect(await page.locator('.waiting-empty').textContent()).toBe(loading);
    expect(await page.locator('.waiting-empty').isVisible()).toBe(true);
    expect(await page.locator('.reports-empty').textContent()).toBe(loading);
    expect(await page.locator('.chart-empty').allTextContents()).toEqual([loading, loading, loading]);
    expect(new Set(await page.locator('.figure-value').allTextContents())).toEqual(new Set(['–']));
    // The poster claims nobody has joined ("Be the first to join!") no more than the cards do.
    await page.locator('[data-control="projector"]').click();
    expect(await page.locator('.projector-count').isVisible()).toBe(false);
    await page.keyboard.press('Escape');

    holding = false;
    held.splice(0).forEach((send) => send());
    await page.locator('.waiting-row [data-waiting-name]', { hasText: 'Ann' }).waitFor();
    expect(await page.locator('.waiting-empty').isVisible()).toBe(false);
    await page.locator('.reports-empty', { hasText: 'No reports. If someone reports a problem, it shows up here.' }).waitFor();
    await page.locator('[data-chart="per-minute"] .chart-empty', { hasText: 'The first matches will show here, minute by minute.' }).waitFor();
    expect(await page.locator('[data-stat="looking"]').textContent()).toBe('1');
    expect(errors).toEqual([]);
  });
});
