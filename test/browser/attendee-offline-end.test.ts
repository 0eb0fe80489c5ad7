import type { Page } from 'playwright-core';
import { describeInBrowser, newDevice, PHONE } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { linkNoise, matchTwoPhones, meetOnTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * A match that ends while a phone is away (screen locked, Wi-Fi gone) sends that phone no
 * `match:ended` it can hear: when it is back, it must still say what happened, and ask "Good
 * chat?" when the server counts the two as having met.
 */
describeInBrowser('a match that ended while the phone was offline', () => {
  // The server's clock can move ahead: a match times out without waiting. Chromium logs each
  // connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);
  const { pages } = rig;

  // "localhost": there engine.io-client leaves the browser's offline event to the page (see
  // attendee-event-status.test.ts), so going offline drops the socket at once.
  const url = () => rig.server.url.replace('127.0.0.1', 'localhost');

  async function goOffline(page: Page): Promise<void> {
    await page.context().setOffline(true);
    await page.getByText('Reconnecting…').waitFor();
  }

  /** Nothing to rate: the notice and the card come together, so no card now means none at all. */
  async function expectNoAfterChat(page: Page): Promise<void> {
    expect(await page.locator('[data-after-chat]').isHidden()).toBe(true);
  }

  async function comeBack(page: Page): Promise<void> {
    await page.context().setOffline(false);
    await page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
  }

  it('confirmed and ended by the other phone: says the chat ended, and asks "Good chat with Bob?"', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Dead Zone Drinks', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, url(), event.code, ['Ann', 'Bob'], 'Jazz');
    pages.push(ann, bob);
    await goOffline(ann.page);

    await bob.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(bob.page, 'chatting');
    await bob.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(bob.page, 'idle');

    await comeBack(ann.page);
    await waitForView(ann.page, 'idle');
    await ann.page.locator('#notice').getByText('Your chat with Bob ended while you were offline.').waitFor();
    const after = ann.page.locator('[data-after-chat]');
    await after.getByText('Good chat with Bob?').waitFor();
    await after.getByRole('button', { name: 'Keep in touch with Bob' }).waitFor();
    // Asked once, and a reload does not lose it.
    await ann.page.reload();
    await waitForView(ann.page, 'idle');
    await after.getByText('Good chat with Bob?').waitFor();
  });

  it('seen chatting, then left while the phone was locked and the tab was dropped: still explained', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Locked Screen Social', topics: ['Chess'] });
    const [cy, dee] = await meetOnTwoPhones(rig.browser, url(), event.code, ['Cy', 'Dee'], 'Chess');
    pages.push(cy, dee);
    await goOffline(cy.page);
    // A phone may drop a tab in the background: it comes back as a fresh page, with what this
    // one kept in localStorage.
    const kept = await cy.page.context().storageState();
    await cy.page.context().close();
    await dee.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(dee.page, 'idle');

    const context = await newDevice(rig.browser, { ...PHONE, baseURL: url(), storageState: kept });
    const page = await context.newPage();
    await page.goto(`/e/${event.code}`);
    await waitForView(page, 'idle');
    await page.locator('#notice').getByText('Your chat with Dee ended while you were offline.').waitFor();
    await page.locator('[data-after-chat]').getByText('Good chat with Dee?').waitFor();
    await context.close();
  });

  it("never confirmed, and the other phone couldn't find them: says so, with no \"Good chat?\"", async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Crowded Foyer', topics: ['Go'] });
    const [eve, fin] = await matchTwoPhones(rig.browser, url(), event.code, ['Eve', 'Fin'], 'Go');
    pages.push(eve, fin);
    await goOffline(eve.page);
    await fin.page.getByRole('button', { name: "Can't find them" }).tap();
    await waitForView(fin.page, 'waiting');

    await comeBack(eve.page);
    // Back in the queue, as "can't find" leaves everyone.
    await waitForView(eve.page, 'waiting');
    await eve.page.locator('#notice').getByText("Your match with Fin ended while you were away. We're finding you someone else.").waitFor();
    // The notice comes with the server's word on who met whom, so the card would be up by now.
    await expectNoAfterChat(eve.page);
  });

  it('never confirmed, and the match timed out: says it ran out of time, with no "Good chat?"', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Slow Lift', topics: ['Tea'] });
    const [gus, hal] = await matchTwoPhones(rig.browser, url(), event.code, ['Gus', 'Hal'], 'Tea');
    pages.push(gus, hal);
    await goOffline(gus.page);
    rig.advance(181_000); // past MATCH_TIMEOUT_MS (180 s)
    await waitForView(hal.page, 'idle');
    await hal.page.getByText('That match ran out of time.').waitFor();

    await comeBack(gus.page);
    await waitForView(gus.page, 'idle');
    await gus.page
      .locator('#notice')
      .getByText('Your match with Hal ran out of time while you were away: neither of you tapped “We found each other”. Ready for someone new?', { exact: true })
      .waitFor();
    await expectNoAfterChat(gus.page);
  });

  it('on the way to a circle that broke up: says so, and no "Good chat?" about people never met', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Far Corner', topics: ['Poetry'] });
    const [ivy, jon] = await meetOnTwoPhones(rig.browser, url(), event.code, ['Ivy', 'Jon'], 'Poetry');
    pages.push(ivy, jon);
    const kit = await sendToOpenCircle(rig.browser, url(), event.code, ivy, { name: 'Kit', topics: ['Poetry'] });
    pages.push(kit);
    await kit.page.getByRole('heading', { name: /Go and join (Ivy and Jon|Jon and Ivy)/ }).waitFor();

    await goOffline(kit.page);
    // The last one, left waiting for Kit, has no chat to be done with: they can't wait.
    for (const [{ page }, button] of [[ivy, 'Done chatting'], [jon, "I can't wait"]] as const) {
      await page.getByRole('button', { name: button }).tap();
      await waitForView(page, 'idle');
    }

    await comeBack(kit.page);
    await waitForView(kit.page, 'waiting');
    await kit.page.locator('#notice').getByText(/^Your match with (Ivy and Jon|Jon and Ivy) ended while you were away\. We're finding you someone else\.$/).waitFor();
    await expectNoAfterChat(kit.page);
  });
});
