import type { Page } from 'playwright-core';
import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, matchTwoPhones, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * On a phone, Back is how a sheet is put away. It must close what is laid over the page, not
 * leave the page; and a sheet closed by its own × (or Esc) must leave no stray history entry
 * behind, or the next Back would seem to do nothing.
 */
describeInBrowser('the phone’s Back with a sheet open', () => {
  const rig = usePhoneRig();

  const sheet = (page: Page, kind: string) => page.locator(`dialog[data-sheet="${kind}"]`);
  const openPeople = async (page: Page) => {
    await page.getByRole('button', { name: /People I met/ }).tap();
    await sheet(page, 'people').waitFor();
  };

  /** A phone that came from the home page (where Back should lead) and joined a new event. */
  async function joinedFromHome(eventName: string, name: string): Promise<Page> {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Jazz'] });
    const phone = await openPage(rig.browser, rig.server.url);
    rig.pages.push(phone);
    await phone.page.goto('/');
    await joinThroughForm(phone.page, event.code, { name, topics: ['Jazz'] });
    return phone.page;
  }

  it('closes the sheet and stays on the page; closed any other way, the next Back leaves as it should', async () => {
    const page = await joinedFromHome('Back Button Social', 'Ann');
    const here = page.url();

    await openPeople(page);
    await page.goBack();
    await sheet(page, 'people').waitFor({ state: 'detached' });
    expect(page.url()).toBe(here);
    await waitForView(page, 'idle');

    // Closed by its ×, then another by Esc: neither leaves an entry behind.
    await openPeople(page);
    await sheet(page, 'people').getByRole('button', { name: 'Close' }).tap();
    await sheet(page, 'people').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Your data' }).tap();
    await sheet(page, 'privacy').waitFor();
    await page.keyboard.press('Escape');
    await sheet(page, 'privacy').waitFor({ state: 'detached' });

    // Back still closes a sheet opened afterwards...
    await openPeople(page);
    await page.goBack();
    await sheet(page, 'people').waitFor({ state: 'detached' });
    expect(page.url()).toBe(here);

    // ...and with nothing open, Back leaves at once, for where she came from.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('reloaded with a sheet open, leaves no stray entry: the first Back after it leaves the page', async () => {
    const page = await joinedFromHome('Reload Back Social', 'Bo');
    await openPeople(page);
    await page.reload();
    await waitForView(page, 'idle');
    expect(await sheet(page, 'people').count()).toBe(0);
    // The entry the sheet held is taken back on load.
    await page.waitForFunction(() => !(history.state as Record<string, unknown> | null)?.mingleLayer);

    // Back still closes a sheet opened afterwards...
    await openPeople(page);
    await page.goBack();
    await sheet(page, 'people').waitFor({ state: 'detached' });
    await waitForView(page, 'idle');
    // ...and with nothing open, Back leaves at once, for where he came from.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('puts the beacon down, staying on the match card', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Beacon Back Night', topics: ['Jazz'] });
    const [cy, dee] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Jazz');
    rig.pages.push(cy, dee);
    const { page } = cy;
    const here = page.url();
    await page.locator('[data-beacon-emoji]').first().tap();
    await page.locator('[data-beacon-overlay]').waitFor();
    await page.goBack();
    await page.locator('[data-beacon-overlay]').waitFor({ state: 'detached' });
    expect(page.url()).toBe(here);
    await waitForView(page, 'matched');
  });
});
