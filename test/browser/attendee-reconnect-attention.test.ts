import type { BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, newDevice, openPage, PHONE, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { beaconOf, buzzesOf, joinThroughForm, linkNoise, recordBuzzes, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** A new match's buzz, as client/src/attendee/attention.ts asks for it. */
const MATCH_BUZZ = [180, 80, 180];

/**
 * Records the phone's buzzes (`recordBuzzes`), and makes the page one in a pocket: not the
 * focused one, so a new match also flags the tab's title.
 */
async function pocketPhone(context: BrowserContext): Promise<void> {
  await recordBuzzes(context);
  await context.addInitScript(() => {
    Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => false });
  });
}

/**
 * Lets the test cut what the server sends the phone while its socket stays open: a link that
 * died in a way the server has not noticed yet (it counts a connection until its ping times
 * out), so it still matches the phone and its `match:found` is lost on the way.
 */
async function deafenable(context: BrowserContext): Promise<{ deaf: boolean }> {
  const link = { deaf: false };
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (!link.deaf) ws.send(message);
    });
  });
  return link;
}

/**
 * A match made while the phone could not hear it: the live `match:found` buzzes the phone and
 * flags the tab, and so must the resumed `state` that is the phone's first word of it. Once
 * only: a match the phone has already shown never buzzes again (say, on a reload).
 */
describeInBrowser('a match made while the phone was away gets its attention', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);

  /** Ann looking on a pocketed phone that the test can deafen, and Bob ready to tap Find. */
  async function annLookingAndBob(eventName: string): Promise<{ code: string; ann: TrackedPage; link: { deaf: boolean }; bob: TrackedPage }> {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    const bob = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann, bob);
    await Promise.all([pocketPhone(ann.page.context()), pocketPhone(bob.page.context())]);
    const link = await deafenable(ann.page.context());
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Jazz'] });
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['Jazz'] });
    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(ann.page, 'waiting');
    return { code: event.code, ann, link, bob };
  }

  /** Ann's link dies unnoticed; Bob taps Find and is matched with her; she hears nothing. */
  async function matchedBehindAnnsBack(ann: TrackedPage, link: { deaf: boolean }, bob: TrackedPage): Promise<void> {
    link.deaf = true;
    await bob.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(bob.page, 'matched');
    expect(await ann.page.locator('[data-view="waiting"]').count()).toBe(1);
    expect(await buzzesOf(ann.page)).toEqual([]);
    // Bob heard it live: one buzz, though both `match:found` and his `state` bring the match.
    expect(await buzzesOf(bob.page)).toEqual([MATCH_BUZZ]);
  }

  async function expectFlagged(page: Page, flagged: boolean, eventName: string): Promise<void> {
    const { emoji } = await beaconOf(page);
    expect(await page.title()).toBe(flagged ? `${emoji} Matched! – Mingle` : `${eventName} – Mingle`);
  }

  it('on reconnecting: buzzes and flags the tab once, and not again on a reload', async () => {
    const { ann, link, bob } = await annLookingAndBob('Patchy Signal Party');
    await matchedBehindAnnsBack(ann, link, bob);

    // Her phone notices it has no connection, and then gets it back.
    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();
    link.deaf = false;
    await ann.page.context().setOffline(false);
    await waitForView(ann.page, 'matched');
    expect(await buzzesOf(ann.page)).toEqual([MATCH_BUZZ]);
    await expectFlagged(ann.page, true, 'Patchy Signal Party');

    // Reloaded: the same match, already shown on this phone.
    await ann.page.reload();
    await waitForView(ann.page, 'matched');
    expect(await buzzesOf(ann.page)).toEqual([]);
    await expectFlagged(ann.page, false, 'Patchy Signal Party');
  });

  it('a minute before an unconfirmed match would time out, both phones buzz once and say to tap "We found each other"; the words go once they do', async () => {
    const { ann, bob } = await annLookingAndBob('Chatty Corner');
    await bob.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([waitForView(ann.page, 'matched'), waitForView(bob.page, 'matched')]);
    // Talking already, and nobody tapped: two of MATCH_TIMEOUT_MS's three minutes go by.
    rig.advance(121_000);
    for (const [page, other] of [[ann.page, 'Bob'], [bob.page, 'Ann']] as const) {
      await page.locator('#notice').getByText(`Found ${other}? Tap “We found each other”, or this match ends in about a minute.`).waitFor();
      expect(await buzzesOf(page)).toEqual([MATCH_BUZZ, 120]);
    }
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
    for (const page of [ann.page, bob.page]) await page.locator('#notice').getByText(/^Found /).waitFor({ state: 'detached' });
  });

  it('in a tab the phone dropped and reopened: buzzes and flags it', async () => {
    const { code, ann, link, bob } = await annLookingAndBob('Locked Pocket Social');
    await matchedBehindAnnsBack(ann, link, bob);

    // The phone drops the backgrounded tab; reopened, it is a fresh page with what it kept.
    const kept = await ann.page.context().storageState();
    await ann.page.context().close();
    const context = await newDevice(rig.browser, { ...PHONE, baseURL: rig.server.url, storageState: kept });
    await pocketPhone(context);
    const page = await context.newPage();
    await page.goto(`/e/${code}`);
    await waitForView(page, 'matched');
    expect(await buzzesOf(page)).toEqual([MATCH_BUZZ]);
    await expectFlagged(page, true, 'Locked Pocket Social');
    await context.close();
  });
});
