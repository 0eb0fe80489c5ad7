import type { Browser } from 'playwright-core';
import { buildApp, type MingleApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { MemoryStore } from '../../server/store/memory';
import { describeInBrowser, launchBrowser, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { matchTwoPhones, waitForView } from './steps';

jest.setTimeout(60_000);

/** A Mingle on `port` (0: any) over `store`, as `npm start` would run it; resolves with its URL. */
async function start(store: MemoryStore, port = 0): Promise<{ app: MingleApp; url: string }> {
  const app = await buildApp(testConfig({ matchIntervalMs: 20 }), { store });
  return { app, url: await app.listen(port, '127.0.0.1') };
}

/**
 * The server restarts under two matched phones: with its data (the snapshot in DATA_DIR), and
 * without (the memory store's snapshot lost, or a fresh DATA_DIR).
 */
describeInBrowser('the server restarting under the phones', () => {
  let browser: Browser;
  let app: MingleApp | null = null;
  const pages: TrackedPage[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    const phones = pages.splice(0);
    // The phones go first: left open, they keep their connections to the server, whose close
    // then waits on them (once, in CI, past the hook's minute).
    await Promise.all(phones.map((p) => p.page.context().close()));
    await app?.close();
    app = null;
    // Chromium logs each connection attempt refused while the server is down, and the lookup of
    // an event the server no longer has (404).
    const expected = (e: string) => e.includes('WebSocket connection') || e.includes('status of 404');
    expect(phones.flatMap((p) => p.errors).filter((e) => !expected(e))).toEqual([]);
  });

  it('with its data: the phones carry on where they were', async () => {
    const store = new MemoryStore();
    const first = await start(store);
    app = first.app;
    const { event } = await createEvent(first.url, { name: 'Power Cut Party', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(browser, first.url, event.code, ['Ann', 'Bob'], 'Jazz');
    pages.push(ann, bob);

    await app.close();
    await ann.page.getByText('Reconnecting…').waitFor();
    app = (await start(store, Number(new URL(first.url).port))).app;
    await ann.page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
    await waitForView(ann.page, 'matched');
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
  });

  it('without it: the phone says the event is gone, not "join again" nor "check the poster"', async () => {
    const first = await start(new MemoryStore());
    app = first.app;
    const { event } = await createEvent(first.url, { name: 'Lost Data Disco', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(browser, first.url, event.code, ['Cy', 'Dee'], 'Jazz');
    pages.push(ann, bob);

    await app.close();
    await ann.page.getByText('Reconnecting…').waitFor();
    app = (await start(new MemoryStore(), Number(new URL(first.url).port))).app;

    await waitForView(ann.page, 'missing');
    await ann.page.getByText(`Mingle no longer has the event ${event.code}: it may have finished and been deleted.`).waitFor();
    expect(await ann.page.getByText('Please join again').count()).toBe(0);
    expect(await ann.page.getByText('Check the poster').count()).toBe(0);
    expect(await ann.page.getByText('Reconnecting…').isHidden()).toBe(true);
    expect(await ann.page.evaluate((k) => localStorage.getItem(k), `mingle:token:${event.code}`)).toBeNull();
  });
});
