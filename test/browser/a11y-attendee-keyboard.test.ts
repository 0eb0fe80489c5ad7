import type { Page } from 'playwright-core';
import { describeInBrowser, openPage } from '../helpers/browser';
import { call, connectOrganiser, control, createEvent, waitFor } from '../helpers/server';
import { joinThroughForm, matchTwoPhones, meetOnTwoPhones, socketPerson, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** The focused element: its tag, class and text, as a screen reader would land on it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el && el !== document.body ? `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim()}` : 'body';
  });

/** Controls in Chromium's accessibility tree with no name: a screen reader says only "button". */
async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const roles = new Set(['button', 'checkbox', 'switch', 'textbox', 'link', 'radio', 'combobox', 'dialog']);
    return nodes
      .filter((n) => !n.ignored && roles.has(String(n.role?.value)) && !String(n.name?.value ?? '').trim())
      .map((n) => `${String(n.role?.value)} #${n.backendDOMNodeId}`);
  } finally {
    await cdp.detach();
  }
}

/**
 * The attendee page with a keyboard or a screen reader: the focus goes where the news is as the
 * screens change, the beacon closes with the keys that press a button and says whom it is for,
 * and every control has a name.
 */
describeInBrowser('accessibility: the attendee page by keyboard and screen reader', () => {
  const rig = usePhoneRig();

  it('opens and closes the beacon from the keyboard, with the names on it, and gives the focus back', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Beacon Keys Night', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    const { page } = ann;
    const overlay = page.locator('[data-beacon-overlay]');
    for (const key of ['Enter', ' ']) {
      await page.locator('button.beacon').focus();
      await page.keyboard.press(key);
      await overlay.waitFor();
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-beacon-overlay'))).toBe(true);
      // Not colour alone: its name and emoji, and whom it is for, in words on the screen.
      const name = await page.locator('[data-beacon-name]').getAttribute('data-beacon-name');
      await overlay.getByText(new RegExp(`look for the ${name} `)).waitFor();
      expect(await overlay.locator('[data-beacon-names]').textContent()).toBe('Meeting Bob');
      await page.keyboard.press(key);
      await overlay.waitFor({ state: 'detached' });
      expect(await focused(page)).toMatch(/^button\.beacon /);
      // The key's release, back on the beacon button, does not hold it up again.
      expect(await overlay.count()).toBe(0);
    }
  });

  it('puts the focus on the new screen when the match ends while the beacon is up', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Beacon Gone Night', topics: ['Jazz'] });
    const [cy, dee] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Jazz');
    rig.pages.push(cy, dee);
    await cy.page.locator('button.beacon').focus();
    await cy.page.keyboard.press('Enter');
    await cy.page.locator('[data-beacon-overlay]').waitFor();
    await dee.page.getByRole('button', { name: "Can't find them" }).tap();
    await cy.page.locator('[data-beacon-overlay]').waitFor({ state: 'detached' });
    await cy.page.locator('[data-view="matched"]').waitFor({ state: 'detached' });
    await cy.page.waitForFunction(() => document.activeElement?.matches('.view-title'));
  });

  it('starts on "Good chat?" after a chat, and keeps the focus there through a vote', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Good Chat Keys Night', topics: ['Jazz'] });
    const [eve, fin] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Eve', 'Fin'], 'Jazz');
    rig.pages.push(eve, fin);
    await eve.page.getByRole('button', { name: 'Done chatting' }).focus();
    await eve.page.keyboard.press('Enter');
    await waitForView(eve.page, 'idle');
    await waitForView(fin.page, 'idle');
    // Both of them: the one who ended the chat, and the one told it ended.
    for (const [{ page }, other] of [[eve, 'Fin'], [fin, 'Eve']] as const) {
      await page.waitForFunction((q) => document.activeElement?.textContent === q, `Good chat with ${other}?`);
    }
    const { page } = eve;
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button.vote: 👍');
    await page.keyboard.press('Enter');
    await page.locator('[data-after-chat]').getByText('Thanks! That helps the organisers.').waitFor();
    // Still in the card, where the next Tab reaches Keep in touch.
    expect(await focused(page)).toBe('p.after-chat-question: Thanks! That helps the organisers.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/Keep in touch with Fin$/);
  });

  it('keeps the focus where it was when fresh news redraws the screen: a partner renamed, a pause', async () => {
    const { event, organiserToken } = await createEvent(rig.server.url, { name: 'Redraw Night', topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    const { page } = ann;
    await joinThroughForm(page, event.code, { name: 'Ann', topics: ['Jazz'] });
    // Matching paused by the organisers: the idle screen is drawn again, with its banner.
    const organiser = await connectOrganiser(rig.server.url, organiserToken, event.id);
    try {
      await page.getByRole('main').getByRole('button', { name: /People I met/ }).focus();
      expect(await control(organiser, 'event:pause')).toMatchObject({ ok: true });
      await page.getByText('Matching is paused, back soon.').waitFor();
      expect(await focused(page)).toMatch(/^button\..*people-button.*: .*People I met/);
      expect(await control(organiser, 'event:resume')).toMatchObject({ ok: true });
      await page.getByText('Matching is paused, back soon.').waitFor({ state: 'detached' });
    } finally {
      organiser.disconnect();
    }

    const bob = await socketPerson(rig, event.code, 'Bob');
    const found = waitFor(bob, 'match:found');
    expect(await call(bob, 'match:find')).toMatchObject({ ok: true });
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await found;
    await waitForView(page, 'matched');
    // Each redraw is the card's, for Bob's new name: the heading (where a new screen puts the
    // focus), the beacon and "Not comfortable?" are none of them known by an id.
    const steps = [
      ['h1.view-title', 'Rob', /^h1\.view-title.*: Meet Rob$/],
      ['button.beacon', 'Bobby', /^button\.beacon.*: .*Your beacon/],
      ['button.safety-link', 'Robert', /^button\.link-button safety-link: Not comfortable\?$/],
    ] as const;
    for (const [target, name, where] of steps) {
      await page.locator(target).focus();
      expect(await call(bob, 'profile:update', { name })).toMatchObject({ ok: true });
      await page.getByRole('heading', { level: 1, name: `Meet ${name}` }).waitFor();
      expect({ name, focus: await focused(page) }).toEqual({ name, focus: expect.stringMatching(where) });
    }
  });

  it('keeps the focus in a sheet, closes it with Esc and gives the focus back to what opened it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Sheet Keys Night', topics: ['Jazz'] });
    const [gus, hal] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Gus', 'Hal'], 'Jazz');
    rig.pages.push(gus, hal);
    const { page } = gus;
    for (const opener of ['Keep in touch', 'Not comfortable?']) {
      await page.getByRole('button', { name: opener, exact: false }).first().focus();
      await page.keyboard.press('Enter');
      const sheet = page.locator('dialog[open]');
      await sheet.waitFor();
      expect(await focused(page)).toMatch(/^h2\.sheet-title: /);
      // Past its last control Tab may leave for the browser's own bar (a modal <dialog> does), but
      // never reaches the inert page behind it.
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        const where = await page.evaluate(() => (document.activeElement === document.body ? 'away' : document.activeElement?.closest('dialog[open]') ? 'sheet' : 'page'));
        expect(where).not.toBe('page');
      }
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });
      expect(await focused(page)).toContain(opener);
    }
  });

  it('names every control, and gives each screen one heading to start from, in the main landmark', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Names Night', topics: ['Jazz', 'Chess'], spots: ['By the bar'] });
    const [ivy, jon] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ivy', 'Jon'], 'Jazz');
    rig.pages.push(ivy, jon);
    const { page } = ivy;
    const check = async (screen: string) => {
      expect({ screen, unnamed: await unnamedControls(page) }).toEqual({ screen, unnamed: [] });
      expect({ screen, h1: await page.locator('main h1').count() }).toEqual({ screen, h1: 1 });
    };
    await check('matched');
    await page.locator('button.beacon').click();
    await page.locator('[data-beacon-overlay]').waitFor();
    await check('beacon');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'We found each other' }).click();
    await waitForView(page, 'chatting');
    await check('chatting');
    for (const opener of ['Keep in touch', 'Not comfortable?']) {
      await page.getByRole('button', { name: opener }).first().click();
      await page.locator('dialog[open]').waitFor();
      await check(opener);
      await page.keyboard.press('Escape');
      await page.locator('dialog').waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Done chatting' }).click();
    await waitForView(page, 'idle');
    await page.locator('[data-after-chat]:not([hidden])').waitFor();
    await check('idle');
    await page.getByRole('button', { name: 'People I met' }).click();
    await page.locator('dialog[open]').waitFor();
    await check('people');
  });
});
