import type { Page } from 'playwright-core';
import { describeInBrowser, openPage } from '../helpers/browser';
import { call, connectAttendee, createEvent } from '../helpers/server';
import { joinThroughForm, linkNoise, meetOnTwoPhones, sendToOpenCircle, tokenOf, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** What the phone says when its arrival runs out while it is online (attendee-arrival-timeout.test.ts). */
const TIMED_OUT = "You didn't tap “I found them” in time, so we're finding you someone else.";

/**
 * Sent to join a circle, Kit's phone is offline when her time to find it runs out: the server
 * takes her off it and has her looking again, and the `match:ended` `timeout` that says why
 * never reaches her phone. Back online, it must still say what happened, in the same words it
 * uses online, whether she is still looking or has been matched with someone else meanwhile;
 * but not once she has stopped looking meanwhile (from another tab, say): "we're finding you
 * someone else" would be untrue on an idle screen.
 */
describeInBrowser('an arrival that ran out while the phone was offline', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);

  // "localhost": there engine.io-client leaves the browser's offline event to the page (see
  // attendee-event-status.test.ts), so going offline drops the socket at once.
  const url = () => rig.server.url.replace('127.0.0.1', 'localhost');
  const notice = (page: Page) => page.locator('#notice');

  /** Ivy and Jon meet and open up; Kit is sent over, and her phone goes offline on the way. */
  async function kitOfflineOnHerWay(eventName: string) {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Poetry'] });
    const [ivy, jon] = await meetOnTwoPhones(rig.browser, url(), event.code, ['Ivy', 'Jon'], 'Poetry');
    rig.pages.push(ivy, jon);
    const kit = await sendToOpenCircle(rig.browser, url(), event.code, ivy, { name: 'Kit', topics: ['Poetry'] });
    rig.pages.push(kit);
    await kit.page.context().setOffline(true);
    await kit.page.getByText('Reconnecting…').waitFor();
    rig.advance(181_000); // past MATCH_TIMEOUT_MS (180 s) since she was sent
    // The circle carries on without her.
    await notice(ivy.page).getByText("Kit isn't coming over after all.").waitFor();
    return { event, kit };
  }

  async function comeBack(page: Page): Promise<void> {
    await page.context().setOffline(false);
    await page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
  }

  it('still looking when she is back: says her time ran out, as it would have online', async () => {
    const { kit } = await kitOfflineOnHerWay('Dead Spot Poetry');
    await comeBack(kit.page);
    await waitForView(kit.page, 'waiting');
    await notice(kit.page).getByText(TIMED_OUT, { exact: true }).waitFor();
  });

  it('matched with someone else by the time she is back: the new card, and why the old one went', async () => {
    const { event, kit } = await kitOfflineOnHerWay('Second Chance Poetry');
    const lou = await openPage(rig.browser, url());
    rig.pages.push(lou);
    await joinThroughForm(lou.page, event.code, { name: 'Lou', topics: ['Poetry'] });
    await lou.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(lou.page, 'waiting');

    await comeBack(kit.page);
    await waitForView(kit.page, 'matched');
    await kit.page.locator('[data-partner-name]', { hasText: 'Lou' }).waitFor();
    await notice(kit.page).getByText(TIMED_OUT, { exact: true }).waitFor();
  });

  it('stopped looking from another tab by the time she is back: no "we\'re finding you someone else" on an idle screen', async () => {
    const { event, kit } = await kitOfflineOnHerWay('Other Tab Poetry');
    // Her other tab (a socket with her token) taps Cancel while this phone is still offline.
    const other = await connectAttendee(rig.server.url, await tokenOf(kit.page, event.code));
    try {
      const cancelled = await call(other, 'match:cancel', {});
      expect(cancelled).toMatchObject({ ok: true, state: { status: 'idle', arrivalTimedOut: expect.any(String) } });
    } finally {
      other.disconnect();
    }

    await comeBack(kit.page);
    await waitForView(kit.page, 'idle');
    await notice(kit.page).getByText('Your match with Ivy and Jon ended while you were away. Ready for someone new?', { exact: true }).waitFor();
    expect(await notice(kit.page).textContent()).not.toContain("we're finding you someone else");
  });
});
