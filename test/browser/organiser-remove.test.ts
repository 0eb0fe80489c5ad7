import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import { confirmWith, dashboardReady, openDashboard, organiserLink, simulateAttendee, useDashboardRig, type SimulatedAttendee } from './organiser-steps';

jest.setTimeout(30_000);

/** Where the keyboard focus is: the row (`data-attendee-id`) of the focused button, a class, or `body`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const row = el.closest<HTMLElement>('[data-attendee-id]');
    return row && el.tagName === 'BUTTON' ? `button in ${row.dataset.attendeeId}` : `.${el.className}`;
  });

/** Removes the row's person with the keyboard only: Enter on Remove, Tab past Cancel, Enter. */
async function removeByKeyboard(page: Page, row: Locator): Promise<void> {
  await row.locator('button').focus();
  await page.keyboard.press('Enter');
  await page.locator('dialog[open]').waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await row.waitFor({ state: 'detached' });
}

/**
 * "Waiting longest" is drawn afresh when someone leaves it, which used to take the focused Remove
 * button with it and drop a keyboard user to the top of the page. Matching is stopped, so the
 * three who wait stay in the list until removed.
 */
describeInBrowser('removing someone from "Waiting longest"', () => {
  const { rig, attendees } = useDashboardRig();
  beforeAll(() => rig.server.app.ticker.stop());

  const wait = async (code: string, name: string): Promise<SimulatedAttendee> => {
    const person = await simulateAttendee(rig.server.url, code, { name, interests: ['Jazz'] });
    attendees.push(person);
    expect(await call(person.socket, 'match:find')).toMatchObject({ ok: true });
    return person;
  };

  it('moves the focus to the next Remove, else the previous one, else the line saying nobody waits', async () => {
    const created = await createEvent(rig.server.url, { name: 'Focus Keeping Night', topics: ['Jazz'] });
    const [ann, bob, cy] = [await wait(created.event.code, 'Ann'), await wait(created.event.code, 'Bob'), await wait(created.event.code, 'Cy')];
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const row = (p: SimulatedAttendee) => page.locator(`[data-card="waiting"] [data-attendee-id="${p.id}"]`);
    await row(cy).waitFor();

    await removeByKeyboard(page, row(bob));
    expect(await focused(page)).toBe(`button in ${cy.id}`);
    await removeByKeyboard(page, row(cy));
    expect(await focused(page)).toBe(`button in ${ann.id}`);
    await removeByKeyboard(page, row(ann));
    await page.locator('.waiting-empty', { hasText: 'Nobody is waiting right now.' }).waitFor();
    expect(await focused(page)).toBe('.waiting-empty');
    expect(errors).toEqual([]);
  });

  it('names the person on each Remove button, and isolates a right-to-left name from the text around it', async () => {
    const created = await createEvent(rig.server.url, { name: 'Named Buttons Night', topics: ['Jazz'] });
    const [ann, noor] = [await wait(created.event.code, 'Ann'), await wait(created.event.code, 'نور 2')];
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const card = page.locator('[data-card="waiting"]');
    await card.getByRole('button', { name: 'Remove Ann from the event', exact: true }).waitFor();
    await card.getByRole('button', { name: 'Remove نور 2 from the event', exact: true }).waitFor();
    expect(await card.locator(`[data-attendee-id="${noor.id}"] bdi[data-waiting-name]`).textContent()).toBe('نور 2');

    // The confirmation names them too, isolated, so "?" stays at the end of the question.
    await card.getByRole('button', { name: 'Remove نور 2 from the event' }).click();
    expect(await page.locator('dialog[open] h2').textContent()).toBe('Remove \u2068نور 2\u2069?');
    await page.locator('dialog[open]').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await card.locator(`[data-attendee-id="${ann.id}"] bdi[data-waiting-name]`).textContent()).toBe('Ann');
    expect(errors).toEqual([]);
  });

  it('two organisers removing the same person at once: the second is told nothing went wrong, as they are out', async () => {
    const created = await createEvent(rig.server.url, { name: 'Two Hosts Night', topics: ['Jazz'] });
    const bob = await wait(created.event.code, 'Bob');
    const first = await openDashboard(rig.browser, rig.server.url, created);
    const second = await openPage(rig.browser, rig.server.url, LAPTOP);
    // The answers to the second dashboard's controls (Socket.IO acks), to know its Remove was answered.
    const answered = new Promise<void>((resolve) =>
      second.page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => String(payload).startsWith('43/organiser,') && resolve())),
    );
    await second.page.goto(organiserLink(created));
    await dashboardReady(second.page, created.event.name);
    const rowOn = (page: Page) => page.locator(`[data-card="waiting"] [data-attendee-id="${bob.id}"]`);
    // Both see Bob, and both reach for Remove before either has confirmed.
    for (const { page } of [first, second]) {
      await rowOn(page).getByRole('button', { name: 'Remove Bob from the event' }).click();
      await page.locator('dialog[open]').waitFor();
    }
    await confirmWith(first.page, 'Remove');
    await rowOn(first.page).waitFor({ state: 'detached' });
    await rowOn(second.page).waitFor({ state: 'detached' });

    await second.page.locator('[data-stat-sub="reports"]', { hasText: '1 person removed' }).waitFor();
    await confirmWith(second.page, 'Remove');
    await answered;
    // Bob is out, as asked: no "Attendee not found" under the card.
    expect(await second.page.locator('[data-card="waiting"] [role="alert"]').textContent()).toBe('');
    expect([...first.errors, ...second.errors]).toEqual([]);
  });
});
