import { describeInBrowser, openPage } from '../helpers/browser';
import { connectOrganiser, control, createEvent, type OrganiserSocket } from '../helpers/server';
import { deleteEventData, goneWords, joinThroughForm, meetOnTwoPhones, setVisible, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * Once an event's data is deleted (its end plus the retention period), a phone still connected
 * is told `event:deleted` (docs/PROTOCOL.md): it signs out at once, without trying its dead token
 * again, and says the event is gone rather than "join again" or "check the poster".
 */
describeInBrowser('The event deleted under a connected phone', () => {
  // The lookup of the event the server no longer has is a 404, and a list asked for with the
  // dead token a 401, which Chromium logs.
  const rig = usePhoneRig((e) => /status of 40[14]/.test(e));
  const dashboards: OrganiserSocket[] = [];
  afterEach(() => dashboards.splice(0).forEach((s) => s.disconnect()));

  /** Ann joins `code` on a phone; `sockets` lists every connection the phone opens to the server. */
  async function annJoined(code: string) {
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    const { page } = ann;
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    // Joined: the idle screen shows once the connection's first `state` is in.
    await joinThroughForm(page, code, { name: 'Ann', topics: ['Jazz'] });
    expect(sockets).toHaveLength(1);
    return { page, sockets };
  }

  it('says Mingle no longer has the event, and has forgotten the person', async () => {
    const { event, organiserToken } = await createEvent(rig.server.url, { name: 'Gone Tomorrow Gala', topics: ['Jazz'] });
    // The instance that notices the deletion is one with the event's dashboard open.
    const dashboard = await connectOrganiser(rig.server.url, organiserToken, event.id);
    dashboards.push(dashboard);

    const { page, sockets } = await annJoined(event.code);

    // The event ends; its end plus the retention period comes, and its data goes.
    expect(await control(dashboard, 'event:end')).toMatchObject({ ok: true });
    const deleted = new Promise((resolve) => dashboard.once('event:deleted', resolve));
    expect(await deleteEventData(rig.server, event.id)).toBe(1);
    expect(await deleted).toEqual({ eventId: event.id });

    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    // Over, not failed: nothing to try again.
    expect(await page.getByRole('heading', { name: 'This event is over' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.getByText('Please join again').count()).toBe(0);
    expect(await page.getByText('Check the poster').count()).toBe(0);
    expect(await page.getByText('Reconnecting…').isHidden()).toBe(true);
    // Told, it let the token go at once: no second connection to be refused.
    expect(sockets).toHaveLength(1);
    expect(await page.evaluate((k) => localStorage.getItem(k), `mingle:token:${event.code}`)).toBeNull();

    // Reloaded, the event is still gone, in the same words: no join form, and no token back.
    await page.reload();
    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    expect(await page.getByText('Check the poster').count()).toBe(0);
    expect(await page.locator('[data-view="join"]').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), `mingle:token:${event.code}`)).toBeNull();
    await page.context().close();
  });

  it('with no dashboard open, the instance the phone is connected to tells it when it next vouches for it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Unwatched Gala', topics: ['Jazz'] });
    const { page, sockets } = await annJoined(event.code);

    await rig.server.app.services.organisers.setStatus(event.id, 'ended');
    expect(await deleteEventData(rig.server, event.id)).toBe(1);
    // What the presence timer does every 10 s: it finds the event gone, and tells the phone.
    await rig.server.app.presence.refresh();

    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    expect(await page.getByRole('heading', { name: 'This event is over' }).count()).toBe(1);
    expect(await page.getByText('Please join again').count()).toBe(0);
    expect(sockets).toHaveLength(1);
    expect(await page.evaluate((k) => localStorage.getItem(k), `mingle:token:${event.code}`)).toBeNull();
    await page.context().close();
  });

  it('tapping before any instance noticed, the tap signs the phone out with the same words', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Quietly Gone', topics: ['Jazz'] });
    // Chatting when the event ends: their match carries on, and the data goes while it does.
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    await rig.server.app.services.organisers.setStatus(event.id, 'ended');
    // Its instance vouches every 10 s, and would tell the phone first (the test above): held
    // back here, so the tap is what finds out, however slow the machine.
    const presence = rig.server.app.presence;
    presence.stop();
    try {
      expect(await deleteEventData(rig.server, event.id)).toBe(1);
      // Nobody told the phone yet. Its tap is refused UNAUTHORIZED, not "Attendee not found".
      await bob.page.getByRole('button', { name: 'Done chatting' }).tap();
    } finally {
      presence.start();
    }
    const { page } = bob;
    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    expect(await page.getByText('Attendee not found').count()).toBe(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), `mingle:token:${event.code}`)).toBeNull();
  });
  it('on the thank-you screen, with nobody to tell it, the phone finds out once it is back in view', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Pocketed Gala', topics: ['Jazz'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    await bob.page.getByRole('button', { name: 'Done chatting' }).tap();
    await rig.server.app.services.organisers.setStatus(event.id, 'ended');
    const { page } = ann;
    await waitForView(page, 'ended');
    await setVisible(page, false);
    expect(await deleteEventData(rig.server, event.id)).toBe(1);
    await setVisible(page, true);
    await waitForView(page, 'missing');
    await page.getByText(goneWords(event.code)).waitFor();
    expect(await page.evaluate((k) => localStorage.getItem(k), `mingle:token:${event.code}`)).toBeNull();
    await page.context().close();
  });
});
