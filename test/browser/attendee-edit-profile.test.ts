import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { Me, State } from '../../shared/schemas';
import { describeInBrowser, openPage, PHONE, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { descriptionOf, holdsFocus } from './a11y-probes/aria-outline';
import { joinThroughForm, matchTwoPhones, tokenOf, usePhoneRig, waitForView } from './steps';

jest.setTimeout(45_000);

const SHORT_NARROW_PHONE = { ...PHONE, viewport: { width: 320, height: 568 } };
const PHONE_360 = { ...PHONE, viewport: { width: 360, height: 740 } };

/** A name a page would run, were it ever put in as HTML. */
const HTML_NAME = '<img src=x onerror="window.pwned=1">Anna';

/**
 * "Edit my profile" on the attendee's phone: the join form's fields, filled with the profile,
 * sent as `profile:update`; the phone and whoever it is matched with show the change, and it
 * is the server's, so a reload keeps it.
 */
describeInBrowser('attendee: edit my profile', () => {
  const rig = usePhoneRig();
  const open = async (device = PHONE): Promise<TrackedPage> => {
    const phone = await openPage(rig.browser, rig.server.url, device);
    phone.page.setDefaultTimeout(10_000);
    rig.pages.push(phone);
    return phone;
  };
  const meOf = async (page: Page, code: string): Promise<Me> => {
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, code)}`).expect(200);
    return (body as State).me;
  };
  const sheetOf = (page: Page) => page.getByRole('dialog', { name: 'Edit my profile' });
  async function openSheet(page: Page): Promise<Locator> {
    await page.getByRole('button', { name: 'Edit profile' }).tap();
    const sheet = sheetOf(page);
    await sheet.waitFor();
    return sheet;
  }
  const pressedChips = (sheet: Locator) =>
    sheet.locator('[data-chips="interests"] [aria-pressed="true"]').evaluateAll((chips) => chips.map((c) => (c as HTMLElement).dataset.chip));

  it('while matched: name, how to spot me and interests change on both phones, and a reload keeps them', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Edit Night', topics: ['Jazz', 'Go'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);

    const sheet = await openSheet(ann.page);
    expect(await holdsFocus(sheet)).toBe(true);
    // Filled with the profile as it is, and the one it is matched with said to see the change.
    expect(await sheet.getByLabel('Your first name').inputValue()).toBe('Ann');
    expect(await pressedChips(sheet)).toEqual(['Jazz']);
    await sheet.getByText('Bob will see your new name and how to spot you as soon as you save.').waitFor();

    await sheet.getByLabel('Your first name').fill(HTML_NAME);
    await sheet.getByLabel('How to spot me').fill('red T-shirt, jacket off');
    await sheet.locator('[data-chip="Go"]').tap();
    await sheet.getByLabel('Add your own interest').fill('Pottery');
    await sheet.getByLabel('Add your own interest').press('Enter');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await ann.page.getByText('Your profile is saved.').waitFor();

    // Bob's card: the new name, as text, and how to spot her now.
    const bobCard = bob.page.locator('.match-card');
    await bob.page.locator('[data-partner-name]', { hasText: HTML_NAME }).first().waitFor();
    await bobCard.getByText('red T-shirt, jacket off').waitFor();
    expect(await bob.page.getByRole('heading', { level: 1 }).textContent()).toBe(`Meet ${HTML_NAME}`);
    expect(await bob.page.locator('.match-card img, .view-title img').count()).toBe(0);
    expect(await bob.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    const saved = { name: HTML_NAME, lookFor: 'red T-shirt, jacket off', interests: ['Jazz', 'Go', 'Pottery'] };
    expect(await meOf(ann.page, event.code)).toMatchObject(saved);

    // The server's, not the page's: after a reload the sheet opens with it.
    await ann.page.reload();
    await waitForView(ann.page, 'matched');
    const again = await openSheet(ann.page);
    expect(await again.getByLabel('Your first name').inputValue()).toBe(HTML_NAME);
    expect(await again.getByLabel('How to spot me').inputValue()).toBe('red T-shirt, jacket off');
    expect(await pressedChips(again)).toEqual(['Jazz', 'Go', 'Pottery']);
    await again.getByRole('button', { name: 'Cancel' }).tap();
    await again.waitFor({ state: 'detached' });
  });

  it('on a 320 x 568 phone, from the idle screen by keyboard: focus goes in, and back to "Edit profile"; the screen says the new name', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Small Screens', topics: ['Jazz'] });
    const { page } = await open(SHORT_NARROW_PHONE);
    await joinThroughForm(page, event.code, { name: 'Kit', topics: ['Jazz'], lookFor: 'blue coat' });
    await page.getByRole('heading', { name: 'Hi Kit 👋' }).waitFor();

    await page.locator('#edit-profile').focus();
    await page.keyboard.press('Enter');
    const sheet = sheetOf(page);
    await sheet.waitFor();
    expect(await holdsFocus(sheet)).toBe(true);
    // The same fields as the join form: hints read with their boxes, the same caps.
    expect(await descriptionOf(sheet.getByLabel('How to spot me'))).toContain('So your match can find you in the room.');
    expect(await descriptionOf(sheet.getByRole('switch', { name: "I'm here on my own" }))).toBe("We'll pair you with someone else who's on their own first.");
    expect(await sheet.getByLabel('Your first name').evaluate((el) => el.getAttribute('aria-describedby'))).toContain('profile-name-limit');
    const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.inner);

    // Cancel changes nothing.
    await sheet.getByLabel('Your first name').fill('Nobody');
    await sheet.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Enter');
    await sheet.waitFor({ state: 'detached' });
    expect(await holdsFocus(page.locator('#edit-profile'))).toBe(true);
    expect((await meOf(page, event.code)).name).toBe('Kit');

    await page.keyboard.press('Enter');
    await sheet.waitFor();
    expect(await sheet.getByLabel('Your first name').inputValue()).toBe('Kit');
    await sheet.getByLabel('Your first name').fill('Kitty');
    await sheet.getByLabel('How to spot me').press('Enter'); // the form's own Enter: Save
    await sheet.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Hi Kitty 👋' }).waitFor();
    await page.getByRole('button', { name: 'Not Kitty? Start over' }).waitFor();
    // The screen was drawn afresh for the new name: the focus is on the words saying it is saved.
    expect(await holdsFocus(page.locator('#notice').getByText('Your profile is saved.'))).toBe(true);
    expect(await meOf(page, event.code)).toMatchObject({ name: 'Kitty', interests: ['Jazz'], lookFor: 'blue coat' });
  });

  it('on a 320 x 568 phone after a chat, the "Good chat?" card up: "Your profile is saved." is in view and has the focus', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Saved Words', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Robert'], 'Jazz', SHORT_NARROW_PHONE);
    rig.pages.push(ann, bob);
    const { page } = bob;
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(page, 'chatting');
    await page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(page, 'idle');
    await page.locator('#after-chat').getByText('Good chat with Ann?').waitFor();

    const sheet = await openSheet(page);
    await sheet.getByLabel('How to spot me').fill('green jumper');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.waitFor({ state: 'detached' });
    const saved = page.locator('#notice').getByText('Your profile is saved.');
    await saved.waitFor();
    const [box, bar] = [(await saved.boundingBox())!, (await page.locator('.view .action-bar').boundingBox())!];
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(bar.y);
    // Focused, so a screen reader says it, and a keyboard goes on from it.
    expect(await holdsFocus(saved)).toBe(true);
    expect((await meOf(page, event.code)).lookFor).toBe('green jumper');
  });

  it('a match made while the sheet is open: the sheet says so at once, keeps what was typed, and Save shows the card', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Sudden Match', topics: ['Jazz'] });
    const [ann, bob] = [await open(PHONE_360), await open(PHONE_360)];
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Jazz'] });
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['Jazz'] });
    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(ann.page, 'waiting');
    const sheet = await openSheet(ann.page);
    await sheet.getByLabel('How to spot me').fill('yellow hat');
    expect(await sheet.getByText('will see your new name').count()).toBe(0);

    await bob.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(ann.page, 'matched');
    // In the sheet, in a live region, so a screen reader hears it over the sheet too.
    const news = sheet.locator('[aria-live="polite"]', { hasText: "You've been matched with Bob! Save or Cancel to see where to meet." });
    await news.waitFor();
    expect(await news.textContent()).toContain('Bob will see your new name and how to spot you as soon as you save.');
    expect(await news.isVisible()).toBe(true);
    expect(await sheet.getByLabel('How to spot me').inputValue()).toBe('yellow hat');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await bob.page.locator('.match-card').getByText('yellow hat').waitFor();
    await ann.page.locator('[data-partner-name]', { hasText: 'Bob' }).first().waitFor();
  });

  it('refuses an empty name, and a name the server will not take, in words tied to the field, changing nothing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Careful Typing' });
    const { page } = await open(PHONE_360);
    await joinThroughForm(page, event.code, { name: 'Lou', ownInterests: ['Chess'], lookFor: 'green scarf' });
    const before = await meOf(page, event.code);
    const sheet = await openSheet(page);
    const name = sheet.getByLabel('Your first name');

    await name.fill('   ');
    await sheet.getByLabel('How to spot me').fill('no scarf now');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.getByRole('alert').filter({ hasText: 'Please add your first name.' }).waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(name)).toContain('Please add your first name.');
    expect(await holdsFocus(name)).toBe(true);
    expect(await meOf(page, event.code)).toEqual(before);

    // Past the box's cap, as a script or an autofill that skips the input event could put it:
    // the server refuses it, and the sheet says so in words, under the field.
    await name.evaluate((el: HTMLInputElement) => (el.value = 'L'.repeat(60)));
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.getByText('Nothing was changed. Your first name needs 1 to 40 characters.').waitFor();
    await sheet.locator('#profile-name-error', { hasText: 'Your first name needs 1 to 40 characters.' }).waitFor();
    expect(await holdsFocus(name)).toBe(true);
    expect(await meOf(page, event.code)).toEqual(before);
    await expect(sheet.getByRole('button', { name: 'Save' }).isEnabled()).resolves.toBe(true);
  });

  it('while looking: "how to spot me" changes, and the phone keeps its place in the queue', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Queue Night' });
    const { page } = await open(PHONE_360);
    await joinThroughForm(page, event.code, { name: 'Mo', ownInterests: ['Chess'], lookFor: 'denim jacket' });
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    const sheet = await openSheet(page);
    expect(await sheet.getByLabel('How to spot me').inputValue()).toBe('denim jacket');
    await sheet.getByLabel('How to spot me').fill('white shirt');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await waitForView(page, 'waiting');
    expect(await holdsFocus(page.locator('#notice').getByText('Your profile is saved.'))).toBe(true);
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    expect({ status: (body as State).status, lookFor: (body as State).me.lookFor }).toEqual({ status: 'looking', lookFor: 'white shirt' });
  });
});
