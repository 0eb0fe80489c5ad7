import type { Page } from 'playwright-core';
import request from 'supertest';
import { describeInBrowser, openPage, useServerAndBrowser, type TrackedPage } from '../helpers/browser';
import { call, createEvent, joinAndConnect, type AttendeeSocket } from '../helpers/server';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(45_000);

/** Long enough for a pushed refresh; far shorter than the test, so a stale page fails here. */
const PROMPTLY = { timeout: 5_000 };

const LEFT = 'Ann has left the event, so details can no longer be swapped.';

/**
 * Cat (on a phone) chats with Bob, then with Ann, both on sockets; each chat ends with Cat's
 * "Done chatting". Her page then shows "Good chat with Ann?" and People I met · 2.
 */
async function catMeetsBobThenAnn(rig: ReturnType<typeof useServerAndBrowser>, sockets: AttendeeSocket[], name: string) {
  const created = await createEvent(rig.server.url, { name, topics: ['Tea'] });
  const cat = await openPage(rig.browser, rig.server.url);
  await joinThroughForm(cat.page, created.event.code, { name: 'Cat', topics: ['Tea'] });
  const bob = await joinAndConnect(rig.server, created.event.code, { name: 'Bob', interests: ['Tea'] }, sockets);
  const ann = await joinAndConnect(rig.server, created.event.code, { name: 'Ann', interests: ['Tea'] }, sockets);
  for (const other of [bob, ann]) {
    expect(await call(other.socket, 'match:find')).toMatchObject({ ok: true });
    await cat.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(cat.page, 'matched');
    await cat.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(cat.page, 'chatting');
    await cat.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(cat.page, 'idle');
  }
  await cardOf(cat.page).getByRole('button', { name: 'Keep in touch with Ann' }).waitFor();
  await cat.page.getByRole('button', { name: 'People I met · 2' }).waitFor();
  // Set on this document: still there at the end, the page was never reloaded.
  await cat.page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  return { created, cat, ann, bob };
}

const cardOf = (page: Page) => page.locator('[data-after-chat]');

async function removeAnn(rig: ReturnType<typeof useServerAndBrowser>, created: { event: { id: string }; organiserToken: string }, annId: string) {
  await request(rig.server.url)
    .delete(`/api/events/${created.event.id}/attendees/${annId}`)
    .set('authorization', `Bearer ${created.organiserToken}`)
    .expect(204);
}

async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
}

/**
 * Someone Cat met leaves the event after their chat is over (the organiser removes them, or they
 * delete their data). Nothing about Cat's own match changes, yet her page follows at once, with
 * no reload and without being put away and taken out again: the count, the after-chat card, an
 * open sheet (an open Keep in touch: attendee-keep-gone.test.ts), and the thank-you screen once
 * the event is over.
 */
describeInBrowser('People I met, when someone in it leaves the event', () => {
  const sockets: AttendeeSocket[] = [];
  const rig = useServerAndBrowser({ cleanup: () => sockets.forEach((s) => s.disconnect()) });
  const pages: TrackedPage[] = [];
  afterEach(() => {
    expect(pages.flatMap((p) => [...p.errors, ...p.dialogs])).toEqual([]);
    pages.length = 0;
  });

  it('the count and the after-chat card follow the organiser removing them', async () => {
    const { created, cat, ann } = await catMeetsBobThenAnn(rig, sockets, 'Stale Badge Social');
    pages.push(cat);
    await removeAnn(rig, created, ann.attendee.id);

    await cat.page.getByRole('button', { name: 'People I met · 1' }).waitFor(PROMPTLY);
    const card = cardOf(cat.page);
    await card.getByText(LEFT, { exact: true }).waitFor(PROMPTLY);
    expect(await card.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    // "Good chat?" stays: the chat happened.
    await card.getByText('Good chat with Ann?').waitFor();
    await expectSameDocument(cat.page);

    await cat.page.getByRole('button', { name: 'People I met · 1' }).tap();
    const sheet = cat.page.locator('dialog[data-sheet="people"]');
    await sheet.locator('ul.people').getByText('Bob').waitFor();
    expect(await sheet.locator('ul.people').getByText('Ann').count()).toBe(0);
  });

  it('an open People I met follows them deleting their data', async () => {
    const { cat, ann } = await catMeetsBobThenAnn(rig, sockets, 'Open Sheet Evening');
    pages.push(cat);
    await cat.page.getByRole('button', { name: 'People I met · 2' }).tap();
    const list = cat.page.locator('dialog[data-sheet="people"] ul.people');
    await list.getByText('Ann').waitFor();

    // Ann deletes her data while Cat looks at the list; Cat taps nothing.
    expect(await call(ann.socket, 'me:forget')).toEqual({ ok: true });
    await list.getByText('Ann').waitFor({ state: 'detached', ...PROMPTLY });
    await list.getByText('Bob').waitFor();
    await cat.page.locator('dialog[data-sheet="people"]').getByRole('button', { name: 'Close' }).tap();
    await cat.page.getByRole('button', { name: 'People I met · 1' }).waitFor();
    await cardOf(cat.page).getByText(LEFT, { exact: true }).waitFor();
    expect(await cardOf(cat.page).getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    await expectSameDocument(cat.page);
  });

  it('the thank-you screen after the event follows the organiser removing them', async () => {
    const { created, cat, ann } = await catMeetsBobThenAnn(rig, sockets, 'Thank You Night');
    pages.push(cat);
    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await waitForView(cat.page, 'ended');
    const met = cat.page.locator('[data-met]');
    await met.getByRole('heading', { name: /^You met 2 people (tonight|today)$/ }).waitFor();
    await met.locator('ul.people').getByText('Ann').waitFor();

    await removeAnn(rig, created, ann.attendee.id);
    await met.getByRole('heading', { name: /^You met 1 person (tonight|today)$/ }).waitFor(PROMPTLY);
    expect(await met.locator('ul.people').getByText('Ann').count()).toBe(0);
    await met.locator('ul.people').getByText('Bob').waitFor();
    expect(await met.getByRole('button', { name: /Keep in touch/ }).count()).toBe(1);
    await expectSameDocument(cat.page);
  });
});
