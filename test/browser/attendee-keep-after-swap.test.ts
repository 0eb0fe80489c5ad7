import type { Page } from 'playwright-core';
import request from 'supertest';
import { describeInBrowser, useServerAndBrowser, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinOpenCircle, meetOnTwoPhones, sendToOpenCircle, shareEmail, tokenOf, waitForView } from './steps';

jest.setTimeout(60_000);

/** Long enough for a pushed refresh; far shorter than the test, so a stale page fails here. */
const PROMPTLY = { timeout: 5_000 };

const cardOf = (page: Page) => page.locator('[data-after-chat]');
const keepBlockOf = (page: Page) => page.locator('[data-keep-block]');

/** Each phone offers an email on its match card, and closes the sheet. */
async function everyoneShares(phones: Array<[TrackedPage, string]>): Promise<void> {
  for (const [phone, email] of phones) {
    await shareEmail(phone.page, email);
    await phone.page.locator('dialog[data-sheet="keep"]').getByText(/Shared|You swapped details/).first().waitFor();
    await phone.page.locator('dialog[data-sheet="keep"]').getByRole('button', { name: 'Close' }).tap();
  }
}

/** Sent to the open circle, taps "I found them": chatting with them. */
function joinsCircle(rig: ReturnType<typeof useServerAndBrowser>, code: string, opener: TrackedPage, name: string): Promise<TrackedPage> {
  return joinOpenCircle(rig.browser, rig.server.url, code, opener, { name, topics: ['Tea'] });
}

async function removeByOrganiser(rig: ReturnType<typeof useServerAndBrowser>, created: { event: { id: string }; organiserToken: string }, name: string) {
  const id = (await rig.server.app.store.listAttendees(created.event.id)).find((a) => a.name === name)!.id;
  await request(rig.server.url).delete(`/api/events/${created.event.id}/attendees/${id}`).set('authorization', `Bearer ${created.organiserToken}`).expect(204);
}

/**
 * A match swaps details once (see `contact:share` in docs/PROTOCOL.md): whoever joins after the
 * swap can never swap there, and someone who swapped and then left the event takes their details
 * with them. The phones say so, and never offer a form the server must refuse.
 */
describeInBrowser('keep in touch once a group has swapped details', () => {
  const rig = useServerAndBrowser();
  const pages: TrackedPage[] = [];
  afterEach(() => {
    expect(pages.flatMap((p) => [...p.errors, ...p.dialogs])).toEqual([]);
    pages.length = 0;
  });

  it('someone who joins after the swap is told why up front, and the others are told about them', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Late Arrivals', topics: ['Tea'] });
    const [pat, rita] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Pat', 'Rita'], 'Tea');
    pages.push(pat, rita);
    await everyoneShares([[pat, 'pat@example.com'], [rita, 'rita@example.com']]);
    await keepBlockOf(pat.page).getByText('You swapped details with Rita').waitFor();

    const sam = await sendToOpenCircle(rig.browser, rig.server.url, event.code, pat, { name: 'Sam', topics: ['Tea'] });
    pages.push(sam);
    // Whether Sam's card ever shows a Keep in touch button, from before he finds them on.
    await sam.page.evaluate(() => {
      const w = window as unknown as { keepOffered: boolean };
      w.keepOffered = false;
      const look = () => {
        for (const b of document.querySelectorAll<HTMLElement>('[data-keep-block] button')) if (b.offsetParent !== null) w.keepOffered = true;
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await sam.page.getByRole('button', { name: 'I found them' }).tap();
    await waitForView(sam.page, 'chatting');
    // Sam's card says why, and offers nothing that must fail, not even for a moment.
    const samKeep = keepBlockOf(sam.page);
    await samKeep.getByText(/^(Pat and Rita|Rita and Pat) swapped details before you joined, so details can't be swapped in this chat\.$/).waitFor(PROMPTLY);
    expect(await sam.page.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    expect(await sam.page.evaluate(() => (window as unknown as { keepOffered: boolean }).keepOffered)).toBe(false);
    expect(await sam.page.getByText(/Swap details with|see your details only if/).count()).toBe(0);
    // Pat's and Rita's cards say it about Sam.
    for (const [phone, other] of [[pat, 'Rita'], [rita, 'Pat']] as const) {
      await keepBlockOf(phone.page).getByText(`Sam wasn't there when you swapped details with ${other}, so you can't swap details with Sam from this chat.`).waitFor(PROMPTLY);
    }

    // Rita goes: Pat and Sam chat on as a pair, and still cannot swap.
    await rita.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(rita.page, 'idle');
    await pat.page.getByRole('heading', { name: /^Chatting with Sam$/ }).waitFor();
    await keepBlockOf(pat.page).getByText("Sam wasn't there when you swapped details with Rita, so you can't swap details with Sam from this chat.").waitFor();
    await pat.page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = pat.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByText('rita@example.com').waitFor();
    expect(await sheet.getByText('Keep in touch with Sam').count()).toBe(0);
    expect(await sheet.locator('form').count()).toBe(0);
    await sheet.getByRole('button', { name: 'Close' }).tap();
    await samKeep.getByText(/swapped details before you joined, so details can't be swapped in this chat\.$/).waitFor();
    expect(await sam.page.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);

    // After the chat, Sam's card says the same, and Pat's about Sam.
    await sam.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(sam.page, 'idle');
    await cardOf(sam.page).getByText(/swapped details when you weren't there, so details can't be swapped from that chat\.$/).waitFor(PROMPTLY);
    expect(await cardOf(sam.page).getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    expect(await cardOf(sam.page).getByText(/carried on without you|Next time/).count()).toBe(0);
    await waitForView(pat.page, 'idle');
    await cardOf(pat.page).getByText("Sam wasn't there when you swapped details with Rita, so you can't swap details with Sam from that chat.").waitFor(PROMPTLY);
  });

  it('the card and the count follow someone removed from a group I swapped with, at once', async () => {
    const created = await createEvent(rig.server.url, { name: 'Removal Circle', topics: ['Tea'] });
    const [alice, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Alice', 'Bob'], 'Tea');
    const chloe = await joinsCircle(rig, created.event.code, bob, 'Chloé');
    pages.push(chloe);
    const dev = await joinsCircle(rig, created.event.code, alice, 'Dev');
    await everyoneShares([[alice, 'alice@example.com'], [bob, 'bob@example.com'], [chloe, 'chloe@example.com'], [dev, 'dev@example.com']]);
    await keepBlockOf(chloe.page).getByText('You swapped details with Alice, Bob and Dev').waitFor();
    await chloe.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(chloe.page, 'idle');
    const card = cardOf(chloe.page);
    await card.getByText('You swapped details with Alice, Bob and Dev').waitFor();
    await chloe.page.getByRole('button', { name: 'People I met · 3' }).waitFor();

    await removeByOrganiser(rig, created, 'Bob');
    await card.getByRole('button', { name: 'You swapped details with Alice and Dev' }).waitFor(PROMPTLY);
    await chloe.page.getByRole('button', { name: 'People I met · 2' }).waitFor(PROMPTLY);
    expect(await card.getByText(/Bob/).count()).toBe(0);
  });

  it('someone I swapped with, removed after a newcomer joined, is dropped from my card; it does not say I missed the swap', async () => {
    const created = await createEvent(rig.server.url, { name: 'Report Night', topics: ['Tea'] });
    const [rita, pat] = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Rita', 'Pat'], 'Tea');
    pages.push(rita);
    await everyoneShares([[rita, 'rita@example.com'], [pat, 'pat@example.com']]);
    await joinsCircle(rig, created.event.code, pat, 'Sam');
    await rita.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(rita.page, 'idle');
    const card = cardOf(rita.page);
    await card.getByRole('button', { name: 'You swapped details with Pat' }).waitFor();

    await removeByOrganiser(rig, created, 'Pat');
    await card.getByText('Good chat with Sam?', { exact: true }).waitFor(PROMPTLY);
    await card.getByText("Sam wasn't there when you swapped details, so you can't swap details with Sam from that chat.", { exact: true }).waitFor(PROMPTLY);
    expect(await card.getByText(/Pat|carried on without you|Next time|too late/).count()).toBe(0);
  });

  it('after a swap, a partner who deletes their data or is removed is "no longer shown", not "can no longer be swapped"', async () => {
    const created = await createEvent(rig.server.url, { name: 'Swapped And Gone', topics: ['Tea'] });
    const { event } = created;
    const [pat, quinn] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Pat', 'Quinn'], 'Tea');
    pages.push(pat);
    await everyoneShares([[pat, 'pat@example.com'], [quinn, 'quinn@example.com']]);
    await pat.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(pat.page, 'idle');
    const card = cardOf(pat.page);
    await card.getByRole('button', { name: 'You swapped details with Quinn' }).waitFor();
    await request(rig.server.url).delete('/api/me').set('authorization', `Bearer ${await tokenOf(quinn.page, event.code)}`).expect(204);
    const GONE = 'Quinn has left the event, so their details are no longer shown here.';
    await card.getByText(GONE, { exact: true }).waitFor(PROMPTLY);
    expect(await card.getByText(/can no longer be swapped/).count()).toBe(0);
    await pat.page.reload();
    await waitForView(pat.page, 'idle');
    await card.getByText(GONE, { exact: true }).waitFor();

    // Removed by the organiser, after the event's end: the thank-you screen says it too.
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Tea');
    pages.push(ann);
    await everyoneShares([[ann, 'ann@example.com'], [ben, 'ben@example.com']]);
    await ann.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ann.page, 'idle');
    await request(rig.server.url).post(`/api/events/${event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await waitForView(ann.page, 'ended');
    await removeByOrganiser(rig, created, 'Ben');
    const met = ann.page.locator('[data-met]');
    await met.getByText('Ben has left the event, so their details are no longer shown here.', { exact: true }).waitFor(PROMPTLY);
    expect(await ann.page.getByText(/can no longer be swapped/).count()).toBe(0);
  });
});
