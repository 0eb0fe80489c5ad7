import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { dashboardReady } from './organiser-steps';

jest.setTimeout(30_000);

/** A name that would run script if it reached the page as HTML. */
const TRICKY_NAME = '<img src=x onerror="window.__owned=1">Quiz & Chips';

/** Puts an organiser token in this browser's storage, as an older Mingle saved it (no name). */
async function rememberBareToken(page: Page, eventId: string, token: string): Promise<void> {
  await page.evaluate(([id, t]) => localStorage.setItem(`mingle:organiser:${id}`, t), [eventId, token] as const);
}

const storedToken = (page: Page, eventId: string) => page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), eventId);

/** Waits until the home page has asked the server about every remembered event. */
async function listChecked(page: Page): Promise<void> {
  await page.locator('[data-organised-events="checked"]').waitFor();
}

/** The browser's own line for each refused check ("Failed to load resource: … 401"), which is expected here. */
const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('Failed to load resource'));

describeInBrowser('home page: your events on this device', () => {
  const rig = useServerAndBrowser();

  it('lists an event created here by name and code, and opens its dashboard without the token in the address', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    const homeTitle = await page.title();
    expect(await page.locator('[data-organised-events]').count()).toBe(0);

    await page.getByLabel('Event name').fill(TRICKY_NAME);
    await page.getByRole('button', { name: 'Create event' }).click();
    const code = (await page.locator('[data-join-code]').textContent()) ?? '';
    const eventId = /\/organiser\/([^#/]+)#/.exec((await page.locator('[data-link="dashboard-link"]').textContent()) ?? '')?.[1] ?? '';
    expect(eventId).not.toBe('');

    // "Create another event" used to be the end of the road back to the dashboard.
    await page.getByRole('button', { name: 'Create another event' }).click();
    await listChecked(page);
    // The tab is the home page's again, not the event just created.
    expect(await page.title()).toBe(homeTitle);
    const entry = page.locator(`[data-organised-event="${eventId}"]`);
    await page.getByRole('heading', { name: 'Your events on this device' }).waitFor();
    expect(await entry.locator('.organised-name').textContent()).toBe(TRICKY_NAME);
    expect(await entry.locator('img').count()).toBe(0);
    expect(await entry.locator('[data-organised-code]').textContent()).toBe(code);

    // Still there after a reload, when nothing but this browser's storage remembers it.
    await page.reload();
    await listChecked(page);
    const open = entry.getByRole('link', { name: /^Open dashboard/ });
    expect(await open.getAttribute('href')).toBe(`/organiser/${eventId}`);
    await open.click();
    await dashboardReady(page, TRICKY_NAME);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/organiser/${eventId}`);
    expect(url.hash + url.search).toBe('');
    expect(await page.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('names a token saved without a name (or renamed since) as the server knows it', async () => {
    const created = await createEvent(rig.server.url, { name: 'Old Laptop Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await rememberBareToken(page, created.event.id, created.organiserToken);
    await page.reload();
    await listChecked(page);

    const entry = page.locator(`[data-organised-event="${created.event.id}"]`);
    expect(await entry.locator('.organised-name').textContent()).toBe('Old Laptop Night');
    expect(await entry.locator('[data-organised-code]').textContent()).toBe(created.event.code);
    await entry.getByRole('link', { name: 'Open dashboard for Old Laptop Night' }).click();
    await dashboardReady(page, 'Old Laptop Night');
    expect(errors).toEqual([]);
  });

  it('forgets events whose token the server no longer takes, and never offers their dashboards', async () => {
    const live = await createEvent(rig.server.url, { name: 'Still On' });
    const other = await createEvent(rig.server.url, { name: 'Someone Else' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await rememberBareToken(page, live.event.id, live.organiserToken);
    // Unknown to the server (an expired, deleted event), and another event's token (forbidden).
    await rememberBareToken(page, 'evt-long-gone', 'x'.repeat(43));
    await rememberBareToken(page, 'evt-mixed-up', other.organiserToken);
    await page.reload();
    await listChecked(page);

    expect(await page.locator('[data-organised-event]').evaluateAll((els) => els.map((el) => el.getAttribute('data-organised-event')))).toEqual([
      live.event.id,
    ]);
    expect(await storedToken(page, 'evt-long-gone')).toBeNull();
    expect(await storedToken(page, 'evt-mixed-up')).toBeNull();
    expect(await storedToken(page, live.event.id)).toBe(live.organiserToken);
    expect(unexpected(errors)).toEqual([]);
  });

  it('shows nothing at all when every remembered event is gone', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await rememberBareToken(page, 'evt-long-gone', 'y'.repeat(43));
    await page.reload();
    await page.locator('[data-organised-events]').waitFor({ state: 'detached' });
    expect(await storedToken(page, 'evt-long-gone')).toBeNull();
    expect(await page.getByText('Your events on this device').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it('keeps an event it could not check (offline), saying so', async () => {
    const created = await createEvent(rig.server.url, { name: 'Patchy Wi-Fi' });
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await rememberBareToken(page, created.event.id, created.organiserToken);
    await page.route('**/api/events/*/organiser', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await listChecked(page);
    const entry = page.locator(`[data-organised-event="${created.event.id}"]`);
    await entry.getByText("Couldn't check it with Mingle just now").waitFor();
    expect(await entry.isVisible()).toBe(true);
    expect(await storedToken(page, created.event.id)).toBe(created.organiserToken);
  });
});
