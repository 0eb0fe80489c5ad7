import { describeInBrowser, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { meetOnTwoPhones, sendToOpenCircle } from './steps';

jest.setTimeout(45_000);

/**
 * Someone joining a match drops the offers to swap details made before they came (they name only
 * who was there then; see `contact:share` in docs/PROTOCOL.md). Whoever had offered is told why
 * their "waiting for Bob to share too" went, not left to wonder.
 */
describeInBrowser('an offer to swap details, withdrawn when someone joins', () => {
  const rig = useServerAndBrowser();

  it('says so in the coming-over notice of whoever had offered, and only theirs', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Open Circle Night', topics: ['Jazz'] });
    const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');

    await ann.page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = ann.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByLabel('Email', { exact: true }).fill('ann@example.com');
    await sheet.getByRole('button', { name: 'Share my details' }).tap();
    await sheet.getByText('Shared — waiting for Bob to share too').waitFor();
    await sheet.getByRole('button', { name: 'Close' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await ann.page.locator('.keep-status', { hasText: 'Shared — waiting for Bob to share too' }).waitFor();

    const cy = await sendToOpenCircle(rig.browser, rig.server.url, event.code, ann, { name: 'Cy', topics: ['Jazz'] });
    await cy.page.getByRole('heading', { name: /Go and join (Ann and Bob|Bob and Ann)/ }).waitFor();

    const said = (text: string) => ann.page.locator('#notice .notice-text', { hasText: text });
    await said(
      'Cy is coming over to join you. Your offer to swap details was withdrawn because Cy joined — share again if you like.',
    ).waitFor();
    await ann.page.locator('.keep-status', { hasText: /^Swap details with (Bob and Cy|Cy and Bob), only if you all want to\.$/ }).waitFor();
    // Bob had offered nothing: nothing of his was withdrawn.
    await bob.page.locator('#notice .notice-text', { hasText: 'Cy is coming over to join you.' }).waitFor();
    expect((await bob.page.locator('#notice .notice-text').textContent())?.trim()).toBe('Cy is coming over to join you.');
    expect([...ann.errors, ...bob.errors, ...cy.errors]).toEqual([]);
  });
});
