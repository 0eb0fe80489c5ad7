import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, openPage, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { ariaOutline, descriptionOf, holdsFocus, nameOf } from './a11y-probes/aria-outline';
import { joinThroughForm, meetOnTwoPhones, shareEmail, usePhoneRig } from './steps';

jest.setTimeout(60_000);

const EVENT = { name: 'Screen Reader Social', topics: ['AI', 'Jazz'], spots: ['Under the big clock'] };

/**
 * A new screen is heard: its one h1 takes the focus, which a screen reader reads out (the
 * attendee page moves the focus to each new screen's heading).
 */
async function heardScreen(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await page.waitForFunction((name) => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === name, heading);
}

/** The whole page, as a screen reader lists it: every control named, one h1 (this one), no level skipped. */
async function expectOutline(page: Page, h1: string): Promise<void> {
  const o = await ariaOutline(page.locator('body'));
  expect({ h1, unnamed: o.unnamed, h1s: o.headings.filter((h) => h.startsWith('h1 ')), skips: o.skips }).toEqual({ h1, unnamed: [], h1s: [`h1 ${h1}`], skips: [] });
}

/** `opener` opens a dialog named `name`: focus goes into it, everything in it is named, its headings sit under the page's h1. */
async function expectDialog(page: Page, opener: Locator, name: string): Promise<Locator> {
  await opener.tap();
  const dialog = page.getByRole('dialog', { name, exact: true });
  await dialog.waitFor();
  const o = await ariaOutline(dialog);
  expect({ name, focused: await holdsFocus(dialog), unnamed: o.unnamed, h1s: o.headings.filter((h) => h.startsWith('h1 ')) }).toEqual({
    name,
    focused: true,
    unnamed: [],
    h1s: [],
  });
  return dialog;
}

/**
 * `control` (found by its words, with or without an icon before them) is named by its words
 * alone: the icon is drawn, not read out ("handshake Keep in touch").
 */
async function expectNamedInWords(control: Locator, words: string): Promise<void> {
  await control.waitFor();
  expect({ words, name: await nameOf(control) }).toEqual({ words, name: words });
}

/**
 * A status or hint line led by a drawn icon (✓, 🔒, ⚠️, 🎉) is read as its words alone, not
 * "check mark Saved" or "lock Anyone with…": what a screen reader reads of it, with no icon in it.
 */
async function expectReadWithoutIcon(line: Locator, words: string | RegExp): Promise<void> {
  await line.waitFor();
  const read = await line.ariaSnapshot();
  expect({ read, icon: /[✓🔒⚠🎉]/u.test(read) }).toEqual({ read: expect.stringMatching(words), icon: false });
}

/** Closes the open dialog with Escape; the focus goes back to what opened it. */
async function closeDialog(page: Page, dialog: Locator, opener: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(await holdsFocus(opener)).toBe(true);
}

/**
 * What a screen reader's user gets on the attendee's phone, through real pages against a real
 * server: named fields and controls, errors said and tied to their field, each new screen
 * (a match above all) heard as it comes, the match card and beacon as words, dialogs that take
 * the focus, and notices in a live region.
 */
describeInBrowser('accessibility: the attendee page through a screen reader', () => {
  const rig = usePhoneRig();
  const open = async (): Promise<TrackedPage> => {
    const phone = await openPage(rig.browser, rig.server.url);
    rig.pages.push(phone);
    return phone;
  };

  it('join form: every field named, hints read with their field, a missing name said and tied to the field', async () => {
    const { event } = await createEvent(rig.server.url, EVENT);
    const { page } = await open();
    await page.goto(`/e/${event.code}`);
    await heardScreen(page, EVENT.name);
    await page.getByText('More about you (optional)').tap();
    const form = page.getByRole('form', { name: `Join ${EVENT.name}` });
    expect((await ariaOutline(form)).unnamed).toEqual([]);
    for (const [role, name] of [
      ['textbox', 'Your first name'],
      ['textbox', 'Add your own interest'],
      ['switch', "I'm here on my own"],
      ['textbox', 'How to spot me'],
      ['textbox', 'Something you can help with'],
      ['textbox', "Something you'd like advice on"],
    ] as const) {
      expect({ name, fields: await form.getByRole(role, { name, exact: true }).count() }).toEqual({ name, fields: 1 });
    }
    for (const topic of EVENT.topics) expect(await form.getByRole('button', { name: topic, exact: true, pressed: false }).count()).toBe(1);
    // What each field's hint says is read with the field, not left for the user to find.
    expect(await descriptionOf(form.getByRole('switch', { name: "I'm here on my own" }))).toBe("We'll pair you with someone else who's on their own first.");
    expect(await descriptionOf(form.getByLabel('How to spot me'))).toContain('So your match can find you in the room.');
    expect(await descriptionOf(form.getByLabel('Add your own interest'))).toBe('Tap a few, or add your own.');

    await form.getByRole('button', { name: 'Join', exact: true }).tap();
    await form.getByRole('alert').filter({ hasText: 'Please add your first name.' }).waitFor();
    const name = form.getByRole('textbox', { name: 'Your first name' });
    expect(await name.ariaSnapshot()).toContain('[invalid]');
    expect(await descriptionOf(name)).toBe('Please add your first name.');
    expect(await holdsFocus(name)).toBe(true);
    await name.fill('Ann');
    expect(await name.ariaSnapshot()).not.toContain('[invalid]');
    await expectOutline(page, EVENT.name);
  });

  it('waiting, then a match: each screen heard as it comes, the card and the beacon in words, the partner told when one leaves', async () => {
    const { event } = await createEvent(rig.server.url, EVENT);
    const ann = await open();
    const bob = await open();
    const { page } = ann;
    await joinThroughForm(page, event.code, { name: 'Ann', topics: ['AI'], lookFor: 'red scarf' });
    await heardScreen(page, 'Hi Ann 👋');
    await expectOutline(page, 'Hi Ann 👋');

    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await heardScreen(page, 'Looking for someone…');
    await page.locator('[aria-live="polite"]', { hasText: "Nobody's free to pair with you just now." }).waitFor();
    await expectOutline(page, 'Looking for someone…');

    // Bob taps Find: the match arrives on Ann's phone by itself, and is heard.
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['AI'], lookFor: 'blue hat' });
    await bob.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await heardScreen(page, 'Meet Bob');
    await heardScreen(bob.page, 'Meet Ann');
    await expectOutline(page, 'Meet Bob');

    // The card's key facts are text in the tree: who, how to spot them, where, what to say, why.
    const card = page.getByRole('article');
    const said = await card.ariaSnapshot();
    await expectNamedInWords(card.getByRole('button', { name: 'Keep in touch' }), 'Keep in touch');
    expect(said).toContain('Bob How to spot them: blue hat');
    expect(said).toMatch(/Meeting spot:[\s\S]*Under the big clock/);
    expect(said).toMatch(/figure "Icebreaker":[\s\S]*- blockquote: \S.{10,}/);
    // The reasons, without the drawn tick read out as "check mark" before each.
    const reasons = card.getByRole('list').filter({ has: page.getByText('You both picked AI') });
    expect(await reasons.ariaSnapshot()).toBe("- list:\n  - listitem: You're both here on your own\n  - listitem: You both picked AI");

    // The beacon: its colour is a word, not only a colour, and so is its emoji's place.
    const beacon = card.getByRole('button', { name: /^Show your beacon: / });
    const colour = await beacon.getAttribute('data-beacon-name');
    const emoji = await beacon.getAttribute('data-beacon-emoji');
    expect(colour).toMatch(/^[a-z]+( [a-z]+)*$/);
    expect(await beacon.getAttribute('aria-label')).toBe(`Show your beacon: the ${colour} ${emoji}, full screen`);
    const full = await expectDialog(page, beacon, `Beacon: ${colour} ${emoji}`);
    expect(await full.ariaSnapshot()).toContain(`look for the ${colour}`);
    expect(await full.ariaSnapshot()).toContain('Meeting Bob');
    await closeDialog(page, full, beacon);

    await page.getByRole('button', { name: 'We found each other' }).tap();
    await heardScreen(page, 'Chatting with Bob');
    await expectOutline(page, 'Chatting with Bob');
    expect(await descriptionOf(page.getByRole('switch', { name: 'Open to one more' }))).toBe("Turn it on if you'd welcome someone who's looking.");

    // Ann is done: her phone starts her on the "Good chat?" card; Bob's says why, in a live region.
    await page.getByRole('button', { name: 'Done chatting' }).tap();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Good chat with Bob?');
    await expectOutline(page, 'Hi Ann 👋');
    await expectNamedInWords(page.locator('[data-after-chat]').getByRole('button', { name: 'Keep in touch with Bob' }), 'Keep in touch with Bob');
    await expectNamedInWords(page.getByRole('button', { name: 'People I met · 1' }), 'People I met · 1');
    const notice = bob.page.getByRole('status').filter({ hasText: 'Ann wrapped up your chat. Ready for someone new?' });
    await notice.waitFor();
    expect(await notice.getAttribute('aria-live')).toBe('polite');
    // Its × is beside it, not in it: a button in the region would be read out with the words.
    expect(await notice.getByRole('button').count()).toBe(0);
    expect(await bob.page.locator('.notice-box').getByRole('button', { name: 'Dismiss this message' }).isVisible()).toBe(true);
    await expectOutline(bob.page, 'Hi Bob 👋');
  });

  it('a reminder before a match runs out is said in the live region, as a warning', async () => {
    const { event } = await createEvent(rig.server.url, EVENT);
    const cy = await open();
    const di = await open();
    await joinThroughForm(cy.page, event.code, { name: 'Cy', topics: ['Jazz'] });
    await joinThroughForm(di.page, event.code, { name: 'Di', topics: ['Jazz'] });
    for (const { page } of [cy, di]) await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([heardScreen(cy.page, 'Meet Di'), heardScreen(di.page, 'Meet Cy')]);
    // 2 min 20 s of the match's 3 minutes go by without "We found each other".
    rig.advance(140_000);
    const reminder = cy.page.getByRole('status').filter({ hasText: /^Found Di\? Tap “We found each other”, or this match ends in/ });
    await reminder.waitFor();
    expect(await reminder.getAttribute('aria-live')).toBe('polite');
    expect(await reminder.getAttribute('class')).toContain('notice-warn');
  });

  it('sheets: each a named dialog that takes the focus and gives it back; their errors tied to what they are about', async () => {
    const { event } = await createEvent(rig.server.url, EVENT);
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'AI');
    rig.pages.push(ann, bob);
    const { page } = ann;

    // Keep in touch: a bad address is said, marked on its box, read with it, and the focus goes there.
    const keepOpener = page.getByRole('article').getByRole('button', { name: 'Keep in touch' });
    const keep = await expectDialog(page, keepOpener, 'Keep in touch with Bob');
    await expectReadWithoutIcon(keep.getByText(/Remembered on this phone only/), "Remembered on this phone only, so next time it's one tap.");
    const email = keep.getByRole('textbox', { name: 'Email', exact: true });
    await email.fill('not-an-email');
    await keep.getByRole('button', { name: 'Share my details' }).tap();
    await keep.getByText("That doesn't look like an email address.").waitFor();
    expect(await email.ariaSnapshot()).toContain('[invalid]');
    expect(await descriptionOf(email)).toBe("That doesn't look like an email address.");
    expect(await holdsFocus(email)).toBe(true);
    await email.fill('ann@example.com');
    await keep.getByRole('button', { name: 'Share my details' }).tap();
    await keep.getByText(/waiting for Bob to share too/).waitFor();
    await expectReadWithoutIcon(keep.locator('[data-exchange="shared"]'), 'Shared — waiting for Bob to share too');
    expect(await email.isVisible()).toBe(false);
    await closeDialog(page, keep, keepOpener);

    // Not comfortable?: each choice read with what it does; a report without a reason is said and tied to the choices.
    const safetyOpener = page.getByRole('button', { name: 'Not comfortable?' });
    const safety = await expectDialog(page, safetyOpener, 'Not comfortable?');
    expect(await descriptionOf(safety.getByRole('button', { name: 'Block Bob' }))).toBe("Don't match me with Bob again");
    expect(await descriptionOf(safety.getByRole('button', { name: 'Report Bob' }))).toBe('Tell the organisers what happened');
    await safety.getByRole('button', { name: 'Report Bob' }).tap();
    await safety.getByRole('button', { name: 'Send report' }).tap();
    await safety.getByRole('alert').filter({ hasText: 'Please pick what happened.' }).waitFor();
    const reasons = safety.getByRole('radiogroup', { name: 'What happened?' });
    expect(await reasons.ariaSnapshot()).toMatch(/^- radiogroup "What happened\?" \[invalid\]/);
    expect(await descriptionOf(reasons)).toBe('Please pick what happened.');
    expect(await holdsFocus(reasons)).toBe(true);
    await safety.getByRole('radio', { name: 'Selling or spamming' }).check();
    expect(await reasons.ariaSnapshot()).not.toContain('[invalid]');
    await closeDialog(page, safety, safetyOpener);

    // On the idle screen: People I met, Your data, Start over.
    await page.getByRole('button', { name: 'Done chatting' }).tap();
    // (The "Good chat?" card above has the focus now: see the test before.)
    await page.getByRole('heading', { level: 1, name: 'Hi Ann 👋' }).waitFor();
    for (const [opener, name] of [
      [/People I met/, 'People I met'],
      [/^Your data$/, 'Your data'],
      [/^Not Ann\? Start over$/, 'Start over'],
    ] as const) {
      const button = page.getByRole('main').getByRole('button', { name: opener });
      const dialog = await expectDialog(page, button, name);
      await closeDialog(page, dialog, button);
    }

    // Bob shares too: People I met holds his details, its downloads named without the drawn arrow.
    await shareEmail(bob.page, 'bob@example.com');
    const peopleOpener = page.getByRole('main').getByRole('button', { name: /People I met/ });
    const people = await expectDialog(page, peopleOpener, 'People I met');
    await expectNamedInWords(people.getByRole('button', { name: 'Save contact' }), 'Save contact');
    await expectNamedInWords(people.getByRole('button', { name: 'Save all (.vcf)' }), 'Save all (.vcf)');
    await closeDialog(page, people, peopleOpener);
  });
});
