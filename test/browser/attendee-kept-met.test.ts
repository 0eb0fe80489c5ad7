import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { linkNoise, matchTwoPhones, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

const QUEUED = "You're offline. We'll send “We found each other” as soon as your phone is back, so no need to tap again.";

/**
 * The page's sockets pass through here. While `swallow` is set, a `match:met` the page sends goes
 * nowhere: the connection dropped with it on the way, before the server could answer.
 */
async function routeSockets(page: Page) {
  const route = { swallow: false, sent: 0, swallowed: 0, onSwallowed: () => {}, cut: () => {} };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    // The link is found dead at last: the page's socket closes, and it reconnects by itself.
    route.cut = () => ws.close();
    ws.onMessage((message) => {
      if (String(message).includes('"match:met"')) {
        if (route.swallow) {
          route.swallowed++;
          return route.onSwallowed();
        }
        route.sent++;
      }
      server.send(message);
    });
  });
  return route;
}

describeInBrowser('A kept "We found each other" that a connection never answered', () => {
  const rig = usePhoneRig(linkNoise);

  it('is kept until the server answers it, through a second drop', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Twice Dropped', topics: ['Kites'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Kites');
    rig.pages.push(ann, bob);
    // Routed from the first connection on: reload so the page's socket goes through the route.
    const route = await routeSockets(ann.page);
    await ann.page.reload();
    await waitForView(ann.page, 'matched');

    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await ann.page.locator('#notice').getByText(QUEUED).waitFor();

    // Back, the phone sends it; the connection drops again before any answer.
    route.swallow = true;
    const swallowed = new Promise<void>((resolve) => (route.onSwallowed = resolve));
    await ann.page.context().setOffline(false);
    await swallowed;
    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();
    // Still kept: on the phone, and the person is told so.
    await ann.page.locator('#notice').getByText(QUEUED).waitFor();
    expect(await ann.page.evaluate((key) => localStorage.getItem(key), `mingle:kept-met:${event.code}`)).not.toBeNull();

    route.swallow = false;
    await ann.page.context().setOffline(false);
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
    expect(route.sent).toBe(1);
    await ann.page.waitForFunction((key) => localStorage.getItem(key) === null, `mingle:kept-met:${event.code}`);
  });

  it('is kept when no answer comes on a link that seemed up, and sent once the phone reconnects', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Dead Air', topics: ['Knots'] });
    const [cat, dan] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cat', 'Dan'], 'Knots');
    rig.pages.push(cat, dan);
    const { page } = cat;
    const route = await routeSockets(page);
    // The phone's own clock, for the wait for an answer; the page reloads to run on it.
    await page.clock.install();
    await page.reload();
    await waitForView(page, 'matched');

    await page.context().setOffline(true);
    await page.getByText('Reconnecting…').waitFor();
    await page.getByRole('button', { name: 'We found each other' }).tap();
    await page.locator('#notice').getByText(QUEUED).waitFor();

    // Back, the phone sends it into a link that has died without a word: no answer ever comes.
    route.swallow = true;
    const swallowed = new Promise<void>((resolve) => (route.onSwallowed = resolve));
    await page.context().setOffline(false);
    await swallowed;
    await page.clock.fastForward(10_000);
    // Still kept, on the phone too, and the person is told not to tap again.
    await page.locator('#notice').getByText("We'll send “We found each other” again once it's back, so no need to tap again.", { exact: false }).waitFor();
    expect(await page.evaluate((key) => localStorage.getItem(key), `mingle:kept-met:${event.code}`)).not.toBeNull();
    expect(await page.locator('#app').getAttribute('aria-busy')).toBe('false');

    // The dead link is noticed; the phone reconnects and the server's state still has the match waiting.
    route.swallow = false;
    route.cut();
    await Promise.all([waitForView(page, 'chatting'), waitForView(dan.page, 'chatting')]);
    expect([route.swallowed, route.sent]).toEqual([1, 1]);
    await page.waitForFunction((key) => localStorage.getItem(key) === null, `mingle:kept-met:${event.code}`);
  });
});
