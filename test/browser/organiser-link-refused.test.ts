import type { Page } from 'playwright-core';
import request from 'supertest';
import { describeInBrowser, LAPTOP, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { dashboardReady, organiserLink } from './organiser-steps';

jest.setTimeout(30_000);

const storedToken = (page: Page, eventId: string) => page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), eventId);

describeInBrowser('organiser links that do not work', () => {
  const rig = useServerAndBrowser();

  it("a cut-short link neither wipes the token saved on this laptop nor stops the dashboard opening", async () => {
    const created = await createEvent(rig.server.url, { name: 'Truncated Night' });
    const { page: first } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await first.goto(organiserLink(created));
    await dashboardReady(first, 'Truncated Night');

    // The bad link opened in a new tab of the same browser. Its token is long enough to look
    // like one, so the server is asked, and refuses it.
    const page = await first.context().newPage();
    const path = `/organiser/${created.event.id}`;
    await page.goto(`${path}#token=${created.organiserToken.slice(0, 30)}`);
    await page.locator('#connection[data-connection="online"], [data-signin]').first().waitFor();
    expect(await page.locator('[data-signin]').count()).toBe(0);
    expect(await storedToken(page, created.event.id)).toBe(created.organiserToken);
    await page.locator('#notice').getByText("The organiser link you opened didn't work: Mingle doesn't recognise it. Was it cut short when copied?").waitFor();
    await page.locator('#notice').getByText('uses the organiser link saved on this laptop').waitFor();
    await dashboardReady(page, 'Truncated Night');
    // Its × is beside the status region, not in it, where it would be read out with the words.
    expect(await page.locator('#notice').getByRole('button').count()).toBe(0);
    const dismiss = page.locator('.dash-notice-box').getByRole('button', { name: 'Dismiss', exact: true });
    expect(await dismiss.isVisible()).toBe(true);
    await dismiss.click();
    await page.locator('#notice p').waitFor({ state: 'detached' });
    expect(await dismiss.isHidden()).toBe(true);
    expect(page.url()).not.toContain('#');
    expect(await storedToken(page, created.event.id)).toBe(created.organiserToken);

    await page.goto(path);
    await dashboardReady(page, 'Truncated Night');
    expect(await page.locator('[data-signin]').count()).toBe(0);
  });

  it("another event's link is dropped the same way, keeping this event's token", async () => {
    const created = await createEvent(rig.server.url, { name: 'Mine Night' });
    const other = await createEvent(rig.server.url, { name: 'Theirs Night' });
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(organiserLink(created));
    await dashboardReady(page, 'Mine Night');

    // Opened over the open dashboard: only the fragment changes, and nothing reloads.
    await page.goto(`/organiser/${created.event.id}#token=${other.organiserToken}`);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await page.locator('#notice').getByText("it's for another event").waitFor();
    await dashboardReady(page, 'Mine Night');
    expect(page.url()).not.toContain('#');
    expect(await storedToken(page, created.event.id)).toBe(created.organiserToken);
  });

  it('a working link replaces a saved token the server no longer takes, once it is accepted', async () => {
    const created = await createEvent(rig.server.url, { name: 'Fresh Link Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await page.evaluate((id) => localStorage.setItem(`mingle:organiser:${id}`, 'z'.repeat(43)), created.event.id);
    await page.goto(organiserLink(created));
    await dashboardReady(page, 'Fresh Link Night');
    expect(await storedToken(page, created.event.id)).toBe(created.organiserToken);
    expect(errors).toEqual([]);
  });

  it('says a link with its token cut to a few characters looks incomplete, rather than asking as if there were none', async () => {
    const created = await createEvent(rig.server.url, { name: 'Stub Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(`/organiser/${created.event.id}#token=abc`);
    const signIn = page.locator('[data-signin="incomplete"]');
    await signIn.getByRole('heading', { name: 'That link looks incomplete' }).waitFor();
    // One message, saying what happened: nothing was sent, so nothing claims the server refused it.
    expect(await signIn.locator('[data-signin-message]').textContent()).toMatch(/^The organiser link you opened looks incomplete: its #token=… part is cut short, so it was not tried\./);
    expect(await page.getByText('looks incomplete:').count()).toBe(1);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    expect(await page.getByText("doesn't recognise it").count()).toBe(0);
    expect(await page.getByText('Open your dashboard').count()).toBe(0);
    expect(page.url()).not.toContain('#');

    // Pasting the whole link then opens the dashboard, and the notice goes.
    await page.getByLabel('Organiser link or token').fill(`${created.dashboardUrl}#token=${created.organiserToken}`);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await dashboardReady(page, 'Stub Night');
    expect(await page.locator('#notice').isHidden()).toBe(true);
    expect(await storedToken(page, created.event.id)).toBe(created.organiserToken);

    // With a token saved here, an incomplete link still says so, and the dashboard opens.
    await page.goto(`/organiser/${created.event.id}#token=`);
    await page.locator('#notice').getByText('looks incomplete').waitFor();
    await dashboardReady(page, 'Stub Night');
    expect(errors).toEqual([]);
  });

  it("a pasted link for another event opens that event's dashboard, keeping its token out of the address", async () => {
    const here = await createEvent(rig.server.url, { name: 'Here Night' });
    const there = await createEvent(rig.server.url, { name: 'There Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto(`/organiser/${here.event.id}`);
    await page.getByLabel('Organiser link or token').fill(`${there.dashboardUrl}#token=${there.organiserToken}`);
    await page.getByRole('button', { name: 'Open dashboard' }).click();
    await dashboardReady(page, 'There Night');
    expect(new URL(page.url()).pathname).toBe(`/organiser/${there.event.id}`);
    expect(page.url()).not.toContain(there.organiserToken);
    expect(await storedToken(page, there.event.id)).toBe(there.organiserToken);
    expect(errors).toEqual([]);
  });

  it('/organiser without the slash is the dashboard that asks for the link, not a JSON error', async () => {
    await request(rig.server.url).get('/organiser').expect(302).expect('location', '/organiser/');
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/organiser');
    expect(new URL(page.url()).pathname).toBe('/organiser/');
    await page.locator('[data-signin="missing"]').getByLabel('Organiser link or token').waitFor();
    expect(errors).toEqual([]);
  });
});
