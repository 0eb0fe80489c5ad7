import { createEvent } from '../helpers/server';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser('attendee page remembers the phone', () => {
  const rig = useServerAndBrowser();

  it('resumes after a reload instead of joining again', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Reload Night', topics: ['Books'] });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    const joins: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/events/${event.code}/attendees`)) joins.push(req.url());
    });

    await joinThroughForm(page, event.code, { name: 'Dee', topics: ['Books'] });
    const key = `mingle:token:${event.code}`;
    const token = await page.evaluate((k) => localStorage.getItem(k), key);
    expect(token).toEqual(expect.any(String));

    await page.reload();
    await waitForView(page, 'idle');
    await page.getByRole('heading', { name: 'Hi Dee 👋' }).waitFor();
    expect(await page.locator('[data-view="join"]').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(token);
    expect(joins).toHaveLength(1);

    // Looking survives a reload too: the server's state decides what the page shows.
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    await page.reload();
    await waitForView(page, 'waiting');
    expect(joins).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('drops a token the rig.server refuses and shows the join form', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Stale Token Club' });
    const { page } = await openPage(rig.browser, rig.server.url);
    const key = `mingle:token:${event.code}`;
    await page.goto('/'); // same origin, so the stale token can be planted before the page loads
    await page.evaluate((k) => localStorage.setItem(k, 'not-a-real-token-0123456789'), key);

    await page.goto(`/e/${event.code}`);
    await waitForView(page, 'join');
    await page.getByText('Please join again').waitFor();
    expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBeNull();
  });
});
