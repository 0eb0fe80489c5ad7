import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, connectOrganiser, control, createEvent, findEachOther } from '../helpers/server';
import { followRegionText, regionTexts, waitForRegionSaid } from './a11y-probes/screen-reader';
import { openDashboard, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** Whether an element is on the page for screen readers: rendered (not display: none), even if empty. */
const rendered = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => !(el as HTMLElement).closest('[hidden]') && getComputedStyle(el).display !== 'none');

/** Starts recording every change inside a live region (role status, alert or log, or aria-live). */
const recordLiveChanges = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { liveChanges: string[] };
    w.liveChanges = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target instanceof Element ? r.target : r.target.parentElement;
        const region = node?.closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
        if (region) w.liveChanges.push(`${region.id || region.className}: ${region.textContent}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
const liveChanges = (page: Page) => page.evaluate(() => (window as unknown as { liveChanges: string[] }).liveChanges);

/**
 * What changes by itself reaches screen readers through live regions that are on the page before
 * their words arrive, and nothing ticking every second does.
 */
describeInBrowser('accessibility: live regions on the dashboard and the home page', () => {
  const { rig, attendees } = useDashboardRig();

  it('reads out new arrivals, new reports and a pause from another laptop, in one out-of-sight region', async () => {
    const created = await createEvent(rig.server.url, { name: 'Live News Night', topics: ['AI'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const news = page.locator('[data-room-news]');
    expect(await news.getAttribute('role')).toBe('status');
    expect(await rendered(page, '[data-room-news]')).toBe(true);
    // What the page opened on is not news.
    expect(await news.textContent()).toBe('');

    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', interests: ['AI'] });
    attendees.push(ann);
    await news.getByText('1 person here, 0 matches made so far.').waitFor();

    // A second arrival and their match come within the half minute: held back, not read out yet.
    const bob = await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob', interests: ['AI'] });
    attendees.push(bob);
    await findEachOther(ann.socket, bob.socket);
    await page.locator('[data-stat="matches"]', { hasText: '1' }).waitFor();
    expect(await news.textContent()).toBe('1 person here, 0 matches made so far.');

    // A report is read out at once; the name is text, never markup.
    const ack = await call(bob.socket, 'attendee:report', { attendeeId: ann.id, reason: 'spam', text: 'Kept pitching.' });
    expect(ack.ok).toBe(true);
    await news.getByText('New report: Ann, Selling or spamming.').waitFor();

    const other = await connectOrganiser(rig.server.url, created.organiserToken, created.event.id);
    try {
      expect((await control(other, 'event:pause')).ok).toBe(true);
      await news.getByText('Matching is paused.').waitFor();
    } finally {
      other.disconnect();
    }
    expect(errors).toEqual([]);
  });

  it('says nothing as the waiting clocks tick, nor after each key typed in the announcement', async () => {
    const created = await createEvent(rig.server.url, { name: 'Quiet Ticks Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const cy = await simulateAttendee(rig.server.url, created.event.code, { name: 'Cy' });
    attendees.push(cy);
    expect((await call(cy.socket, 'match:find')).ok).toBe(true);
    const clock = page.locator(`[data-attendee-id="${cy.id}"] .waiting-time`);
    await clock.waitFor();
    // Let the news of Cy's arrival be said first.
    await page.locator('[data-room-news]', { hasText: '1 person here' }).waitFor();
    await recordLiveChanges(page);
    const first = await clock.textContent();
    await page.waitForFunction(
      ([sel, was]) => {
        const now = document.querySelector(sel)?.textContent ?? was ?? '0:00';
        const [m, s] = now.split(':').map(Number);
        const [m0, s0] = (was ?? '0:00').split(':').map(Number);
        return m! * 60 + s! - (m0! * 60 + s0!) >= 3;
      },
      [`[data-attendee-id="${cy.id}"] .waiting-time`, first] as const,
    );
    await page.getByLabel('Message').pressSequentially('Pizza');
    expect(await liveChanges(page)).toEqual([]);
    // The count is still there for a screen reader, read with the box.
    expect(await page.getByLabel('Message').getAttribute('aria-describedby')).toBe('announce-count');
    expect(errors).toEqual([]);
  });

  it('keeps its status lines on the page while empty, so that what they later say is read out', async () => {
    const created = await createEvent(rig.server.url, { name: 'Status Lines Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    for (const selector of ['#notice', '.announce-result', '.edit-result', '[data-card="invite"] .link-hint']) {
      expect({ selector, rendered: await rendered(page, selector) }).toEqual({ selector, rendered: true });
    }
    // Still taking no room (the layout tests rely on an empty notice being out of sight).
    expect(await page.locator('#notice').isHidden()).toBe(true);

    await page.getByLabel('Message').fill('Pizza in the lobby');
    await page.getByRole('button', { name: 'Send to every phone' }).click();
    await page.locator('.announce-result[role="status"]', { hasText: 'Pizza in the lobby' }).waitFor();
    // The same message again, within the minute: the same words, said again all the same.
    await followRegionText(page, '.announce-result');
    await page.getByLabel('Message').fill('Pizza in the lobby');
    await page.getByRole('button', { name: 'Send to every phone' }).click();
    await waitForRegionSaid(page, '.announce-result', 'Pizza in the lobby', 1);
    expect(errors).toEqual([]);
  });

  it('says "Link copied." in a live region when a link is copied on the home page', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.server.url });
    await page.goto('/');
    await page.getByLabel('Event name').fill('Copy Aloud Night');
    await page.getByRole('button', { name: 'Create event' }).click();
    const block = page.locator('.link-block', { has: page.locator('[data-link="join-link"]') });
    const hint = block.locator('.link-hint');
    expect(await hint.getAttribute('role')).toBe('status');
    expect(await rendered(page, '.link-block:has([data-link="join-link"]) .link-hint')).toBe(true);
    await block.getByRole('button', { name: 'Copy' }).click();
    await block.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await hint.textContent()).toBe('Link copied.');
    // Said, not shown: the button already shows it.
    expect(await hint.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
    // Copied again: the same words, which a screen reader says only if the region changes, so
    // it is emptied and then filled again.
    const selector = '.link-block:has([data-link="join-link"]) .link-hint';
    await followRegionText(page, selector);
    await block.getByRole('button', { name: 'Copied' }).click();
    await waitForRegionSaid(page, selector, 'Link copied.', 1);
    expect(await regionTexts(page, selector)).toEqual(['', 'Link copied.']);
    expect(errors).toEqual([]);
  });
});
