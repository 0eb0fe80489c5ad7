import type { Page } from 'playwright-core';
import request from 'supertest';
import { STILL_OFFLINE_MS } from '../../client/src/attendee/connection';
import type { CreateEventResponse } from '../../shared/schemas';
import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import { accessibleNode, liveChanges, recordLiveChanges } from './a11y-probes/screen-reader';
import { fillJoinForm, joinThroughForm, linkNoise, meetOnTwoPhones, pageChattingWithSocket, shareEmail, submitJoin, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** Whether an element is on the page for screen readers: rendered (not display: none), even if empty. */
const rendered = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => !(el as HTMLElement).closest('[hidden]') && getComputedStyle(el).display !== 'none');

/** What the live regions said, leaving out their emptying (which says nothing). */
const said = async (page: Page) => (await liveChanges(page)).filter((c) => !/^[^:]+: $/.test(c));

/**
 * What changes on an attendee's phone by itself reaches a screen reader once: a match, the queue,
 * the organisers' announcements, the connection, through live regions that are on the page
 * before their words arrive.
 */
describeInBrowser('accessibility: what an attendee hears without looking', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);
  const announce = (created: CreateEventResponse, message: string) =>
    request(rig.server.url)
      .post(`/api/events/${created.event.id}/announce`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .send({ message })
      .expect(200);

  it('keeps the join form errors, notice, connection and announcement regions on the page while empty, taking no room', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Empty Regions Night', topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    await fillJoinForm(ann.page, event.code, { name: 'Ann', topics: ['Jazz'] });
    // The join form's error lines: alerts a screen reader already knows of when an error comes.
    for (const selector of ['#join-name-error', 'form .form-error:not([id])']) {
      expect({ selector, rendered: await rendered(ann.page, selector) }).toEqual({ selector, rendered: true });
      expect({ selector, hidden: await ann.page.locator(selector).isHidden() }).toEqual({ selector, hidden: true });
      const node = await accessibleNode(ann.page, selector);
      expect({ selector, role: node.role, ignored: node.ignored }).toEqual({ selector, role: 'alert', ignored: false });
    }
    const name = ann.page.getByLabel('Your first name');
    await name.fill('');
    await ann.page.getByRole('button', { name: 'Join', exact: true }).tap();
    await ann.page.locator('#join-name-error[role="alert"]').getByText('Please add your first name.').waitFor();
    await name.fill('Ann');
    await submitJoin(ann.page);
    for (const selector of ['#notice', '#connection', '#announcement']) {
      expect({ selector, rendered: await rendered(ann.page, selector) }).toEqual({ selector, rendered: true });
      expect({ selector, hidden: await ann.page.locator(selector).isHidden() }).toEqual({ selector, hidden: true });
    }
  });

  it('says the wait hint once, not again as the page redraws, and "Reconnecting…" once while it retries', async () => {
    const created = await createEvent(rig.server.url, { name: 'Quiet Queue Night', topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    const { page } = ann;
    await joinThroughForm(page, created.event.code, { name: 'Ann', topics: ['Jazz'] });
    await recordLiveChanges(page);
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    await page.locator('.waiting-others', { hasText: "Nobody's free to pair with you just now." }).waitFor();

    // Each of these redraws the page: the organisers say something, the phone goes offline and
    // retries (on a clock the test moves, past the point where the bar says more), and comes back.
    await announce(created, 'Pizza is in the kitchen');
    await page.locator('#announcement').getByText('Pizza is in the kitchen').waitFor();
    await page.clock.install();
    await page.context().setOffline(true);
    await page.locator('#connection').getByText('Reconnecting…', { exact: true }).waitFor();
    await page.locator('.waiting-others', { hasText: "You're offline" }).waitFor();
    await page.clock.fastForward(STILL_OFFLINE_MS);
    await page.locator('#connection').getByText('Still no connection.', { exact: false }).waitFor();
    await page.context().setOffline(false);
    await page.locator('#connection').waitFor({ state: 'hidden' });
    await page.locator('.waiting-others', { hasText: "Nobody's free to pair with you just now." }).waitFor();

    const heard = await said(page);
    expect(heard.filter((c) => c.startsWith('waiting-status'))).toEqual([
      "waiting-status: Nobody's free to pair with you just now. We'll match you as soon as someone is, or we may add you to a pair or group.",
    ]);
    expect(heard.filter((c) => c.startsWith('connection'))).toEqual([
      'connection: Reconnecting…',
      "connection: Still no connection. Check your Wi-Fi or mobile data: Mingle keeps trying, and you keep your place in the queue.",
    ]);
    expect(heard.filter((c) => c.startsWith('announcement'))).toHaveLength(1);
  });

  it('says the Keep in touch line on the match card when it changes, not again as the card is drawn again', async () => {
    const { ann, bob, match } = await pageChattingWithSocket(rig, 'Quiet Card Night');
    const { page } = ann;
    await page.locator('[data-keep-block]').getByText('Swap details with Bob, only if you both want to.').waitFor();
    await recordLiveChanges(page);
    // Bob says what he looks like: the card is drawn again, the line on it unchanged.
    expect(await call(bob, 'profile:update', { lookFor: 'Green scarf' })).toMatchObject({ ok: true });
    await page.getByRole('article').getByText('Green scarf').waitFor();
    // News: Ann offers her details, then Bob his.
    await shareEmail(page, 'ann@example.com');
    await page.locator('dialog[data-sheet="keep"]').getByRole('button', { name: 'Close' }).tap();
    await page.locator('[data-keep-block]').getByText('Shared — waiting for Bob to share too').waitFor();
    expect(await call(bob, 'contact:share', { matchId: match.id, contact: { email: 'bob@example.com' } })).toMatchObject({ ok: true });
    await page.locator('[data-keep-block]').getByText('You swapped details with Bob').waitFor();
    expect((await said(page)).filter((c) => c.startsWith('keep-status'))).toEqual([
      'keep-status: Shared — waiting for Bob to share too',
      'keep-status: You swapped details with Bob',
    ]);
  });

  it('moves the focus to the new match, also from the Keep in touch sheet, which makes way for it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Sheet Up Night', topics: ['Jazz'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    const { page } = ann;
    await page.getByRole('button', { name: 'Find someone new' }).tap();
    await waitForView(page, 'waiting');
    // Keeping in touch with Bob, from the card over the waiting screen, when Cy is found.
    await page.locator('[data-after-chat]').getByRole('button', { name: /Keep in touch/ }).tap();
    await page.locator('dialog[open]').waitFor();
    const cy = await openPage(rig.browser, rig.server.url);
    rig.pages.push(cy);
    await joinThroughForm(cy.page, event.code, { name: 'Cy', topics: ['Jazz'] });
    await cy.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'matched');
    await page.locator('dialog').waitFor({ state: 'detached' });
    // Focus on the heading is what a screen reader says: the match, arriving by itself.
    await page.waitForFunction(() => document.activeElement?.matches('.view-title') && document.activeElement.textContent === 'Meet Cy');
  });
});
