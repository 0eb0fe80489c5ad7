import request from 'supertest';
import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { call, connectAttendee, createEvent, joinEvent, type AttendeeSocket } from '../helpers/server';
import { fillJoinForm, joinThroughForm, matchTwoPhones, meetOnTwoPhones, submitJoin, tokenOf, waitForSettled, waitForView } from './steps';

jest.setTimeout(45_000);

/** The middle of a button, as a thumb would tap it. */
async function centreOf(page: Page, name: string): Promise<{ x: number; y: number }> {
  const box = await page.getByRole('button', { name }).boundingBox();
  if (!box) throw new Error(`no button ${name}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Whether a button covers a point of the screen. */
async function covers(page: Page, name: string, { x, y }: { x: number; y: number }): Promise<boolean> {
  const box = await page.getByRole('button', { name }).boundingBox();
  return box !== null && x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

describeInBrowser('attendee taps that should not do what they did', () => {
  const sockets: AttendeeSocket[] = [];
  const rig = useServerAndBrowser({ cleanup: () => sockets.forEach((s) => s.disconnect()) });

  it('a double tap on "We found each other" does not also press "Find someone new" in the same spot', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Double Tap Social', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    const spot = await centreOf(ann.page, 'We found each other');
    await waitForSettled(ann.page); // the match card has been up a moment
    // The hold at its real length, not the tests' short one (TEST_SETTLE_MS).
    await ann.page.evaluate(() => delete (window as { mingleSettleMs?: number }).mingleSettleMs);
    // Time stands still on Ann's phone from here: the moment after the new screen appears lasts.
    await ann.page.clock.install();
    await ann.page.clock.pauseAt((await ann.page.evaluate(() => Date.now())) + 1_000);

    await ann.page.touchscreen.tap(spot.x, spot.y);
    // Polled on a timer: the paused clock holds the animation frames that waitFor polls on.
    await ann.page.waitForFunction(() => document.querySelector('[data-view="chatting"]'), null, { polling: 20 });
    // The second tap of the double tap: the button now under the thumb is "Find someone new".
    expect(await covers(ann.page, 'Find someone new', spot)).toBe(true);
    await ann.page.touchscreen.tap(spot.x, spot.y);
    // A tap that went through would have sent the leave at once, marking the page busy.
    expect(await ann.page.locator('#app').getAttribute('aria-busy')).toBe('false');

    // Still held 450 ms on; a moment later (the hold is 500 ms) the same button works, as a deliberate tap.
    await ann.page.clock.runFor(450);
    expect(await ann.page.locator('#app').getAttribute('class')).toContain('settling');
    await ann.page.clock.runFor(150);
    await ann.page.clock.resume();
    await ann.page.touchscreen.tap(spot.x, spot.y);
    await waitForView(ann.page, 'waiting');
    await waitForView(bob.page, 'idle');
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('"We found each other" crossing the partner\'s "Can\'t find them" is told what comes next, not refused in red', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Crossed Taps', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    const bobId = (await rig.server.app.store.listAttendees(event.id)).find((a) => a.name === 'Bob')!.id;
    const matches = rig.server.app.services.matches;
    const { met } = matches;
    // Bob's "Can't find them" reaches the server just before Ann's "We found each other".
    matches.met = async (ref, matchId) => {
      await matches.leave({ eventId: event.id, attendeeId: bobId }, { matchId, reason: 'cant_find' });
      return met.call(matches, ref, matchId);
    };
    try {
      await ann.page.getByRole('button', { name: 'We found each other' }).tap();
      await waitForView(ann.page, 'waiting');
    } finally {
      matches.met = met;
    }
    await ann.page.locator('#app[aria-busy="false"]').waitFor(); // the tap's answer is in
    await ann.page.locator('#notice').getByText("We'll find you someone else.").waitFor();
    expect(await ann.page.getByText('That match has ended').count()).toBe(0);
    expect(await ann.page.locator('#notice.notice-error, #notice .notice-error').count()).toBe(0);
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('"Start over" asks first, and "Keep me" changes nothing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Shared Phone Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, event.code, { name: 'Dee', ownInterests: ['Radio'] });
    const token = await tokenOf(page, event.code);

    await page.getByRole('button', { name: 'Not Dee? Start over' }).tap();
    const sheet = page.locator('dialog[data-sheet="startOver"]');
    await sheet.getByText('Start over as someone other than Dee?').waitFor();
    await sheet.getByRole('button', { name: 'Keep me as Dee' }).tap();
    await sheet.waitFor({ state: 'detached' });
    expect(await tokenOf(page, event.code)).toBe(token);
    await waitForView(page, 'idle');

    await page.getByRole('button', { name: 'Not Dee? Start over' }).tap();
    await sheet.getByRole('button', { name: 'Start over' }).tap();
    await waitForView(page, 'join');
    expect(await page.evaluate((key) => localStorage.getItem(key), `mingle:token:${event.code}`)).toBeNull();
    // Dee is still in the event (the organiser's figures count her); this phone just let go.
    await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${token}`).expect(200);
    // Whoever joins next on this page brings Dee's blocks along: the join sends her token
    // (docs/PROTOCOL.md, previousToken), once. The phone's storage keeps no trace of it: with
    // it, the next person could sign in as Dee.
    expect(await page.evaluate(() => Object.values(localStorage))).not.toContain(token);
    const joins: Array<Record<string, unknown>> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/events\/[^/]+\/attendees$/.test(r.url())) joins.push(JSON.parse(r.postData() ?? '{}'));
    });
    const joinHere = async (name: string) => {
      await waitForView(page, 'join');
      await page.getByLabel('Your first name').fill(name);
      await page.getByLabel('Add your own interest').fill('Radio');
      await page.getByLabel('Add your own interest').press('Enter');
      await submitJoin(page);
    };
    await joinHere('Eve');
    const eve = await tokenOf(page, event.code);
    await page.getByRole('button', { name: 'Not Eve? Start over' }).tap();
    await sheet.getByRole('button', { name: 'Start over' }).tap();
    await joinHere('Fin');
    expect(joins.map((j) => j.previousToken)).toEqual([token, eve]);
    expect(errors).toEqual([]);
  });

  it('a new match closes the sheet left open over the waiting screen', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Sheet Over Card', topics: ['Chess'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Chess');
    await ann.page.getByRole('button', { name: 'Find someone new' }).tap();
    await waitForView(ann.page, 'waiting');
    await ann.page.getByRole('button', { name: /Keep in touch/ }).tap();
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.waitFor();

    const cy = await joinEvent(rig.server.url, event.code, { name: 'Cy', interests: ['Chess'] });
    const cySocket = await connectAttendee(rig.server.url, cy.token);
    sockets.push(cySocket);
    expect(await call(cySocket, 'match:find')).toMatchObject({ ok: true });
    await waitForView(ann.page, 'matched');
    await sheet.waitFor({ state: 'detached' });
    await ann.page.getByRole('heading', { name: /Cy/ }).waitFor();
    expect(await ann.page.locator('#app').evaluate((el) => (el as HTMLElement).inert)).toBe(false);
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('offline, a tap says so at once; "We found each other" is kept and sent once the connection is back', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Basement Gig', topics: ['Punk'] });
    // "localhost": there engine.io-client leaves the browser's offline event to the page (see
    // attendee-event-status.test.ts), so only the page's own handling is under test.
    const url = rig.server.url.replace('127.0.0.1', 'localhost');
    const [ann, bob] = await matchTwoPhones(rig.browser, url, event.code, ['Ann', 'Bob'], 'Punk');
    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();

    // An action that is not safe to send later is refused at once (not after the 10 s wait for
    // an answer), and says to tap again.
    await ann.page.getByRole('button', { name: "Can't find them" }).tap();
    const refused = ann.page.getByText("You're offline, so that didn't go through.");
    await refused.waitFor({ timeout: 1_000 });
    expect(await ann.page.locator('#app').getAttribute('aria-busy')).toBe('false');

    // "We found each other" is kept for when the phone is back, and says so at once.
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    const kept = ann.page.getByText("You're offline. We'll send “We found each other” as soon as your phone is back");
    await kept.waitFor({ timeout: 1_000 });
    await refused.waitFor({ state: 'hidden' });
    expect(await ann.page.locator('#app').getAttribute('aria-busy')).toBe('false');

    await ann.page.context().setOffline(false);
    // No second tap: both phones move on to the chat.
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
    await kept.waitFor({ state: 'hidden' });
    expect(bob.errors).toEqual([]);
  });

  it('a name of invisible characters is refused next to the field, in plain words', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Blank Name Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await fillJoinForm(page, event.code, { name: '\u200b\u202e', ownInterests: ['Radio'] });
    await page.getByRole('button', { name: 'Join', exact: true }).tap();

    const field = page.getByLabel('Your first name');
    const error = page.locator('#join-name-error');
    await error.getByText('Please add your first name.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // Read with the field: the error, and the length guide (join-name-limit).
    expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain('join-name-error');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    // On screen with the field it is about, not below the fold.
    const box = await error.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    await waitForView(page, 'join');

    await field.fill('Eve');
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    expect(errors).toEqual([]);
  });
});
