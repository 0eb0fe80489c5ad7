import type { Page } from 'playwright-core';
import request from 'supertest';
import { describeInBrowser, newDevice, openPage, PHONE } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, linkNoise, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * The organiser removes someone whose phone is offline (a dead spot in the venue, a locked
 * screen): `attendee:removed` reaches nobody. Back online, the phone must still say they were
 * removed, not "no longer signed in… join again" with a join form.
 */
describeInBrowser('removed by the organiser while the phone was offline', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);

  async function remove(eventId: string, organiserToken: string, page?: Page): Promise<void> {
    const [rex] = await rig.server.app.store.listAttendees(eventId);
    await request(rig.server.url).delete(`/api/events/${eventId}/attendees/${rex!.id}`).set('authorization', `Bearer ${organiserToken}`).expect(204);
    // It is gone on the server; the phone has heard nothing.
    if (page) expect(await page.locator('[data-view="removed"]').count()).toBe(0);
  }

  async function expectRemovedScreen(page: Page, eventName: string, code: string): Promise<void> {
    await waitForView(page, 'removed');
    await page.getByRole('heading', { name: "You've been removed from this event" }).waitFor();
    await page.getByText(`The organisers of ${eventName} have taken you out of the event`).waitFor();
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.getByText('no longer signed in').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), `mingle:token:${code}`)).toBeNull();
  }

  it('comes back online to the removed screen', async () => {
    const created = await createEvent(rig.server.url, { name: 'Basement Bar', topics: ['Jazz'] });
    const phone = await openPage(rig.browser, rig.server.url);
    rig.pages.push(phone);
    await joinThroughForm(phone.page, created.event.code, { name: 'Rex', topics: ['Jazz'] });
    await phone.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(phone.page, 'waiting');
    await phone.page.context().setOffline(true);
    await phone.page.getByText('Reconnecting…').waitFor();

    await remove(created.event.id, created.organiserToken, phone.page);

    await phone.page.context().setOffline(false);
    await expectRemovedScreen(phone.page, 'Basement Bar', created.event.code);
  });

  it('a tab the phone dropped meanwhile reopens to the removed screen, naming the event', async () => {
    const created = await createEvent(rig.server.url, { name: 'Rooftop Social' });
    const phone = await openPage(rig.browser, rig.server.url);
    rig.pages.push(phone);
    await joinThroughForm(phone.page, created.event.code, { name: 'Rex' });
    const kept = await phone.page.context().storageState();
    await phone.page.context().close();

    await remove(created.event.id, created.organiserToken);

    const context = await newDevice(rig.browser, { ...PHONE, baseURL: rig.server.url, storageState: kept });
    const page = await context.newPage();
    await page.goto(`/e/${created.event.code}`);
    await expectRemovedScreen(page, 'Rooftop Social', created.event.code);
    await context.close();
  });
});
