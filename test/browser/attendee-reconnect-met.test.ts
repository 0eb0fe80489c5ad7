import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { linkNoise, matchTwoPhones, meetOnTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** Every `match:met` a page sends from now on, as the frames on its sockets. */
function metFramesOf(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      if (String(payload).includes('"match:met"')) frames.push(String(payload));
    }),
  );
  return frames;
}

const QUEUED = "You're offline. We'll send “We found each other” as soon as your phone is back, so no need to tap again.";

/** The phone loses its connection, then "We found each other" is tapped, and kept to send later. */
async function tapFoundOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.getByText('Reconnecting…').waitFor();
  await page.getByRole('button', { name: 'We found each other' }).tap();
  await page.locator('#notice').getByText(QUEUED).waitFor();
}

/**
 * "We found each other", tapped while the phone has no connection: the two are already talking,
 * and if the tap were simply refused the match would time out under them. The phone keeps it
 * and sends it once it is back, if the server's `state` says the same match still waits for it.
 */
describeInBrowser('"We found each other" tapped while offline', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);

  it('is sent once the phone is back, and both phones move on to the chat', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Garden Party', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    const sent = metFramesOf(ann.page);
    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();

    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    // Said at once, as a promise rather than a failure, and nothing is left busy meanwhile.
    await ann.page.locator('#notice').getByText(QUEUED).waitFor({ timeout: 1_000 });
    expect(await ann.page.getByText("didn't go through").count()).toBe(0);
    expect(await ann.page.locator('#app').getAttribute('aria-busy')).toBe('false');
    await waitForView(ann.page, 'matched');
    // A second tap changes nothing: one tap to send.
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await ann.page.locator('#notice').getByText(QUEUED).waitFor();
    expect(sent).toEqual([]);

    await ann.page.context().setOffline(false);
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
    await ann.page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
    expect(sent).toHaveLength(1);
    // The promise is kept: no notice about it stays behind.
    expect(await ann.page.getByText(QUEUED).count()).toBe(0);
  });

  it('outlives a reload: the page that comes back sends it once connected, then forgets it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Reload Lounge', topics: ['Cider'] });
    const [gus, hen] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Gus', 'Hen'], 'Cider');
    rig.pages.push(gus, hen);
    const { page } = gus;
    // Gus's socket reaches nothing while his page reloads (the page itself loads: a phone drops
    // a tab in the background, or its owner reloads, as soon as it has a bar of signal).
    let socketDown = true;
    let tried = () => {};
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      // Left unanswered, as on a phone with no signal: the page's socket is still trying.
      if (socketDown) return tried();
      ws.connectToServer();
    });
    await tapFoundOffline(page);
    await page.context().setOffline(false);

    const reloadedTries = new Promise<void>((resolve) => (tried = resolve));
    await page.reload();
    await reloadedTries;
    // The network is back: the phone says so, and its socket tries again at once.
    socketDown = false;
    await page.context().setOffline(true);
    await page.context().setOffline(false);
    await Promise.all([waitForView(page, 'chatting'), waitForView(hen.page, 'chatting')]);
    // Sent, so nothing of it is left on the phone to send again.
    await page.waitForFunction((key) => localStorage.getItem(key) === null, `mingle:kept-met:${event.code}`);
  });

  it('is dropped, not sent, when the match moved on while the phone was away', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Echo Hall', topics: ['Chess'] });
    const [cy, dee] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Chess');
    rig.pages.push(cy, dee);
    const sent = metFramesOf(cy.page);
    await tapFoundOffline(cy.page);

    // Dee gave up meanwhile: both are back in the queue, and Cy's tap no longer fits.
    await dee.page.getByRole('button', { name: "Can't find them" }).tap();
    await waitForView(dee.page, 'waiting');

    await cy.page.context().setOffline(false);
    await waitForView(cy.page, 'waiting');
    // What happened is explained, and no refusal of a tap that was never sent.
    await cy.page.locator('#notice').getByText("Your match with Dee ended while you were away. We're finding you someone else.").waitFor();
    expect(sent).toEqual([]);
    // Nor is it kept on the phone for a page that reloads.
    expect(await cy.page.evaluate((key) => localStorage.getItem(key), `mingle:kept-met:${event.code}`)).toBeNull();
    expect(await cy.page.getByText(QUEUED).count()).toBe(0);
  });

  it('gives way to a later "Can\'t find them": the last tap is what the person meant', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Foggy Terrace', topics: ['Tea'] });
    const [eve, fin] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Eve', 'Fin'], 'Tea');
    rig.pages.push(eve, fin);
    const sent = metFramesOf(eve.page);
    await tapFoundOffline(eve.page);

    // Not safe to send minutes later (see Session.met): refused at once, as before.
    await eve.page.getByRole('button', { name: "Can't find them" }).tap();
    await eve.page.getByText("You're offline, so that didn't go through.").waitFor({ timeout: 1_000 });

    await eve.page.context().setOffline(false);
    await eve.page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
    // Back, Eve taps it again as the notice said: the match had not moved on to a chat.
    await eve.page.getByRole('button', { name: "Can't find them" }).tap();
    await Promise.all([waitForView(eve.page, 'waiting'), waitForView(fin.page, 'waiting')]);
    expect(sent).toEqual([]);
  });

  it('"I found them", on the way to a group, is kept the same way', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Long Gallery', topics: ['Poetry'] });
    const [ivy, jon] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ivy', 'Jon'], 'Poetry');
    rig.pages.push(ivy, jon);
    const kit = await sendToOpenCircle(rig.browser, rig.server.url, event.code, ivy, { name: 'Kit', topics: ['Poetry'] });
    rig.pages.push(kit);
    await kit.page.context().setOffline(true);
    await kit.page.getByText('Reconnecting…').waitFor();
    await kit.page.getByRole('button', { name: 'I found them' }).tap();
    await kit.page.locator('#notice').getByText("You're offline. We'll send “I found them” as soon as your phone is back, so no need to tap again.").waitFor();

    await kit.page.context().setOffline(false);
    await kit.page.getByRole('heading', { name: /^Chatting with (Ivy and Jon|Jon and Ivy)$/ }).waitFor();
    await waitForView(kit.page, 'chatting');
  });
});
