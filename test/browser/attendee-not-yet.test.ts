import { describeInBrowser, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { meetOnTwoPhones, sendToOpenCircle, shareEmail, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * Ann leaves Bob while Cat is on her way to them: Bob is alone there, waiting. Ann may not swap
 * details with him yet, but may if Cat never comes: her card says "not yet", kindly, not "too
 * late", and offers no share the server would refuse. When the match ends without Cat, her phone
 * is told, and the card offers keeping in touch, with no reload; when Cat finds him, it says he
 * carried on without her.
 */
describeInBrowser('after a chat: not yet, rather than too late', () => {
  const rig = useServerAndBrowser();
  const card = (page: import('playwright-core').Page) => page.locator('[data-after-chat]');
  // A name that looks like markup: shown as typed, never as HTML.
  const bob = 'Bob <i>Jr</i>';

  /** Ann and Bob meet, Bob opens the circle, Cat is sent over, and Ann leaves before Cat gets there. */
  async function annLeavesBeforeCatArrives(eventName: string) {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Jazz'] });
    const [annPhone, bobPhone] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', bob], 'Jazz');
    const catPhone = await sendToOpenCircle(rig.browser, rig.server.url, event.code, bobPhone, { name: 'Cat', topics: ['Jazz'] });
    await annPhone.page.locator('.partner', { hasText: 'Cat' }).getByText('on their way').waitFor();

    await annPhone.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(annPhone.page, 'idle');
    await card(annPhone.page).getByText(`Good chat with ${bob}?`).waitFor();
    return { annPhone, bobPhone, catPhone };
  }

  it('left while someone was on their way: "not yet" on the card, then keep in touch once the match ends without them', async () => {
    const { annPhone, bobPhone, catPhone } = await annLeavesBeforeCatArrives('Not Yet Night');
    const notYet = card(annPhone.page).locator('[data-exchange="not-yet"]');
    await notYet.waitFor();
    expect(await notYet.textContent()).toBe(`${bob} is waiting for someone who's on their way. If they don't make it, you can still swap details here.`);
    expect(await card(annPhone.page).locator('i').count()).toBe(0);
    expect(await card(annPhone.page).getByText(/Too late/).count()).toBe(0);
    expect(await card(annPhone.page).getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    // People I met says the same, and offers nothing either.
    await annPhone.page.getByRole('button', { name: /People I met/ }).tap();
    const people = annPhone.page.locator('dialog[data-sheet="people"]');
    await people.locator('[data-exchange="not-yet"]').waitFor();
    expect(await people.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    await people.getByRole('button', { name: 'Close', exact: true }).tap();
    await people.waitFor({ state: 'detached' });

    // Bob goes before Cat found him: Ann's card offers keeping in touch, pushed, with no reload.
    await bobPhone.page.getByRole('button', { name: "I can't wait" }).tap();
    await card(annPhone.page).getByRole('button', { name: `Keep in touch with ${bob}` }).waitFor();
    expect(await card(annPhone.page).locator('[data-exchange]').count()).toBe(0);
    await catPhone.page.getByText(`${bob} wrapped up before you got there. We're finding you someone else.`).waitFor();
    expect([...annPhone.errors, ...bobPhone.errors, ...catPhone.errors]).toEqual([]);
  });

  it('once Cat finds Bob, the card says Bob carried on without her, not only "too late"', async () => {
    const { annPhone, bobPhone, catPhone } = await annLeavesBeforeCatArrives('Carried On Night');
    await card(annPhone.page).locator('[data-exchange="not-yet"]').waitFor();

    await catPhone.page.getByRole('button', { name: 'I found them' }).tap();
    const closed = card(annPhone.page).locator('[data-exchange="closed"]');
    await closed.waitFor();
    expect(await closed.textContent()).toBe(`${bob} carried on without you, so it's too late to swap details with them. Next time, swap details before you go.`);
    expect(await card(annPhone.page).locator('i').count()).toBe(0);
    expect(await card(annPhone.page).getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    // People I met says the same.
    await annPhone.page.getByRole('button', { name: /People I met/ }).tap();
    const people = annPhone.page.locator('dialog[data-sheet="people"]');
    await people.locator('[data-exchange="closed"]', { hasText: `${bob} carried on without you` }).waitFor();
    expect(await people.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    expect([...annPhone.errors, ...bobPhone.errors, ...catPhone.errors]).toEqual([]);
  });

  it('once Bob and Cat swap details, Bob\'s People I met says Ann was not there, and offers her no Keep in touch', async () => {
    const { annPhone, bobPhone, catPhone } = await annLeavesBeforeCatArrives('Swap Without Ann');
    await catPhone.page.getByRole('button', { name: 'I found them' }).tap();
    await waitForView(bobPhone.page, 'chatting');
    await shareEmail(bobPhone.page, 'bob@example.com');
    await shareEmail(catPhone.page, 'cat@example.com');
    const keep = bobPhone.page.locator('dialog[data-sheet="keep"]');
    await keep.getByText('You swapped details with Cat').waitFor();
    await bobPhone.page.keyboard.press('Escape');
    await keep.waitFor({ state: 'detached' });
    await bobPhone.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(bobPhone.page, 'idle');

    await bobPhone.page.getByRole('button', { name: /People I met/ }).tap();
    const people = bobPhone.page.locator('dialog[data-sheet="people"]');
    const ann = people.locator('li.person', { has: bobPhone.page.locator('[data-person-name]', { hasText: 'Ann' }) });
    await ann.locator('[data-exchange="closed"]').getByText(
      "Ann wasn't there when you swapped details with Cat, so you can't swap details with Ann from that chat.",
      { exact: true },
    ).waitFor();
    expect(await ann.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    const cat = people.locator('li.person', { has: bobPhone.page.locator('[data-person-name]', { hasText: 'Cat' }) });
    await cat.getByText('cat@example.com').waitFor();
    expect([...annPhone.errors, ...bobPhone.errors, ...catPhone.errors]).toEqual([]);
  });
});
