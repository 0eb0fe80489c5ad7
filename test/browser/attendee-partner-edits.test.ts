import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { matchTwoPhones, usePhoneRig, waitForView } from './steps';

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
});
