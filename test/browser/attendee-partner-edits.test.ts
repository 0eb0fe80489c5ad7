import type { Page } from 'playwright-core';
import { describeInBrowser, PHONE } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { matchTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(45_000);

/**
 * Ann edits her profile while matched with Bob: Bob's card changes, and his phone says so, in
 * its live region, with the changed line marked; a reload (a fresh page, nothing to compare
 * with) says nothing.
 */
describeInBrowser('attendee: a partner edits their profile', () => {
  const rig = usePhoneRig();

  it("says on the partner's phone what changed, and marks it on the card; not after a reload", async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Scarf Night', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    const notice = bob.page.locator('#notice[role="status"][aria-live="polite"]');
    const card = bob.page.locator('.match-card');

    async function edit(fields: Record<string, string>): Promise<void> {
      await ann.page.getByRole('button', { name: 'Edit profile' }).tap();
      const sheet = ann.page.getByRole('dialog', { name: 'Edit my profile' });
      for (const [label, value] of Object.entries(fields)) await sheet.getByLabel(label).fill(value);
      await sheet.getByRole('button', { name: 'Save' }).tap();
      await sheet.waitFor({ state: 'detached' });
    }

    await edit({ 'How to spot me': 'blue scarf' });
    await notice.getByText('Ann updated how to spot them: blue scarf.', { exact: true }).waitFor();
    await card.locator('[data-partner-look].just-changed', { hasText: 'blue scarf' }).waitFor();
    // Her own phone says it is saved, not that she changed.
    await ann.page.locator('#notice').getByText('Your profile is saved.').waitFor();
    expect(await ann.page.locator('#notice').textContent()).not.toContain('updated how to spot');

    await edit({ 'Your first name': 'Anna' });
    await notice.getByText('Ann changed their name to Anna.', { exact: true }).waitFor();
    await card.locator('[data-partner-name].just-changed', { hasText: 'Anna' }).waitFor();
    expect(await card.locator('.just-changed').count()).toBe(1);

    // A reload draws the card from the server's state, with nothing before it to compare.
    await bob.page.reload();
    await waitForView(bob.page, 'matched');
    await card.getByText('blue scarf').waitFor();
    await card.locator('[data-partner-name]', { hasText: 'Anna' }).waitFor();
    expect(await bob.page.locator('#notice').textContent()).toBe('');
    expect(await card.locator('.just-changed').count()).toBe(0);
  });

  it('at 320x568: the changed line is brought into view clear of the pinned bar; a new name marks the name, not "How to spot"', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Small Scarves', topics: ['Jazz'], spots: ['By the piano'] });
    const device = { ...PHONE, viewport: { width: 320, height: 568 } };
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Robert'], 'Jazz', device);
    rig.pages.push(ann, bob);
    const edit = async (page: Page, fields: Record<string, string>) => {
      await page.getByRole('button', { name: 'Edit profile' }).tap();
      const sheet = page.getByRole('dialog', { name: 'Edit my profile' });
      for (const [label, value] of Object.entries(fields)) await sheet.getByLabel(label).fill(value);
      await sheet.getByRole('button', { name: 'Save' }).tap();
      await sheet.waitFor({ state: 'detached' });
    };
    /**
     * Waits until the first of `selector` is wholly on screen, above the pinned bar (it is brought
     * there as the notice settles), give or take the part of a pixel a whole-pixel scroll leaves.
     */
    const inView = (page: Page, selector: string) =>
      page.waitForFunction((sel) => {
        const box = document.querySelector(sel)?.getBoundingClientRect();
        const bar = document.querySelector('.view .action-bar')!.getBoundingClientRect();
        return !!box && box.top >= 0 && box.bottom <= bar.top + 1;
      }, selector, { timeout: 5000 });
    const notice = bob.page.locator('#notice');

    await edit(ann.page, { 'How to spot me': 'a very tall person in a long green coat with a red scarf and a small brown hat' });
    await notice.getByText('Ann updated how to spot them:').waitFor();
    await bob.page.locator('.match-card [data-partner-look].just-changed').waitFor();
    await inView(bob.page, '.match-card [data-partner-look].just-changed');

    // Talking now: the name alone changes; the heading that says it is marked, not "How to spot".
    await bob.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(bob.page, 'chatting');
    await edit(ann.page, { 'Your first name': 'Anna' });
    await notice.getByText('Ann changed their name to Anna.').waitFor();
    const marked = bob.page.locator('.just-changed');
    await marked.first().waitFor();
    expect(await marked.evaluateAll((els) => els.map((el) => el.textContent))).toEqual(['Chatting with Anna']);
    await inView(bob.page, '.just-changed');

    // A third is sent over: in the group's list, the line Cat changes comes into view too.
    const cat = await sendToOpenCircle(rig.browser, rig.server.url, event.code, bob, { name: 'Cat', topics: ['Jazz'] });
    rig.pages.push(cat);
    await bob.page.locator('[data-partner-name]', { hasText: 'Cat' }).waitFor();
    await edit(cat.page, { 'How to spot me': 'a long purple scarf, a denim jacket and a big camera round her neck' });
    await notice.getByText('Cat updated how to spot them:').waitFor();
    await bob.page.locator('[data-partner-look].just-changed', { hasText: 'purple scarf' }).waitFor();
    await inView(bob.page, '[data-partner-look].just-changed');
  });
});
