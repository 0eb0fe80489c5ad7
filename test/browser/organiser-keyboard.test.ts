import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { confirmWith, openDashboard, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** What has the keyboard focus: `body`, or the element's tag, `data-*` name or id. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const data = Object.keys(el.dataset)[0];
    return data ? `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${Object.values(el.dataset)[0]}"]` : el.id ? `#${el.id}` : el.tagName;
  });

/**
 * Each button is off while its work is on the way, which used to drop the focus to <body>, and a
 * keyboard user back to the top of the page. Every control here is used with the keyboard only.
 */
describeInBrowser('organiser dashboard by keyboard: the focus stays put', () => {
  const { rig } = useDashboardRig();

  const open = async (name: string) => {
    const created = await createEvent(rig.server.url, { name });
    return openDashboard(rig.browser, rig.server.url, created);
  };

  it('after Pause and Resume', async () => {
    const { page, errors } = await open('Pause Keys Night');
    await page.locator('[data-control="toggle"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#event-status[data-status="paused"]').waitFor();
    await page.getByRole('button', { name: 'Resume matching' }).and(page.locator(':enabled')).waitFor();
    expect(await focused(page)).toBe('[data-control="toggle"]');

    await page.keyboard.press('Space');
    await page.locator('#event-status[data-status="open"]').waitFor();
    await page.getByRole('button', { name: 'Pause matching' }).and(page.locator(':enabled')).waitFor();
    expect(await focused(page)).toBe('[data-control="toggle"]');
    expect(errors).toEqual([]);
  });

  it('after End event, which turns both buttons off for good: on the line that says it ended', async () => {
    const { page, errors } = await open('End Keys Night');
    await page.locator('[data-control="end"]').focus();
    await page.keyboard.press('Enter');
    await confirmWith(page, 'End event');
    await page.locator('[data-control-state="ended"]').waitFor();
    expect(await focused(page)).toBe('[data-control-state="ended"]');
    expect(errors).toEqual([]);
  });

  it('after sending an announcement: in the emptied box, ready for the next one', async () => {
    const { page, errors } = await open('Announce Keys Night');
    await page.getByLabel('Message').fill('Pizza in the lobby');
    await page.getByRole('button', { name: 'Send to every phone' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('“Pizza in the lobby”').waitFor();
    expect(await focused(page)).toBe('#announce-text');
    expect(errors).toEqual([]);
  });

  it.each(['csv', 'stats'])('after downloading the %s', async (name) => {
    const { page, errors } = await open(`Download Keys Night ${name}`);
    await page.locator(`[data-download="${name}"]`).focus();
    await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    await page.locator(`[data-download="${name}"]:enabled`).waitFor();
    expect(await focused(page)).toBe(`[data-download="${name}"]`);
    expect(errors).toEqual([]);
  });

  it('after saving the event, whose form is drawn afresh', async () => {
    const { page, errors } = await open('Save Keys Night');
    await page.getByLabel('Event name').fill('Save Keys Night, renamed');
    await page.getByRole('button', { name: 'Save changes' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    expect(await focused(page)).toBe('#edit-save');
    expect(errors).toEqual([]);
  });
});
