import type { Page } from 'playwright-core';
import { STILL_OFFLINE_MS } from '../../client/src/attendee/connection';
import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, linkNoise, matchTwoPhones, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

const STILL = 'Still no connection. Check your Wi-Fi or mobile data: Mingle keeps trying,';

/**
 * "Reconnecting…" is right for a blip, and wrong after half a minute: by then the person should
 * hear that the phone itself has no connection, what to check, and that nothing is lost. The
 * page's clock is Playwright's, moved ahead by the test rather than waited out.
 */
describeInBrowser('a phone that stays offline', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);

  /** The connection bar's text. */
  const barOf = (page: Page) => page.locator('#connection');

  it('looking: says what to check after a while, that the place is kept, and starts afresh next time', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Thick Walls Meetup', topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    const { page } = ann;
    await joinThroughForm(page, event.code, { name: 'Ann', topics: ['Jazz'] });
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    await page.clock.install();

    await page.context().setOffline(true);
    await barOf(page).getByText('Reconnecting…', { exact: true }).waitFor();
    await page.clock.fastForward(STILL_OFFLINE_MS - 1_000);
    // fastForward has fired every timer due by now, so the bar has had its chance to change.
    expect(await barOf(page).textContent()).toBe('Reconnecting…');
    await page.clock.fastForward(1_000);
    await barOf(page).getByText(`${STILL} and you keep your place in the queue.`, { exact: true }).waitFor();

    await page.context().setOffline(false);
    await barOf(page).waitFor({ state: 'hidden' });
    await waitForView(page, 'waiting');

    // Offline again: a new blip, so "Reconnecting…" again, not the words from last time.
    await page.context().setOffline(true);
    await barOf(page).getByText('Reconnecting…', { exact: true }).waitFor();
    await page.clock.fastForward(STILL_OFFLINE_MS);
    await barOf(page).getByText(STILL).waitFor();
    await page.context().setOffline(false);
    await barOf(page).waitFor({ state: 'hidden' });
  });

  it('matched: says the match is not lost', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Deep Basement', topics: ['Chess'] });
    const [cy, dee] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Chess');
    rig.pages.push(cy, dee);
    await cy.page.clock.install();
    await cy.page.context().setOffline(true);
    await barOf(cy.page).getByText('Reconnecting…', { exact: true }).waitFor();
    await cy.page.clock.fastForward(STILL_OFFLINE_MS);
    await barOf(cy.page).getByText(`${STILL} and being offline doesn't end your match.`, { exact: true }).waitFor();
    await waitForView(cy.page, 'matched');
    await cy.page.context().setOffline(false);
    await barOf(cy.page).waitFor({ state: 'hidden' });
  });
});
