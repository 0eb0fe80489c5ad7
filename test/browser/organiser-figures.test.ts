import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { openDashboard, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';

jest.setTimeout(30_000);

describeInBrowser('the big numbers say what they count', () => {
  const { rig, attendees } = useDashboardRig();

  it('"Came alone" says it counts only those here now, and the label still fits its box', async () => {
    const created = await createEvent(rig.server.url, { name: 'Solo Count Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', solo: true }));
    await waitForStat(page, 'solo', '1');
    const figure = page.locator('.figure', { has: page.locator('[data-stat="solo"]') });
    expect(await figure.locator('.figure-label').textContent()).toBe('Came alone (here now)');
    expect(await figure.getAttribute('title')).toBe('Online now, and here on their own.');
    const fits = await figure.locator('.figure-label').evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    expect(errors).toEqual([]);
  });
});
