import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { openDashboard, simulateAttendee, useDashboardRig, statOf, waitForStat } from './organiser-steps';
import { joinThroughForm, partnerNames, waitForView } from './steps';

jest.setTimeout(30_000);

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_LOOK = '<b>bold</b><script>alert(2)</script>';
const HOSTILE_TOPIC = '<svg onload=alert(3)>';
const HOSTILE_EVENT = '<i>Night</i> <script>alert(4)</script>';

describeInBrowser('organiser dashboard, live', () => {
  const { rig, attendees } = useDashboardRig();

  it('updates its numbers as two attendees join, look and match, without a reload', async () => {
    const created = await createEvent(rig.server.url, { name: 'Live Figures Night', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    // A reload would wipe this; it must still be there at the end.
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await waitForStat(page, 'attendees', '0');

    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', interests: ['Jazz'], lookFor: 'yellow scarf' });
    attendees.push(ann);
    await waitForStat(page, 'attendees', '1');
    // The join's figures come before her phone's connection is counted: the next push says so.
    await page.locator('[data-stat-sub="attendees"]', { hasText: /^1 online$/ }).waitFor();

    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });
    await waitForStat(page, 'looking', '1');
    const row = page.locator(`[data-attendee-id="${ann.id}"]`);
    await row.getByText('Ann').waitFor();
    await row.getByText('yellow scarf').waitFor();
    // The wait clock ticks on between pushes.
    await page.waitForFunction((id) => {
      const [m, s] = (document.querySelector(`[data-attendee-id="${id}"] .waiting-time`)?.textContent ?? '').split(':').map(Number);
      return m! * 60 + s! >= 2;
    }, ann.id);

    const bob = await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob', interests: ['Jazz'] });
    attendees.push(bob);
    const found = waitFor(bob.socket, 'match:found');
    expect(await call(bob.socket, 'match:find')).toMatchObject({ ok: true });
    await found;

    await waitForStat(page, 'matched', '2');
    await waitForStat(page, 'matches', '1');
    await waitForStat(page, 'looking', '0');
    expect(await statOf(page, 'attendees')).toBe('2');
    await row.waitFor({ state: 'detached' });
    await page.locator('[data-chart="topics"] [data-topic="Jazz"]').waitFor();
    await page.locator('[data-chart="waits"] svg rect').first().waitFor();

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('"waiting longest" lists only people whose phone is here, and says when the queue holds only phones that are away', async () => {
    const created = await createEvent(rig.server.url, { name: 'Who Is Here Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const cy = await simulateAttendee(rig.server.url, created.event.code, { name: 'Cy', lookFor: 'blue hat' });
    attendees.push(cy);
    expect(await call(cy.socket, 'match:find')).toMatchObject({ ok: true });
    const row = page.locator(`[data-attendee-id="${cy.id}"]`);
    await row.waitFor();
    expect(await page.locator('.waiting-empty').isVisible()).toBe(false);

    // Cy's phone goes; Cy keeps a place in the queue, but a host walking over would find nobody.
    cy.socket.disconnect();
    await row.waitFor({ state: 'detached' });
    await waitForStat(page, 'looking', '1');
    await page
      .locator('.waiting-empty', { hasText: 'Nobody with their phone here is waiting. 1 person is in the queue with their phone away' })
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('shows names, topics and event names that look like markup as literal text, on the dashboard and the phone', async () => {
    const created = await createEvent(rig.server.url, { name: HOSTILE_EVENT, topics: ['Security'] });
    const dash = await openDashboard(rig.browser, rig.server.url, created);

    const mallory = await simulateAttendee(rig.server.url, created.event.code, {
      name: HOSTILE_NAME,
      interests: ['Security', HOSTILE_TOPIC],
      lookFor: HOSTILE_LOOK,
    });
    attendees.push(mallory);
    expect(await call(mallory.socket, 'match:find')).toMatchObject({ ok: true });

    const row = dash.page.locator(`[data-attendee-id="${mallory.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-waiting-name]').textContent()).toBe(HOSTILE_NAME);
    expect(await row.locator('.waiting-look').textContent()).toBe(`👀 How to spot them: ${HOSTILE_LOOK}`);
    await dash.page.locator('[data-chart="topics"] li', { hasText: HOSTILE_TOPIC }).waitFor();
    expect(await dash.page.locator('#event-title').textContent()).toBe(HOSTILE_EVENT);

    // Her partner's phone, in a context of its own.
    const ann = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(ann.page, created.event.code, { name: 'Ann', topics: ['Security'] });
    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(ann.page, 'matched');
    expect(await partnerNames(ann.page)).toEqual([HOSTILE_NAME]);
    await row.waitFor({ state: 'detached' });

    for (const { page, dialogs, errors } of [dash, ann]) {
      expect(await page.locator('img[src="x"], svg[onload], script:not([type="module"]), b, i').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    }
  });
});
