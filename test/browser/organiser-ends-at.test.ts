import request from 'supertest';
import type { Page } from 'playwright-core';
import type { CreateEventResponse } from '../../shared/schemas';
import { describeInBrowser, LAPTOP, openPage, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { confirmWith, dashboardReady, organiserLink, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Not this machine's zone, most likely: the dashboard must show and take the laptop's local time. */
const ZONE = 'Pacific/Auckland';

/** A moment as a datetime-local input in ZONE holds it: `2030-06-01T22:00`. */
const localInput = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .format(ms)
    .replace(' ', 'T');
/** A moment as the dashboard's clock in ZONE reads it: `22:00`. */
const hhmm = (ms: number) => localInput(ms).slice(11);
/** A whole minute, `hours` from now. */
const minuteFromNow = (hours: number) => Math.ceil((Date.now() + hours * HOUR) / MINUTE) * MINUTE;

async function openInZone(baseURL: string, created: CreateEventResponse, rig: ReturnType<typeof useDashboardRig>['rig']): Promise<TrackedPage> {
  const tracked = await openPage(rig.browser, baseURL, { ...LAPTOP, timezoneId: ZONE, locale: 'en-GB' });
  tracked.page.setDefaultTimeout(10_000);
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  return tracked;
}

const plannedEnd = (page: Page) => page.locator('[data-planned-end]');
const inputValue = (page: Page) => page.locator('#edit-ends-at').inputValue();

describeInBrowser('the planned end on the dashboard', () => {
  const { rig } = useDashboardRig();

  it('shows it in local time; one organiser changes and clears it, the other dashboard follows; after the end it is when it ended', async () => {
    const planned = minuteFromNow(3);
    const created = await createEvent(rig.server.url, { name: 'Late Night', endsAt: new Date(planned).toISOString() });
    const ada = await openInZone(rig.server.url, created, rig);
    const ben = await openInZone(rig.server.url, created, rig);
    const event = async () => (await request(rig.server.url).get(`/api/events/${created.event.code}`).expect(200)).body.event;

    for (const { page } of [ada, ben]) {
      await plannedEnd(page).getByText(new RegExp(`^Planned end: .*${hhmm(planned)}$`)).waitFor();
      expect(await inputValue(page)).toBe(localInput(planned));
    }
    // The picker offers what the server takes, as on the home page.
    const input = ada.page.locator('#edit-ends-at');
    expect(await input.getAttribute('type')).toBe('datetime-local');
    const [min, max] = [await input.getAttribute('min'), await input.getAttribute('max')];
    // Strings of one form, so they compare as the times do.
    const within = (value: string | null, from: number, to: number) => (value ?? '') >= localInput(from) && (value ?? '') <= localInput(to);
    expect(within(min, Date.now() - 2 * MINUTE, Date.now() + 2 * MINUTE)).toBe(true);
    expect(within(max, Date.now() + 14 * DAY - 2 * MINUTE, Date.now() + 14 * DAY)).toBe(true);

    // Ada moves it later: Ben's dashboard shows the new time, in his form too.
    const later = minuteFromNow(5);
    await input.fill(localInput(later));
    await ada.page.getByRole('button', { name: 'Save changes' }).click();
    await ada.page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    expect(Date.parse((await event()).endsAt)).toBe(later);
    await plannedEnd(ben.page).getByText(new RegExp(`^Planned end: .*${hhmm(later)}$`)).waitFor();
    await ben.page.waitForFunction((want) => document.querySelector<HTMLInputElement>('#edit-ends-at')?.value === want, localInput(later));
    await plannedEnd(ada.page).getByText(new RegExp(`${hhmm(later)}$`)).waitFor();

    // A time that has passed is not sent.
    await input.fill(localInput(Date.now() - HOUR));
    await ada.page.getByRole('button', { name: 'Save changes' }).click();
    await ada.page.locator('[data-card="edit"] .form-error', { hasText: 'That time has passed' }).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(Date.parse((await event()).endsAt)).toBe(later);

    // Ada clears it: none, on both dashboards.
    await input.fill('');
    await ada.page.getByRole('button', { name: 'Save changes' }).click();
    await ada.page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    expect((await event()).endsAt).toBeNull();
    await plannedEnd(ben.page).getByText('No planned end').waitFor();
    await ben.page.waitForFunction(() => document.querySelector<HTMLInputElement>('#edit-ends-at')?.value === '');

    // Ben sets one again; then ends the event: both show when it ended, with nothing to edit.
    const again = minuteFromNow(2);
    await ben.page.locator('#edit-ends-at').fill(localInput(again));
    await ben.page.getByRole('button', { name: 'Save changes' }).click();
    await plannedEnd(ada.page).getByText(new RegExp(`^Planned end: .*${hhmm(again)}$`)).waitFor();
    await ben.page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(ben.page, 'End event');
    const endedAt = Date.parse((await event()).endsAt);
    expect(endedAt).toBeLessThan(again);
    for (const { page } of [ada, ben]) {
      await plannedEnd(page).getByText(new RegExp(`^Ended at .*${hhmm(endedAt)}`)).waitFor();
      await page.locator('#edit-ends-at').waitFor({ state: 'hidden' });
    }

    expect([...ada.errors, ...ben.errors]).toEqual([]);
  });
});
