import type { Page } from 'playwright-core';
import { JOIN_REFRESH_MS } from '../../client/src/attendee/join-refresh';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { connectOrganiser, control, createEvent, type OrganiserSocket } from '../helpers/server';
import { deleteEventData, fillJoinForm, goneWords, setVisible, waitForView } from './steps';

jest.setTimeout(30_000);

/** Counts the page's lookups of the event (GET /api/events/CODE), as the server would see them. */
function countLookups(page: Page, code: string): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/events/${code}`) n += 1;
  });
  return () => n;
}

/** Chromium's own console line for a refused fetch (the 409), which no script can hold back. */
const besidesRefusals = (errors: string[]) => errors.filter((e) => !e.includes('Failed to load resource'));

describeInBrowser('a join form left open learns that the event has ended', () => {
  const sockets: OrganiserSocket[] = [];
  const rig = useServerAndBrowser({ cleanup: () => sockets.forEach((s) => s.disconnect()) });

  /** An event, and its organiser's dashboard socket. */
  async function eventWithDashboard(name: string) {
    const created = await createEvent(rig.server.url, { name });
    const dashboard = await connectOrganiser(rig.server.url, created.organiserToken, created.event.id);
    sockets.push(dashboard);
    return { event: created.event, dashboard };
  }

  it('while it sits on screen: the heading follows a rename and a pause, then the thank-you replaces the form, and asking stops', async () => {
    const { event, dashboard } = await eventWithDashboard('Door Night');
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    const lookups = countLookups(page, event.code);
    await page.clock.install();
    await fillJoinForm(page, event.code, { name: 'Larry' });

    expect(await control(dashboard, 'event:update', { name: 'Door Night II' })).toMatchObject({ ok: true });
    expect(await control(dashboard, 'event:pause')).toMatchObject({ ok: true });
    await page.clock.runFor(JOIN_REFRESH_MS);
    await page.getByRole('heading', { name: 'Door Night II' }).waitFor();
    await page.getByText('Matching is paused, back soon. You can join now.').waitFor();
    expect(await page.getByLabel('Your first name').inputValue()).toBe('Larry');

    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    await page.clock.runFor(JOIN_REFRESH_MS);
    await waitForView(page, 'ended');
    await page.getByText('Door Night II has wrapped up.').waitFor();
    expect(await page.getByRole('button', { name: 'Join', exact: true }).count()).toBe(0);

    // An end is final: the page has nothing left to ask, however long it stays open.
    const asked = lookups();
    await page.clock.runFor(10 * JOIN_REFRESH_MS);
    await setVisible(page, false);
    await setVisible(page, true);
    // Requests are reported in the order they are sent: one sent now comes after any lookup above.
    await Promise.all([page.waitForRequest((r) => r.url().endsWith('/healthz')), page.evaluate(() => fetch('/healthz'))]);
    expect(lookups()).toBe(asked);
    expect(errors).toEqual([]);
  });

  it('when the phone is taken out of a pocket, without waiting for the next check', async () => {
    const { event, dashboard } = await eventWithDashboard('Pocket Night');
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await page.clock.install();
    await fillJoinForm(page, event.code, { name: 'Pat' });
    await setVisible(page, false);

    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    await setVisible(page, true);
    await waitForView(page, 'ended');
    await page.getByText('Pocket Night has wrapped up.').waitFor();
    expect(errors).toEqual([]);
  });

  it('when Join is tapped just after the end, before the page had asked: the thank-you in place, no reload, no error shown', async () => {
    const { event, dashboard } = await eventWithDashboard('Late Night');
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await fillJoinForm(page, event.code, { name: 'Lou' });
    // Survives only if the page is not loaded again.
    await page.evaluate(() => Object.assign(window, { stillThisPage: true }));

    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'ended');
    await page.getByText('Late Night has wrapped up.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
    expect(await page.getByRole('heading', { name: 'Thanks for coming! 🎉' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(besidesRefusals(errors)).toEqual([]);
  });

  it('put away through the end and the deletion of the event: one lookup when shown again, then none', async () => {
    const { event, dashboard } = await eventWithDashboard('Long Gone Night');
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    const lookups = countLookups(page, event.code);
    await page.clock.install();
    await fillJoinForm(page, event.code, { name: 'Dee' });
    await setVisible(page, false);

    await endAndDelete(dashboard, event.id);
    const asked = lookups();
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === `/api/events/${event.code}`), setVisible(page, true)]);
    expect(lookups()).toBe(asked + 1);
    await waitForView(page, 'missing');

    // Each further miss would count against the address a venue's phones may share.
    await page.clock.runFor(10 * JOIN_REFRESH_MS);
    await setVisible(page, false);
    await setVisible(page, true);
    await Promise.all([page.waitForRequest((r) => r.url().endsWith('/healthz')), page.evaluate(() => fetch('/healthz'))]);
    expect(lookups()).toBe(asked + 1);
    expect(besidesRefusals(errors)).toEqual([]);
  });
  /** Ends the event and deletes its data, as the sweep does once its retention period is over. */
  async function endAndDelete(dashboard: OrganiserSocket, eventId: string) {
    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    // The other tests' events go with it: the sweep deletes every event due by then.
    await deleteEventData(rig.server, eventId);
    expect(await rig.server.app.store.getEvent(eventId)).toBeFalsy();
  }

  it('deleted while it sits on screen: the next check puts "Mingle no longer has the event" in place of the form', async () => {
    const { event, dashboard } = await eventWithDashboard('Swept Night');
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await page.clock.install();
    await fillJoinForm(page, event.code, { name: 'Sam' });

    // Ended and deleted between two checks: the next one is a 404, never a status of ended.
    await endAndDelete(dashboard, event.id);
    await page.clock.runFor(JOIN_REFRESH_MS);
    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    expect(await page.getByRole('heading', { name: 'This event is over' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Join', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(besidesRefusals(errors)).toEqual([]);
  });

  it('deleted before the page had asked, Join shows the same words, not the server\'s', async () => {
    const { event, dashboard } = await eventWithDashboard('Swept Late Night');
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await fillJoinForm(page, event.code, { name: 'Sue' });

    await endAndDelete(dashboard, event.id);
    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    expect(await page.getByText('not found').count()).toBe(0);
    expect(besidesRefusals(errors)).toEqual([]);
  });
});
