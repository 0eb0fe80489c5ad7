import type { Page } from 'playwright-core';
import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinFromHome, matchTwoPhones, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * Someone who typed the event code on the home page has the home page behind the event's page in
 * history. Back from the waiting screen must take them back to the event's own screen, as the
 * waiting screen's Cancel does, not out of the event to the home page. Once nothing is laid over
 * the event's screen, Back leaves as it always did.
 */
describeInBrowser('the phone’s Back on the waiting screen, after joining by typing the code', () => {
  const rig = usePhoneRig();

  /** From the home page, by the code: the way someone without the QR code gets in. */
  async function joinByCode(eventName: string, name: string): Promise<{ page: Page; code: string }> {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Jazz'] });
    const phone = await openPage(rig.browser, rig.server.url);
    rig.pages.push(phone);
    const { page } = phone;
    page.setDefaultTimeout(10_000);
    await joinFromHome(page, event.code, name);
    return { page, code: event.code };
  }

  const find = (page: Page) => page.getByRole('button', { name: 'Find someone to chat to' }).tap();

  it('goes back to the event’s screen, still in the event; the next Back leaves for the home page', async () => {
    const { page, code } = await joinByCode('Typed Code Social', 'Ann');
    await find(page);
    await waitForView(page, 'waiting');

    await page.goBack();
    await waitForView(page, 'idle');
    expect(new URL(page.url()).pathname).toBe(`/e/${code}`);
    // Still joined, and no longer in the queue (as Cancel leaves it): Find works as before.
    await page.locator('#event-name').getByText('Typed Code Social').waitFor();
    await find(page);
    await waitForView(page, 'waiting');
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await waitForView(page, 'idle');

    // Cancel left no entry behind: with nothing on top, Back leaves, for where she came from.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('leaves no entry behind once a match is found: Back from the match card is not spent on it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Found You', topics: ['Jazz'] });
    const [cy, dee] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cy', 'Dee'], 'Jazz');
    rig.pages.push(cy, dee);
    await cy.page.waitForFunction(() => !(history.state as Record<string, unknown> | null)?.mingleLayer);
    // The page before the event's (a fresh tab's blank page): one Back, not two.
    await cy.page.goBack();
    await cy.page.waitForURL('about:blank');
  });
});
