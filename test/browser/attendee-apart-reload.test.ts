import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { parseVCards } from '../helpers/vcard';
import { joinThroughForm, meetOnTwoPhones, shareEmail, tokenOf, untouchedBuzz, waitForView } from './steps';

jest.setTimeout(60_000);

/** Opens People I met and waits for the server's list in it. */
async function peopleOn(page: Page) {
  await page.getByRole('button', { name: /People I met/ }).tap();
  const sheet = page.locator('dialog[data-sheet="people"]');
  await sheet.locator('[data-people]').waitFor();
  await sheet.getByText('Loading…').waitFor({ state: 'hidden' });
  return sheet;
}

/**
 * Someone I reported or blocked is never offered to me again: not on the "Good chat?" card, not in
 * People I met, after a reload too. The one reported or blocked sees a chat like any other.
 */
/** Uma reports Ada from the chat's safety sheet. */
async function reportAda(page: Page): Promise<void> {
  const safety = page.locator('dialog[data-sheet="safety"]');
  await safety.getByRole('button', { name: 'Report Ada' }).tap();
  await safety.getByLabel('Made me uncomfortable').check();
  await safety.getByRole('button', { name: 'Send report' }).tap();
  await safety.getByText(/The organisers have been told/).waitFor();
  await safety.getByRole('button', { name: 'Done' }).tap();
}

/**
 * Uma blocks Ada from the chat's safety sheet. The server keeps a block as a pair, with no word of
 * who asked for it, and lists them still: the phone that blocked remembers whom, and leaves them out.
 */
async function blockAda(page: Page): Promise<void> {
  const safety = page.locator('dialog[data-sheet="safety"]');
  await safety.getByRole('button', { name: 'Block Ada' }).tap();
  await safety.getByText('Block Ada?').waitFor();
  await safety.getByRole('button', { name: 'Block Ada' }).tap();
  await page.getByText("Done. You won't be matched with Ada again.").waitFor();
}

describeInBrowser('after a report or a block: kept apart across a reload', () => {
  const rig = useServerAndBrowser();

  it.each([
    ['reported', reportAda],
    ['blocked', blockAda],
  ])('%s during the chat, then the page reloads: nothing offers them again', async (_how, keepApart) => {
    const { event } = await createEvent(rig.server.url, { name: 'Apart Night', topics: ['Chess'] });
    const [uma, ada] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Uma', 'Ada'], 'Chess');

    await uma.page.locator('[data-safety-link]').tap();
    await keepApart(uma.page);
    await waitForView(uma.page, 'idle');

    await uma.page.reload();
    await waitForView(uma.page, 'idle');
    const list = await peopleOn(uma.page);
    await list.getByText(/Nobody yet/).waitFor();
    expect(await list.getByText('Ada').count()).toBe(0);
    expect(await list.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    expect(await uma.page.getByText(/Keep in touch with Ada|Good chat with Ada/).count()).toBe(0);

    // Silent: Ada's phone, reloaded too, still lists Uma and offers keeping in touch, as after any chat.
    await waitForView(ada.page, 'idle');
    await ada.page.reload();
    await waitForView(ada.page, 'idle');
    const hers = await peopleOn(ada.page);
    await hers.locator('[data-person-name]', { hasText: 'Uma' }).waitFor();
    await hers.getByRole('button', { name: /Keep in touch/ }).waitFor();
    expect([...uma.errors, ...ada.errors]).toEqual([]);
  });

  it('reported from one phone, they are kept apart on my other phone too, not said to have left', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Two Phones', topics: ['Chess'] });
    const [uma, ada] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Uma', 'Ada'], 'Chess');
    // Uma's second phone: the same token, as a copied link would bring it.
    const other = await openPage(rig.browser, rig.server.url);
    await other.page.addInitScript(([key, token]) => localStorage.setItem(key!, token!), [`mingle:token:${event.code}`, await tokenOf(uma.page, event.code)]);
    await other.page.goto(`/e/${event.code}`);
    await waitForView(other.page, 'chatting');

    // Whether the other phone ever asks about Ada, from here on.
    await other.page.evaluate(() => {
      const w = window as unknown as { askedAboutAda: boolean };
      w.askedAboutAda = false;
      const card = document.querySelector<HTMLElement>('#after-chat')!;
      new MutationObserver(() => {
        if (!card.hidden && card.textContent?.includes('Ada')) w.askedAboutAda = true;
      }).observe(card, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await uma.page.locator('[data-safety-link]').tap();
    await reportAda(uma.page);
    await waitForView(other.page, 'idle');
    // The server's list names whom she reported; the other phone keeps Ada apart from then on.
    await other.page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? '[]').length === 1, `mingle:apart:${event.code}`);
    expect(await other.page.getByText(/left the event|had to go|Good chat with Ada|Keep in touch with Ada/).count()).toBe(0);
    expect(await other.page.evaluate(() => (window as unknown as { askedAboutAda: boolean }).askedAboutAda)).toBe(false);
    const list = await peopleOn(other.page);
    await list.getByText(/Nobody yet/).waitFor();
    expect(await list.getByText('Ada').count()).toBe(0);
    // Opened on a match it had not shown, the page buzzed before anyone touched it.
    expect([...uma.errors, ...ada.errors, ...other.errors.filter((e) => !untouchedBuzz(e))]).toEqual([]);
  });

  it('a block after swapping details leaves them out of "Save all" too', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Apart Cards', topics: ['Chess'] });
    const [uma, ada] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Uma', 'Ada'], 'Chess');
    await shareEmail(uma.page, 'uma@example.com');
    await shareEmail(ada.page, 'ada@example.com');
    await uma.page.locator('dialog[data-sheet="keep"]').getByText('You swapped details with Ada').waitFor();
    await uma.page.keyboard.press('Escape');
    await uma.page.locator('[data-safety-link]').tap();
    await blockAda(uma.page);
    await waitForView(uma.page, 'idle');

    // Uma meets Cat next, and they swap too: Save all holds Cat only.
    await uma.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    const cat = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(cat.page, event.code, { name: 'Cat', topics: ['Chess'] });
    await cat.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await cat.page.getByRole('button', { name: 'We found each other' }).tap();
    await Promise.all([waitForView(uma.page, 'chatting'), waitForView(cat.page, 'chatting')]);
    await shareEmail(uma.page, 'uma@example.com');
    await shareEmail(cat.page, 'cat@example.com');
    await uma.page.locator('dialog[data-sheet="keep"]').getByText('You swapped details with Cat').waitFor();
    await uma.page.keyboard.press('Escape');
    await uma.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(uma.page, 'idle');

    const list = await peopleOn(uma.page);
    await list.locator('[data-person-name]', { hasText: 'Cat' }).waitFor();
    const [download] = await Promise.all([uma.page.waitForEvent('download'), list.getByRole('button', { name: 'Save all (.vcf)' }).tap()]);
    let text = '';
    for await (const chunk of await download.createReadStream()) text += chunk;
    expect(parseVCards(text).map((card) => card.FN)).toEqual([['Cat']]);
    expect([...uma.errors, ...ada.errors, ...cat.errors]).toEqual([]);
  });
});

