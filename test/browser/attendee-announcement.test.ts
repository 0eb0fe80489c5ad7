import request from 'supertest';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser("the organiser's latest announcement on a phone", () => {
  const rig = useServerAndBrowser();

  it('shows one sent before the phone joined, keeps a dismissed one dismissed, and shows a new one once', async () => {
    const created = await createEvent(rig.server.url, { name: 'Late Arrivals', topics: ['Jazz'] });
    const announce = (message: string) =>
      request(rig.server.url)
        .post(`/api/events/${created.event.id}/announce`)
        .set('authorization', `Bearer ${created.organiserToken}`)
        .send({ message })
        .expect(200);
    await announce('Pizza is in the kitchen');

    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, created.event.code, { name: 'Kim', topics: ['Jazz'] });
    const banner = page.locator('#announcement');
    await banner.getByText('Pizza is in the kitchen').waitFor();

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
});
