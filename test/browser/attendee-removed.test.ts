import request from 'supertest';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser('an attendee the organiser removes', () => {
  const rig = useServerAndBrowser();

  it('is told so on their phone, with no offer to join again, and the phone forgets them', async () => {
    const created = await createEvent(rig.server.url, { name: 'House Rules Night', topics: ['Jazz'] });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, created.event.code, { name: 'Rex', topics: ['Jazz'] });
    await waitForView(page, 'idle');
    const [rex] = await rig.server.app.store.listAttendees(created.event.id);

    await request(rig.server.url)
      .delete(`/api/events/${created.event.id}/attendees/${rex!.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);

    await waitForView(page, 'removed');
    await page.getByRole('heading', { name: "You've been removed from this event" }).waitFor();
    await page.getByText('The organisers of House Rules Night have taken you out of the event').waitFor();
    expect(await page.getByRole('button', { name: /join/i }).count()).toBe(0);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mingle:token:')))).toEqual([]);
    // A reload says so again, rather than offer the join form the screen just said is closed.
    await page.reload();
    await page.getByText('The organisers of House Rules Night have taken you out of the event').waitFor();
    expect(await page.locator('form').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
