import type { CreateEventResponse } from '../../shared/schemas';
import request from 'supertest';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser("the organiser's latest announcement on a phone", () => {
  const rig = useServerAndBrowser();
  /** Sends an announcement to the event, as its organiser's dashboard does. */
  const announcer = (created: CreateEventResponse) => (message: string) =>
    request(rig.server.url)
      .post(`/api/events/${created.event.id}/announce`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .send({ message })
      .expect(200);

  it('shows one sent before the phone joined, keeps a dismissed one dismissed, and shows a new one once', async () => {
    const created = await createEvent(rig.server.url, { name: 'Late Arrivals', topics: ['Jazz'] });
    const announce = announcer(created);
    await announce('Pizza is in the kitchen\n\nVegan on the left');

    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, created.event.code, { name: 'Kim', topics: ['Jazz'] });
    const banner = page.locator('#announcement');
    await banner.getByText('Pizza is in the kitchen').waitFor();
    // On the lines the organiser typed.
    expect(await banner.locator('[data-announcement]').innerText()).toBe('Pizza is in the kitchen\n\nVegan on the left');
    // When it was sent, on the phone's own 24-hour clock.
    const sent = banner.locator('time');
    expect(await sent.textContent()).toMatch(/^Sent \d{2}:\d{2}$/);
    const at = (await sent.getAttribute('datetime')) ?? '';
    expect(await sent.textContent()).toBe(await page.evaluate((iso) => {
      const d = new Date(iso);
      return `Sent ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    }, at));

    await page.getByRole('button', { name: 'Dismiss announcement' }).tap();
    await banner.waitFor({ state: 'hidden' });
    // A round trip brings a fresh state, which still carries the announcement: it stays dismissed.
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    await page.reload();
    await waitForView(page, 'waiting');
    expect(await banner.isHidden()).toBe(true);

    // A new one arrives live and by state; it shows, once.
    await announce('Talks start in 5 minutes');
    await banner.getByText('Talks start in 5 minutes').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await waitForView(page, 'idle');
    expect(await banner.locator('[data-announcement]').count()).toBe(1);
    await page.getByRole('button', { name: 'Dismiss announcement' }).tap();
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    expect(await banner.isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('takes down an announcement from before the end once the event has ended, and shows one sent after', async () => {
    const created = await createEvent(rig.server.url, { name: 'Closing Time', topics: ['Jazz'] });
    const announce = announcer(created);
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, created.event.code, { name: 'Lou', topics: ['Jazz'] });
    const banner = page.locator('#announcement');
    await announce('Short break: matching resumes in 5 minutes');
    await banner.getByText('Short break: matching resumes in 5 minutes').waitFor();

    await rig.server.app.services.events.setStatus(created.event.id, 'ended');
    await waitForView(page, 'ended');
    await banner.waitFor({ state: 'hidden' });
    // A fresh page of the ended event (its state still carries the old one) shows none either.
    await page.reload();
    await waitForView(page, 'ended');
    expect(await banner.isHidden()).toBe(true);

    // Something the organisers say after the end is news, and is shown.
    await announce('Drinks carry on at the pub next door');
    await banner.getByText('Drinks carry on at the pub next door').waitFor();
    expect(errors).toEqual([]);
  });
});
