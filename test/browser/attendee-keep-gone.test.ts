import type { Page } from 'playwright-core';
import request from 'supertest';
import { describeInBrowser, useServerAndBrowser, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinOpenCircle, meetOnTwoPhones, setVisible, shareEmail, tokenOf, waitForView } from './steps';

jest.setTimeout(45_000);

const LEFT = 'Ben has left the event, so details can no longer be swapped.';
/** The same once they had swapped details: nothing was missed, their details went with them. */
const LEFT_SWAPPED = 'Ben has left the event, so their details are no longer shown here.';

/** The "Good chat?" card between chats. */
const cardOf = (page: Page) => page.locator('[data-after-chat]');

/**
 * "People I met", opened from the idle screen: Ben is not among them, nothing offers to swap with
 * him, and it says why rather than "Nobody yet" (Ann did meet someone).
 */
async function expectNotListed(page: Page, why = `${LEFT} They're no longer listed here.`): Promise<void> {
  await page.getByRole('button', { name: /People I met/ }).tap();
  const sheet = page.locator('dialog[data-sheet="people"]');
  await sheet.getByText(why, { exact: true }).waitFor();
  expect(await sheet.getByText('Nobody yet.', { exact: false }).count()).toBe(0);
  expect(await sheet.locator('ul.people').getByText('Ben').count()).toBe(0);
  expect(await sheet.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
}

/**
 * Keeping in touch with someone who has since left the event (removed by the organiser, or who
 * deleted their data): they can never share back, so the server refuses the swap, and the page
 * does not offer it, nor leave a form that waits for ever. "Good chat?" stays.
 */
describeInBrowser('keep in touch with someone who has left the event', () => {
  const rig = useServerAndBrowser();
  const pages: TrackedPage[] = [];
  afterEach(() => {
    // Ben's page loses its connection as he leaves: only Ann's must be clean.
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
    pages.length = 0;
  });

  it('is not offered after the organiser removes them mid-chat; "Good chat?" still is', async () => {
    const created = await createEvent(rig.server.url, { name: 'House Rules Social', topics: ['Jazz'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Ann', 'Ben'], 'Jazz');
    pages.push(ann);
    const benId = (await rig.server.app.store.listAttendees(created.event.id)).find((a) => a.name === 'Ben')!.id;
    await request(rig.server.url)
      .delete(`/api/events/${created.event.id}/attendees/${benId}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .expect(204);
    await waitForView(ben.page, 'removed');

    await waitForView(ann.page, 'idle');
    await ann.page.locator('#notice').getByText('Ben had to go. Ready for someone new?').waitFor();
    const card = cardOf(ann.page);
    await card.getByText('Good chat with Ben?').waitFor();
    await card.getByText(LEFT, { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    // The same after a reload: the card and People I met agree.
    await ann.page.reload();
    await waitForView(ann.page, 'idle');
    await card.getByText(LEFT, { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);

    await card.getByRole('button', { name: 'Good chat', exact: true }).tap();
    await card.getByText('Thanks! That helps the organisers.').waitFor();
    await card.getByText(LEFT, { exact: true }).waitFor();
    await expectNotListed(ann.page);
  });

  it('replaces the form with why, the moment they delete their data while it is open', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Forgetful Friday', topics: ['Tea'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Tea');
    pages.push(ann);
    await ann.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ann.page, 'idle');
    const card = cardOf(ann.page);
    await card.getByRole('button', { name: 'Keep in touch with Ben' }).tap();
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByLabel('Email', { exact: true }).fill('ann@example.com');

    // Ben deletes his data while Ann is typing: her phone is told (`connections:changed`), no tap needed.
    await request(rig.server.url).delete('/api/me').set('authorization', `Bearer ${await tokenOf(ben.page, event.code)}`).expect(204);

    await sheet.locator('[data-exchange="closed"]').getByText(LEFT, { exact: true }).waitFor();
    expect(await sheet.locator('form').count()).toBe(0);
    expect(await sheet.getByText('waiting for Ben').count()).toBe(0);
    await sheet.getByRole('button', { name: 'Close' }).tap();
    await card.getByText(LEFT, { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    await expectNotListed(ann.page);
  });

  it('says an offer made before they left waits for nothing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Early Birds', topics: ['Maps'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Maps');
    pages.push(ann);
    await ann.page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByLabel('Email', { exact: true }).fill('ann@example.com');
    await sheet.getByRole('button', { name: 'Share my details' }).tap();
    await sheet.getByText('Shared — waiting for Ben to share too').waitFor();
    await sheet.getByRole('button', { name: 'Close' }).tap();

    await request(rig.server.url).delete('/api/me').set('authorization', `Bearer ${await tokenOf(ben.page, event.code)}`).expect(204);
    await waitForView(ann.page, 'idle');
    const card = cardOf(ann.page);
    await card.getByText(`${LEFT} Nobody saw your details.`, { exact: true }).waitFor();
    expect(await card.getByText('waiting for Ben').count()).toBe(0);
  });

  it('takes their details off the open sheet and the card once they delete their data after the swap', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Swap Then Go', topics: ['Tea'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Tea');
    pages.push(ann);
    await ann.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ann.page, 'idle');
    await waitForView(ben.page, 'idle');
    await shareEmail(ben.page, 'ben@example.com', cardOf(ben.page).getByRole('button', { name: /Keep in touch with/ }));
    await shareEmail(ann.page, 'ann@example.com', cardOf(ann.page).getByRole('button', { name: /Keep in touch with/ }));
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByText('You swapped details with Ben').waitFor();
    await sheet.getByText('ben@example.com').waitFor();

    // Ben deletes his data while Ann looks at his details: they go from her phone, no reload. They
    // swapped, so nothing "can no longer be swapped": his details went with him.
    await request(rig.server.url).delete('/api/me').set('authorization', `Bearer ${await tokenOf(ben.page, event.code)}`).expect(204);
    await sheet.locator('[data-exchange="closed"]').getByText(LEFT_SWAPPED, { exact: true }).waitFor();
    expect(await sheet.getByText('ben@example.com').count()).toBe(0);
    await sheet.getByRole('button', { name: 'Close' }).tap();
    const card = cardOf(ann.page);
    await card.getByText(LEFT_SWAPPED, { exact: true }).waitFor();
    expect(await card.getByText(/swapped details with Ben|Nobody saw your details|can no longer be swapped/).count()).toBe(0);
    await expectNotListed(ann.page, LEFT_SWAPPED);
    // After a reload too: the offer she made was taken up, so it is not "nobody saw".
    await ann.page.reload();
    await waitForView(ann.page, 'idle');
    await card.getByText(LEFT_SWAPPED, { exact: true }).waitFor();
    expect(await card.getByText(/Nobody saw your details/).count()).toBe(0);
  });

  it('takes their details off a group still chatting when one of those who swapped deletes their data', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Three Swap', topics: ['Tea'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Tea');
    pages.push(ann);
    const cat = await joinOpenCircle(rig.browser, rig.server.url, event.code, ben, { name: 'Cat', topics: ['Tea'] });
    pages.push(cat);
    await ann.page.locator('.partner', { hasText: 'Cat' }).waitFor();
    for (const [phone, email] of [[ann, 'ann@example.com'], [ben, 'ben@example.com'], [cat, 'cat@example.com']] as const) {
      await shareEmail(phone.page, email);
      await phone.page.locator('dialog[data-sheet="keep"]').getByText(/Shared|You swapped details/).first().waitFor();
      if (phone !== cat) await phone.page.getByRole('button', { name: 'Close' }).tap();
    }
    await ann.page.getByRole('button', { name: /Keep in touch|swapped details/ }).first().tap();
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByText('You swapped details with Ben and Cat').waitFor();
    await sheet.getByText('ben@example.com').waitFor();

    // Ben deletes his data; Ann and Cat carry on, and his details go from Ann's open sheet.
    await request(rig.server.url).delete('/api/me').set('authorization', `Bearer ${await tokenOf(ben.page, event.code)}`).expect(204);
    await ann.page.getByText('Ben has moved on.').waitFor();
    await sheet.getByText('ben@example.com').waitFor({ state: 'detached' });
    await sheet.getByText('cat@example.com').waitFor();
    await waitForView(ann.page, 'chatting');
  });

  it('catches up when the phone comes back into view after they left, the chat long over', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Pocket Time', topics: ['Tea'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Tea');
    pages.push(ann);
    await ben.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ann.page, 'idle');
    const card = cardOf(ann.page);
    await card.getByRole('button', { name: 'Keep in touch with Ben' }).waitFor();

    // Ann's phone goes in her pocket; Ben deletes his data (a phone asleep may miss being told).
    await setVisible(ann.page, false);
    await request(rig.server.url).delete('/api/me').set('authorization', `Bearer ${await tokenOf(ben.page, event.code)}`).expect(204);
    await setVisible(ann.page, true);
    await card.getByText(LEFT, { exact: true }).waitFor();
    expect(await card.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    await expectNotListed(ann.page);
  });
});
