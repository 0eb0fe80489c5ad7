import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CLIENT_DIST } from '../../server/http/client';
import { createEvent, startServer } from '../helpers/server';
import { describeInBrowser, openPage } from '../helpers/browser';
import { beaconOf, linkNoise, matchTwoPhones, partnerNames, usePhoneRig, waitForView, workerReady } from './steps';

jest.setTimeout(60_000);

/** What the connection bar says while the screen shows what the phone kept (connection.ts, `KEPT`). */
const KEPT = "You're offline: this is what Mingle last showed you.";

/**
 * The venue's Wi-Fi drops mid-match and the person reloads the page: the service worker
 * (client/src/service-worker.ts, built to /e/sw.js) serves the page, and the page shows the match
 * card as it last was, marked offline, until the server's own `state` takes over.
 */
describeInBrowser('the attendee page reloaded offline', () => {
  // Chromium logs each try to reach the server while the context is offline.
  const rig = usePhoneRig(linkNoise);
  const { pages } = rig;

  /** Once the service worker has kept the page and its files, as a phone's would after a while. */
  /** What the page keeps on the phone, all of it, as one string. */
  const stored = (page: Page) => page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));

  it("shows the match card (partner, beacon, spot) marked offline, then the server's state once back", async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Basement Bar', topics: ['Jazz'], spots: ['By the piano'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    pages.push(ann, bob);
    const beacon = await beaconOf(ann.page);
    await workerReady(ann.page, /\/e\/sw\.js$/);

    await ann.page.context().setOffline(true);
    await ann.page.reload();
    await waitForView(ann.page, 'matched');
    expect(await partnerNames(ann.page)).toEqual(['Bob']);
    expect(await beaconOf(ann.page)).toEqual(beacon);
    await ann.page.locator('.spot').getByText('By the piano').waitFor();
    await ann.page.locator('#connection').getByText(`${KEPT} Reconnecting…`).waitFor();

    // Meanwhile Bob says they met, and how to spot him now: the server's word, which Ann's phone
    // has not heard.
    await bob.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(bob.page, 'chatting');
    await bob.page.getByRole('button', { name: 'Edit profile' }).tap();
    const sheet = bob.page.getByRole('dialog', { name: 'Edit my profile' });
    await sheet.getByLabel('How to spot me').fill('green scarf');
    await sheet.getByRole('button', { name: 'Save' }).tap();
    await sheet.waitFor({ state: 'detached' });

    await ann.page.context().setOffline(false);
    await waitForView(ann.page, 'chatting');
    await ann.page.locator('#connection').getByText(KEPT).waitFor({ state: 'detached' });
    expect(await ann.page.locator('#connection').textContent()).toBe('');
    await ann.page.locator('#app').getByText(/Bob/).first().waitFor();
    // The live card, as on a page opened afresh: what changed since the kept one is not marked
    // (nor said: the page had no word from the server to compare with).
    await ann.page.locator('[data-partner-look]', { hasText: 'green scarf' }).waitFor();
    expect(await ann.page.locator('.just-changed').count()).toBe(0);
    expect(await ann.page.locator('#notice').textContent()).not.toContain('green scarf');
  });

  it('on a link that hangs, shows the kept card within seconds, not after socket.io’s 20 s connect timeout', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Captive Portal Cafe', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    pages.push(ann, bob);
    await workerReady(ann.page, /\/e\/sw\.js$/);

    // Wi-Fi with no way out: the page loads (the service worker has it), but the socket's
    // connection is never answered, neither refused nor opened by the server.
    let tries = 0;
    await ann.page.context().routeWebSocket(/\/socket\.io\//, () => void tries++);
    await ann.page.reload();
    await waitForView(ann.page, 'connecting');
    // KEPT_AFTER_MS (3 s) in offline.ts; socket.io alone would wait 20 s before giving up.
    await ann.page.locator('#connection').getByText(`${KEPT} Reconnecting…`).waitFor({ timeout: 10_000 });
    await waitForView(ann.page, 'matched');
    expect(await partnerNames(ann.page)).toEqual(['Bob']);
    expect(tries).toBe(1);
  });

  it('after forget me, a page opened offline has nobody’s name on it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Quiet Exit', topics: ['Chess'] });
    const [cy, dee] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Chess');
    pages.push(cy, dee);
    await workerReady(cy.page, /\/e\/sw\.js$/);
    expect(await stored(cy.page)).toContain('Dee');

    await cy.page.locator('[data-safety-link]').tap();
    await cy.page.getByRole('button', { name: 'Leave Mingle and delete my data' }).tap();
    await cy.page.getByRole('button', { name: 'Delete my data now' }).tap();
    await cy.page.getByRole('button', { name: 'Yes, delete my data' }).tap();
    await waitForView(cy.page, 'goodbye');

    await cy.page.context().setOffline(true);
    await cy.page.reload();
    // The page itself opens (from the worker), with no event to show and nobody named.
    await waitForView(cy.page, 'missing');
    expect(await cy.page.getByText('Dee').count()).toBe(0);
    expect(await stored(cy.page)).not.toContain('Dee');
  });

  it('once the event has ended, a page opened offline no longer shows the match', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Last Orders', topics: ['Tea'] });
    const [eve, fin] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Eve', 'Fin'], 'Tea');
    pages.push(eve, fin);
    await workerReady(eve.page, /\/e\/sw\.js$/);
    const keptState = () => eve.page.evaluate((key) => localStorage.getItem(key), `mingle:state:${event.code}`);
    expect(await keptState()).toContain('Fin');

    await rig.server.app.services.events.setStatus(event.id, 'ended');
    await eve.page.waitForFunction((key) => localStorage.getItem(key) === null, `mingle:state:${event.code}`);

    await eve.page.context().setOffline(true);
    await eve.page.reload();
    await waitForView(eve.page, 'connecting');
    expect(await eve.page.locator('#app').getByText('Fin').count()).toBe(0);
  });

  it('online, a new release of the page is shown at once, and is the one kept for offline', async () => {
    // A copy of the build to release anew, served by a Mingle of its own.
    const dist = mkdtempSync(path.join(tmpdir(), 'mingle-dist-'));
    cpSync(CLIENT_DIST, dist, { recursive: true });
    const server = await startServer({}, { clientDist: dist });
    try {
      const { event } = await createEvent(server.url, { name: 'Release Night', topics: ['Jazz'] });
      const phone = await openPage(rig.browser, server.url);
      pages.push(phone);
      await phone.page.goto(`/e/${event.code}`);
      await waitForView(phone.page, 'join');
      await workerReady(phone.page, /\/e\/sw\.js$/);

      const page = path.join(dist, 'attendee.html');
      writeFileSync(page, readFileSync(page, 'utf8').replace('<head>', '<head><meta name="mingle-release" content="next">'));
      const release = () => phone.page.evaluate(() => document.querySelector('meta[name="mingle-release"]')?.getAttribute('content') ?? null);
      await phone.page.reload();
      await waitForView(phone.page, 'join');
      // Through the worker, and yet the new page.
      expect(await phone.page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      expect(await release()).toBe('next');

      await phone.page.context().setOffline(true);
      await phone.page.reload();
      expect(await release()).toBe('next');
    } finally {
      await server.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
