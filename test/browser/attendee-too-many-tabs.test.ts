import type { Page } from 'playwright-core';
import { STILL_OFFLINE_MS, TOO_MANY_TABS } from '../../client/src/attendee/connection';
import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * One attendee may hold 3 connections at once; a fourth tab is refused `RATE_LIMITED` with the
 * reason `TOO_MANY_CONNECTIONS`. That is not the Wi-Fi's fault, and the page must not say so:
 * it says to close a tab, and carries on by itself once one closes.
 */
describeInBrowser('the same attendee open in one tab too many', () => {
  const rig = usePhoneRig();

  const barOf = (page: Page) => page.locator('#connection');

  it('says to close a tab, never blames the network, and gets in once another tab closes', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Tab Hoarders Meetup', topics: ['Jazz'] });
    const ivy = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ivy);
    await joinThroughForm(ivy.page, event.code, { name: 'Ivy', topics: ['Jazz'] });

    // Two more tabs of the same phone (same storage, so the same attendee): three connections.
    const context = ivy.page.context();
    const tabs: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const tab = await context.newPage();
      await tab.goto(`/e/${event.code}`);
      await waitForView(tab, 'idle');
      tabs.push(tab);
    }

    const fourth = await context.newPage();
    const errors: string[] = [];
    fourth.on('pageerror', (err) => errors.push(err.message));
    await fourth.clock.install();
    await fourth.goto(`/e/${event.code}`);
    await barOf(fourth).getByText(TOO_MANY_TABS, { exact: true }).waitFor();
    await fourth.getByRole('heading', { name: 'Open in too many tabs' }).waitFor();

    // Long past the wait after which a phone that is offline is told to check its Wi-Fi.
    await fourth.clock.fastForward(STILL_OFFLINE_MS + 5_000);
    expect(await barOf(fourth).textContent()).toBe(TOO_MANY_TABS);
    expect(await fourth.locator('body').textContent()).not.toContain('Wi-Fi');

    // Another tab closes: this one gets in on its next try, and the bar goes.
    await tabs[0]!.close();
    await waitForView(fourth, 'idle');
    await barOf(fourth).waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
  });
});
