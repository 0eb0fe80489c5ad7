import request from 'supertest';
import type { Page } from 'playwright-core';
import type { CreateEventResponse } from '../../shared/schemas';
import { describeInBrowser, LAPTOP, openPage, type TrackedPage } from '../helpers/browser';
import { hashToken, newId, newJoinCode, newToken } from '../../server/services/ids';
import type { EventRecord } from '../../server/store/records';
import { createEvent } from '../helpers/server';
import { confirmWith, dashboardReady, organiserLink, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The test server's RETENTION_HOURS, the default. */
const RETENTION = 24 * HOUR;
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

async function openInZone(
  baseURL: string,
  created: CreateEventResponse,
  rig: ReturnType<typeof useDashboardRig>['rig'],
  beforeGoto: (page: Page) => void = () => {},
): Promise<TrackedPage> {
  const tracked = await openPage(rig.browser, baseURL, { ...LAPTOP, timezoneId: ZONE, locale: 'en-GB' });
  tracked.page.setDefaultTimeout(10_000);
  beforeGoto(tracked.page);
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  return tracked;
}

const plannedEnd = (page: Page) => page.locator('[data-planned-end]');
const hint = (page: Page) => page.locator('#edit-ends-at-hint');
/** `hhmm` of a moment, escaped for a RegExp (it has none to escape). */
const at = (ms: number) => `.*${hhmm(ms)}`;
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
    // Sooner than a day after creation, where clearing had put it: Ben is asked first.
    await confirmWith(ben.page, 'Save');
    await plannedEnd(ada.page).getByText(new RegExp(`^Planned end: .*${hhmm(again)}$`)).waitFor();
    await ben.page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(ben.page, 'End event');
    // The dialog closes as the request goes: read the event once the end has landed.
    await plannedEnd(ben.page).getByText(/^Ended at /).waitFor();
    const endedAt = Date.parse((await event()).endsAt);
    expect(endedAt).toBeLessThan(again);
    for (const { page } of [ada, ben]) {
      await plannedEnd(page).getByText(new RegExp(`^Ended at .*${hhmm(endedAt)}`)).waitFor();
      await page.locator('#edit-ends-at').waitFor({ state: 'hidden' });
    }

    expect([...ada.errors, ...ben.errors]).toEqual([]);
  });

  it('says in times what clearing means, and asks in the page before a save brings the deletion sooner', async () => {
    // A conference: four days long. Emptying the field reads as "open-ended", but is a day after creation.
    const planned = minuteFromNow(4 * 24);
    const created = await createEvent(rig.server.url, { name: 'Conference', endsAt: new Date(planned).toISOString() });
    const createdAt = Date.parse(created.event.createdAt);
    const { page, errors, dialogs } = await openInZone(rig.server.url, created, rig);
    const event = async () => (await request(rig.server.url).get(`/api/events/${created.event.code}`).expect(200)).body.event;
    await hint(page).getByText(new RegExp(`Empty: the event counts as ending a day after it was created, ${at(createdAt + DAY)}\\.`)).waitFor();
    // The retention period in words, from the figures' deletion time less the planned end.
    await hint(page).getByText(new RegExp(`deleted at ${at(planned + RETENTION)}, 24 hours after it\\.`)).waitFor();

    const input = page.locator('#edit-ends-at');
    await input.fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText(new RegExp(`deleted at ${at(createdAt + DAY + RETENTION)} instead of ${at(planned + RETENTION)}`)).waitFor();
    // Cancel: nothing is sent, and the field is where the organiser can change it.
    await confirmWith(page, 'Cancel');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-ends-at');
    expect(Date.parse((await event()).endsAt)).toBe(planned);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await confirmWith(page, 'Save');
    await page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    expect((await event()).endsAt).toBeNull();
    await plannedEnd(page)
      .getByText(new RegExp(`^No planned end: everything about the event is deleted at ${at(createdAt + DAY + RETENTION)}\\.$`))
      .waitFor();

    // Later again: saved without a question.
    await input.fill(localInput(planned));
    await page.getByRole('button', { name: 'Save changes' }).click();
    // The first save's "✓ Saved" may still be up: wait for this one's end on the page.
    await plannedEnd(page).getByText(new RegExp(`^Planned end: .*${hhmm(planned)}$`)).waitFor();
    await page.locator('[data-card="edit"]').getByText('✓ Saved').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(Date.parse((await event()).endsAt)).toBe(planned);
    // Said again once the figures for the new end have come, never a period worked out from the old one's.
    await hint(page).getByText(new RegExp(`deleted at ${at(planned + RETENTION)}, 24 hours after it\\.`)).waitFor();
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('an event created days ago: a passed planned end says when everything goes, the picker stops 14 days after creation, and a server refusal marks the field', async () => {
    // Made ten days ago, its planned end an hour ago: straight into the store, as no request could.
    const token = newToken();
    const now = Date.now();
    const record: EventRecord = {
      id: newId(),
      code: newJoinCode(),
      name: 'Long Week',
      topics: [],
      spots: [],
      status: 'open',
      endsAt: Math.floor((now - HOUR) / MINUTE) * MINUTE,
      createdAt: now - 10 * DAY,
      announcement: null, pausedAt: null,
    };
    await rig.server.app.store.createEvent(record, hashToken(token));
    const created = { event: { name: record.name }, organiserToken: token, dashboardUrl: `${rig.server.url}/organiser/${record.id}` } as CreateEventResponse;
    const { page, errors } = await openInZone(rig.server.url, created, rig);
    const deletes = record.endsAt! + RETENTION;

    const passed = `passed\\. Matching carries on until you end the event; everything is deleted at ${at(deletes)} unless you move the planned end\\.`;
    await plannedEnd(page).getByText(new RegExp(`^Planned end: ${at(record.endsAt!)}, ${passed}$`)).waitFor();
    await hint(page).getByText(new RegExp(`The planned end has ${passed}`)).waitFor();
    await hint(page).getByText(/It cannot be emptied now/).waitFor();

    // The picker stops 14 days after creation, four days from now, not fourteen.
    const latest = Math.floor((record.createdAt + 14 * DAY) / MINUTE) * MINUTE;
    const input = page.locator('#edit-ends-at');
    expect(await input.getAttribute('max')).toBe(localInput(latest));
    await input.fill(localInput(latest + HOUR));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('[data-card="edit"] .form-error', { hasText: new RegExp(`no later than ${at(latest)}: at most 14 days after the event was created`) }).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await rig.server.app.store.getEvent(record.id)).toEqual(record);

    // This laptop's clock two hours slow: a time an hour ago passes here, and the server refuses it.
    await page.evaluate((slow) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() - slow;
    }, 2 * HOUR);
    await input.fill(localInput(Date.now() - 30 * MINUTE));
    expect(await input.getAttribute('aria-invalid')).toBe('false');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const refused = page.locator('[data-card="edit"] .form-error', { hasText: "this laptop's clock may be off" });
    await refused.waitFor();
    expect(await refused.textContent()).not.toMatch(/endsAt/);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toContain('edit-result');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-ends-at');
    expect(await rig.server.app.store.getEvent(record.id)).toEqual(record);
    expect(errors).toEqual([]);
  });

  it('takes back "That time has passed" once the planned end is valid again, and after it is saved', async () => {
    const created = await createEvent(rig.server.url, { name: 'Second Try', endsAt: new Date(minuteFromNow(3)).toISOString() });
    const { page, errors } = await openInZone(rig.server.url, created, rig);
    const card = page.locator('[data-card="edit"]');
    const input = page.locator('#edit-ends-at');
    const passedError = card.getByText('That time has passed', { exact: false });

    await input.fill(localInput(Date.now() - HOUR));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await card.locator('.form-error', { hasText: 'That time has passed' }).waitFor();
    // Saved again as it is: the same words, said once more.
    await page.getByRole('button', { name: 'Save changes' }).click();
    await card.locator('.form-error', { hasText: 'That time has passed' }).waitFor();

    // A valid time typed in: the error goes with the problem.
    const later = minuteFromNow(5);
    await input.fill(localInput(later));
    await passedError.waitFor({ state: 'detached' });
    expect(await card.locator('.form-error').count()).toBe(0);
    expect(await input.getAttribute('aria-invalid')).toBe('false');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText('✓ Saved').waitFor();
    await plannedEnd(page).getByText(new RegExp(`^Planned end: .*${hhmm(later)}$`)).waitFor();
    expect(await passedError.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('says the planned end has passed when it does, in a quiet room whose figures do not change', async () => {
    // Nobody here: the figures stay the same, so the server sends none after the first.
    const created = await createEvent(rig.server.url, { name: 'Quiet Room', endsAt: new Date(minuteFromNow(3)).toISOString() });
    // Brought forward to a few seconds from now, from another laptop (or the API): the figures
    // the change brings come well before it passes.
    let soon = Infinity;
    let pushes = 0;
    // Attached before the page opens its socket: a listener added once it is open hears nothing.
    const { page, errors } = await openInZone(rig.server.url, created, rig, (p) =>
      p.on('websocket', (ws) => ws.on('framereceived', (f) => void (Date.now() >= soon && String(f.payload).startsWith('42') && pushes++))),
    );
    soon = Date.now() + 4_000;
    await request(rig.server.url)
      .patch(`/api/events/${created.event.id}`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .send({ endsAt: new Date(soon).toISOString() })
      .expect(200);
    await plannedEnd(page).getByText(new RegExp(`^Planned end: ${at(soon)}$`)).waitFor();
    expect(await hint(page).textContent()).not.toMatch(/passed/);

    await plannedEnd(page).getByText(new RegExp(`^Planned end: ${at(soon)}, passed\\. Matching carries on until you end the event`)).waitFor();
    await hint(page).getByText(/The planned end has passed\. Matching carries on until you end the event/).waitFor();
    expect(Date.now()).toBeGreaterThanOrEqual(soon);
    // Nothing came from the server once it passed: the dashboard noticed the time by itself.
    expect(pushes).toBe(0);
    expect(errors).toEqual([]);
  });
});
