import { describeInBrowser, LAPTOP, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent, joinEvent } from '../helpers/server';
import { dashboardReady, openDashboard, organiserLink } from './organiser-steps';
import request from 'supertest';
import { linkNoise } from './steps';

jest.setTimeout(30_000);

describeInBrowser('organiser dashboard keeps its token out of sight', () => {
  const rig = useServerAndBrowser();

  it('stores the token from the link, wipes it from the address bar, and uses it next time', async () => {
    const created = await createEvent(rig.server.url, { name: 'Token Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, 'Token Night');

    const path = `/organiser/${created.event.id}`;
    expect(new URL(page.url()).pathname).toBe(path);
    expect(page.url()).not.toContain('#');
    expect(page.url()).not.toContain(created.organiserToken);
    expect(await page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), created.event.id)).toBe(created.organiserToken);
    // No history entry holds the token either: Back leaves the dashboard.
    expect(await page.evaluate(() => history.length)).toBe(2);

    await page.goto(path);
    await dashboardReady(page, 'Token Night');
    expect(errors).toEqual([]);
  });

  it('says so when the event is deleted (its end plus retention) while the dashboard is open, and from then on', async () => {
    const created = await createEvent(rig.server.url, { name: 'Long Gone Social' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    const { body } = await request(rig.server.url).get(`/api/events/${created.event.id}/stats`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    expect(await rig.server.app.store.sweep(Date.parse(body.deletesAt))).toBe(1);

    await page.locator('[data-signin="deleted"]').getByText('Everything about Long Gone Social has now been deleted').waitFor();
    await page.getByRole('heading', { name: 'This event has been deleted' }).waitFor();
    expect(await page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), created.event.id)).toBeNull();
    expect(errors).toEqual([]);

    // Reloaded, and opened from its old link, the dashboard still says so: no link could open it.
    const deleted = page.locator('[data-signin="deleted"]').getByText('Everything about Long Gone Social has now been deleted');
    await page.reload();
    await deleted.waitFor();
    await page.goto(organiserLink(created));
    await deleted.waitFor();
    expect(await page.locator('#organiser-link').count()).toBe(0);
    // The server refused the old link's token, as it should; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('WebSocket connection'))).toEqual([]);
  });

  it('says the event was deleted, not that a link failed, when the laptop was away as it went and its token is refused on coming back', async () => {
    const created = await createEvent(rig.server.url, { name: 'Lid Closed Social' });
    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    const { body } = await request(rig.server.url).get(`/api/events/${created.event.id}/stats`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    // The laptop's clock, to move on overnight below.
    await page.clock.install();
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    await page.locator('[data-control-state="ended"]', { hasText: 'when everything about the event is deleted' }).waitFor();

    // The lid is shut overnight: the deletion's notice never reaches this dashboard, and its
    // token is refused when the laptop is back, though the organiser opened no link at all.
    await page.context().setOffline(true);
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await page.clock.setSystemTime(Date.parse(body.deletesAt) + 60_000);
    expect(await rig.server.app.store.sweep(Date.parse(body.deletesAt))).toBe(1);
    await page.context().setOffline(false);

    await page.locator('[data-signin]').waitFor();
    expect(await page.locator('[data-signin]').getAttribute('data-signin')).toBe('deleted');
    await page.getByRole('heading', { name: 'This event has been deleted' }).waitFor();
    await page.locator('[data-signin="deleted"]').getByText('Everything about Lid Closed Social has now been deleted').waitFor();
    expect(await page.getByText("didn't work").count()).toBe(0);
    expect(await page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), created.event.id)).toBeNull();
    // And so from then on, reloaded.
    await page.reload();
    await page.locator('[data-signin="deleted"]').getByText('Everything about Lid Closed Social has now been deleted').waitFor();
    expect(errors.filter((e) => !linkNoise(e))).toEqual([]);
  });

  it('asks for the link when there is none, and accepts it pasted', async () => {
    const created = await createEvent(rig.server.url, { name: 'Paste Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(`/organiser/${created.event.id}`);
    await page.locator('[data-signin="missing"]').waitFor();

    await page.getByLabel('Organiser link or token').fill('not a link');
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await page.getByRole('alert').getByText("That doesn't look like an organiser link").waitFor();

    await page.getByLabel('Organiser link or token').fill(`${created.dashboardUrl}#token=${created.organiserToken}`);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await dashboardReady(page, 'Paste Night');
    expect(errors).toEqual([]);
  });

  it('refuses a wrong token with a clear message and the paste form', async () => {
    const created = await createEvent(rig.server.url, { name: 'Wrong Token Night' });
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(`/organiser/${created.event.id}#token=${'x'.repeat(43)}`);
    // In the organiser's words: a link Mingle does not recognise, not a token it does not know.
    await page.locator('[data-signin="UNAUTHORIZED"]').getByText("That organiser link didn't work: Mingle doesn't recognise it.").waitFor();
    expect(page.url()).not.toContain('#');
    // A refused token is not kept.
    expect(await page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), created.event.id)).toBeNull();

    // The bare token pasted works for the event on screen.
    await page.getByLabel('Organiser link or token').fill(created.organiserToken);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await dashboardReady(page, 'Wrong Token Night');
  });

  it("refuses an attendee's token and another event's token as forbidden", async () => {
    const created = await createEvent(rig.server.url, { name: 'Forbidden Night' });
    const other = await createEvent(rig.server.url, { name: 'Other Night' });
    const attendee = await joinEvent(rig.server.url, created.event.code, { name: 'Ann' });

    for (const token of [attendee.token, other.organiserToken]) {
      const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
      await page.goto(`/organiser/${created.event.id}#token=${token}`);
      await page.locator('[data-signin="FORBIDDEN"]').getByText("That link can't open this dashboard").waitFor();
      await page.getByLabel('Organiser link or token').waitFor();
      expect(await page.locator('[data-dashboard]').count()).toBe(0);
      expect(errors).toEqual([]);
    }
  });
});
