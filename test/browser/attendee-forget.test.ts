import request from 'supertest';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { call, createEvent, joinAndConnect, waitFor, type AttendeeSocket } from '../helpers/server';
import { joinThroughForm, tokenOf, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser('forget me, from the phone', () => {
  const sockets: AttendeeSocket[] = [];
  const rig = useServerAndBrowser({ cleanup: () => sockets.forEach((s) => s.disconnect()) });

  it('deletes my data after a clear confirm, says goodbye, and the old token opens nothing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Privacy Meetup', topics: ['Jazz'] });
    const { page, errors, dialogs } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, event.code, { name: 'Gil', topics: ['Jazz'] });
    const token = await tokenOf(page, event.code);
    await page.evaluate(() => localStorage.setItem('mingle:contact', JSON.stringify({ values: { email: 'gil@example.com' }, picked: { email: true } })));

    await page.getByRole('button', { name: 'Your data' }).tap();
    const sheet = page.locator('dialog[data-sheet="privacy"]');
    await sheet.getByRole('button', { name: 'Delete my data now' }).tap();
    await sheet.getByText('Delete everything about you?').waitFor();
    await sheet.getByRole('button', { name: 'Cancel' }).tap(); // second thoughts: nothing happens
    await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${token}`).expect(200);

    await sheet.getByRole('button', { name: 'Delete my data now' }).tap();
    await sheet.getByRole('button', { name: 'Yes, delete my data' }).tap();
    await waitForView(page, 'goodbye');
    await page.getByRole('heading', { name: 'Your data is deleted 👋' }).waitFor();
    await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${token}`).expect(401);
    // Nothing of Gil's is left on the phone either: token, shared matches, saved details.
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('mingle:')));
    expect(left).toEqual([]);

    // A way back in, as someone new.
    await page.getByRole('button', { name: 'Join again' }).tap();
    await waitForView(page, 'join');
    expect([...errors, ...dialogs]).toEqual([]);
  });

  it('can be reached mid-chat from "Not comfortable?"; the partner sees only that they left', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Quick Exit', topics: ['Chess'] });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, event.code, { name: 'Hal', topics: ['Chess'] });
    const ivy = await joinAndConnect(rig.server, event.code, { name: 'Ivy', interests: ['Chess'] }, sockets);
    const found = waitFor(ivy.socket, 'match:found');
    await call(ivy.socket, 'match:find');
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await found;
    await page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(page, 'chatting');

    const ended = waitFor(ivy.socket, 'match:ended');
    await page.locator('[data-safety-link]').tap();
    await page.getByRole('button', { name: 'Leave Mingle and delete my data' }).tap();
    await page.getByRole('button', { name: 'Delete my data now' }).tap();
    await page.getByRole('button', { name: 'Yes, delete my data' }).tap();
    await waitForView(page, 'goodbye');
    // Hal left the event, not only the chat: Ivy's phone says he had to go.
    expect(await ended).toMatchObject({ reason: 'partner_left', partnerLeftEvent: true });
    // Ivy's list of people she met no longer has Hal.
    const { body } = await request(rig.server.url).get('/api/me/connections').set('authorization', `Bearer ${ivy.token}`).expect(200);
    expect(body).toEqual({ connections: [], swapped: [], reported: [] });
    expect(errors).toEqual([]);
  });
});
