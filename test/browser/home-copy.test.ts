import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, launchBrowser } from '../helpers/browser';
import { startServer, type TestServer } from '../helpers/server';

jest.setTimeout(30_000);

/**
 * A LAN-looking host, resolved by Chromium to the test server: served over plain http, it is not
 * a secure context, so `navigator.clipboard` is missing there, as on a venue laptop's address.
 */
const HOST = 'mingle.lan';

describeInBrowser('home page: copying the links on plain http', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ publicUrl: `http://${HOST}` });
    browser = await launchBrowser([`--host-resolver-rules=MAP ${HOST} ${new URL(server.url).host}`]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Creates an event from the home page at http://mingle.lan; `init` runs in the page first. */
  async function createdOnLan(init?: () => void): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const context = await browser.newContext({ ...LAPTOP, baseURL: `http://${HOST}` });
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto('/');
    expect(await page.evaluate(() => [window.isSecureContext, 'clipboard' in navigator])).toEqual([false, false]);
    await page.getByLabel('Event name').fill('Copy Night');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.locator('[data-link="dashboard-link"]').waitFor();
    return { page, context, errors };
  }

  it('copies the whole organiser link even without the clipboard API', async () => {
    const { page, context, errors } = await createdOnLan();
    const link = (await page.locator('[data-link="dashboard-link"]').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^http://${HOST}/organiser/[^#]+#token=[A-Za-z0-9_-]{43}$`));

    const row = page.locator('.link-row', { has: page.locator('[data-link="dashboard-link"]') });
    await row.getByRole('button', { name: 'Copy' }).click();
    await row.getByRole('button', { name: 'Copied' }).waitFor();

    // Read the clipboard back from a secure page of the same browser.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const reader = await context.newPage();
    await reader.goto(`${server.url}/`);
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(link);
    expect(errors).toEqual([]);
  });

  it('when the browser copies nothing at all, shows the whole link, selected, and says how to copy it', async () => {
    const { page, errors } = await createdOnLan(() => {
      document.execCommand = () => false;
    });
    const link = page.locator('[data-link="dashboard-link"]');
    const row = page.locator('.link-row', { has: link });
    // Cut off with an ellipsis until then: the link is longer than its row (its text is what is cut).
    const text = link.locator('.link-text');
    expect(await text.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

    await row.getByRole('button', { name: 'Copy' }).click();
    await row.getByRole('button', { name: 'Selected' }).waitFor();
    await page.getByText("This browser won't copy from this page").waitFor();
    for (const shown of [link, text]) expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight)).toBe(true);
    expect(await page.evaluate(() => getSelection()?.toString())).toBe(await link.textContent());
    expect(errors).toEqual([]);
  });
});
