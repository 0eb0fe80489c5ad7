import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { describeInBrowser, LAPTOP, launchBrowser, openPage } from '../helpers/browser';
import { createEvent, startServer, type TestServer } from '../helpers/server';
import { dashboardReady, organiserLink } from './organiser-steps';

jest.setTimeout(60_000);

/** The venue's address for the server, as PUBLIC_URL gives it, resolved by Chromium to the test server. */
const HOST = 'mingle.example';

describeInBrowser('the dashboard keeps the invitation at hand', () => {
  let venue: TestServer;
  let bare: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [venue, bare] = await Promise.all([startServer({ publicUrl: `http://${HOST}` }), startServer()]);
    browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} ${new URL(venue.url).host}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([venue?.close(), bare?.close()]);
  });

  it('shows the join code and link, and downloads the QR code as a PNG named after the code', async () => {
    const created = await createEvent(venue.url, { name: 'Invite Night' });
    const { page, errors } = await openPage(browser, `http://${HOST}`, { ...LAPTOP, acceptDownloads: true });
    await page.goto(organiserLink(created));
    await dashboardReady(page, 'Invite Night');
    const invite = page.locator('[data-card="invite"]');
    await invite.getByRole('heading', { name: 'Invite people' }).waitFor();
    expect(await invite.locator('[data-invite-code]').textContent()).toBe(created.event.code);
    expect(await invite.locator('[data-link="join-link"]').getAttribute('href')).toBe(`http://${HOST}/e/${created.event.code}`);
    expect(await invite.locator('.invite-warning').isHidden()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), invite.locator('[data-download="qr"]').click()]);
    expect(download.suggestedFilename()).toBe(`mingle-${created.event.code}-qr.png`);
    const png = await readFile((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(errors).toEqual([]);
  });

  it('opens the join link in a new tab, and says so: the live dashboard stays where it is', async () => {
    const created = await createEvent(venue.url, { name: 'New Tab Night' });
    const { page, errors } = await openPage(browser, `http://${HOST}`, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, 'New Tab Night');
    const dashboard = page.url();
    const joinUrl = `http://${HOST}/e/${created.event.code}`;
    const invite = page.locator('[data-card="invite"]');
    const link = invite.locator('[data-link="join-link"]');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await invite.getByRole('link', { name: `${joinUrl} (opens in a new tab)`, exact: true }).count()).toBe(1);
    // Too long for the card, the link's text is cut, not the link: its ↗ stays in view, inside
    // the link's box (it once went with the cut text, out of sight).
    expect(await link.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);

    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForURL(joinUrl);
    // The page opened gets no handle on the dashboard.
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(page.url()).toBe(dashboard);
    expect(await page.locator('#connection').getAttribute('data-connection')).toBe('online');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says plainly when the link points at localhost, which phones cannot open', async () => {
    const created = await createEvent(bare.url, { name: 'Laptop Night' });
    const { page, errors } = await openPage(browser, bare.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, 'Laptop Night');
    const warning = page.locator('[data-card="invite"] .invite-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain("phones can't open it. Restart Mingle with PUBLIC_URL set");
    expect(errors).toEqual([]);
  });
});
