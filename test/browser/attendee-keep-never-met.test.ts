import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { matchTwoPhones, usePhoneRig, waitForView } from './steps';

jest.setTimeout(45_000);

const TIMED_OUT = "That match ran out of time. Tap Find when you're ready to try again.";

/**
 * A match nobody confirmed runs out of time: it is in neither's People I met, and the server
 * refuses to swap details there (NEVER_MET). A Keep in touch sheet opened on the match card
 * closes with it, rather than offer a Share that would wait for ever for someone who cannot answer.
 */
describeInBrowser('Keep in touch, when the match runs out of time', () => {
  const rig = usePhoneRig();

  it('closes the sheet and shows that the match ran out of time', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Timed Out', topics: ['Maps'] });
    const [gus, hal] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Gus', 'Hal'], 'Maps');
    rig.pages.push(gus, hal);
    await gus.page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = gus.page.locator('dialog[data-sheet="keep"]');
    await sheet.getByLabel('Email', { exact: true }).fill('gus@example.com');

    // Nobody taps "We found each other" within the 180 s.
    rig.advance(181_000);
    await waitForView(gus.page, 'idle');
    await gus.page.getByText(TIMED_OUT, { exact: true }).waitFor();
    await sheet.waitFor({ state: 'detached' });
    expect(await gus.page.getByRole('button', { name: 'Share my details' }).count()).toBe(0);
  });
});
