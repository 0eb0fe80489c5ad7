import request from 'supertest';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { openDashboard, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** The topics (or spots) the form has chosen, as chips. */
const chosen = (page: Page, field: 'edit-topics' | 'edit-spots') =>
  page.locator(`[data-chips="${field}"] [aria-pressed="true"]`).evaluateAll((chips) => chips.map((c) => (c as HTMLElement).dataset.chip));

describeInBrowser('two organisers editing the event at once', () => {
  const { rig } = useDashboardRig();

  it('a form nobody changed follows the other dashboard; a save sends only what was changed, and says when the event moved on under it', async () => {
    const created = await createEvent(rig.server.url, { name: 'Two Hosts', topics: ['Jazz', 'Chess'], spots: ['By the bar'] });
    const ada = await openDashboard(rig.browser, rig.server.url, created);
    const ben = await openDashboard(rig.browser, rig.server.url, created);
    const adaName = ada.page.locator('#edit-name');
    const event = async () => (await request(rig.server.url).get(`/api/events/${created.event.code}`).expect(200)).body.event;

    // Ada clicks about in her form but changes nothing; Ben renames the event.
    await adaName.click();
    await ada.page.locator('[data-card="edit"] .card-title').click();
    await ben.page.locator('#edit-name').fill('Two Hosts, One Night');
    await ben.page.getByRole('button', { name: 'Save changes' }).click();
    await ben.page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    await ada.page.waitForFunction(() => document.querySelector<HTMLInputElement>('#edit-name')?.value === 'Two Hosts, One Night');

    // Ada adds a spot; before she saves, Ben changes the topics.
    await ada.page.getByLabel('Add a meeting spot').fill('Under the clock');
    await ada.page.getByLabel('Add a meeting spot').press('Enter');
    await ben.page.locator('[data-chips="edit-topics"] [data-chip="Chess"]').click();
    await ben.page.getByLabel('Add a topic').fill('Go');
    await ben.page.getByRole('button', { name: 'Save changes' }).click();
    await ben.page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();

    // Ada's form keeps her spot and tells her what moved on.
    const stale = ada.page.locator('[data-edit-stale]');
    await stale.getByText('Someone else changed the topics while you were editing. Saving sends only your changes and keeps theirs.').waitFor();
    expect(await chosen(ada.page, 'edit-spots')).toEqual(['By the bar', 'Under the clock']);
    await ada.page.getByRole('button', { name: 'Save changes' }).click();
    await ada.page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    expect(await event()).toMatchObject({ name: 'Two Hosts, One Night', topics: ['Jazz', 'Go'], spots: ['By the bar', 'Under the clock'] });
    // Saved, her form shows the event as it now is, Ben's topics included.
    expect(await stale.isVisible()).toBe(false);
    expect(await chosen(ada.page, 'edit-topics')).toEqual(['Jazz', 'Go']);

    // Both change the topics: Ada is told hers would replace Ben's, and can take his instead.
    await ada.page.locator('[data-chips="edit-topics"] [data-chip="Jazz"]').click();
    await ben.page.getByLabel('Add a topic').fill('Poker');
    await ben.page.getByRole('button', { name: 'Save changes' }).click();
    await ben.page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    await stale.getByText('Someone else changed the topics while you were editing. Saving replaces their topics with yours.').waitFor();
    await stale.getByRole('button', { name: 'Discard mine, show theirs' }).click();
    await stale.waitFor({ state: 'hidden' });
    expect(await chosen(ada.page, 'edit-topics')).toEqual(['Jazz', 'Go', 'Poker']);
    expect(await event()).toMatchObject({ topics: ['Jazz', 'Go', 'Poker'] });

    expect([...ada.errors, ...ben.errors]).toEqual([]);
  });
});
