import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { confirmWith, openDashboard, simulateAttendee, useDashboardRig, waitForStat, type SimulatedAttendee } from './organiser-steps';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(45_000);

const MARKUP_NAME = '<b>x</b>';
const MARKUP_TEXT = 'Kept <i>grabbing</i> my arm <script>alert(1)</script>';

describeInBrowser('a report from a phone reaches the dashboard', () => {
  const { rig, attendees } = useDashboardRig();

  /** Someone into Jazz in the event of `code`, closed with the rig. */
  const joinJazz = async (code: string, name: string) => {
    const person = await simulateAttendee(rig.server.url, code, { name, interests: ['Jazz'] });
    attendees.push(person);
    return person;
  };

  /** `one` and `other` look and are matched with each other; the match's id. */
  const pairUp = async (one: SimulatedAttendee, other: SimulatedAttendee) => {
    const found = waitFor(one.socket, 'match:found');
    expect(await call(one.socket, 'match:find')).toMatchObject({ ok: true });
    expect(await call(other.socket, 'match:find')).toMatchObject({ ok: true });
    const match = await found;
    expect(match.partners.map((p) => p.id)).toEqual([other.id]);
    return match.id;
  };

  it('shows the report as text, names only the reported person, and Remove takes them out', async () => {
    const created = await createEvent(rig.server.url, { name: 'Safe Space Social', topics: ['Jazz'] });
    const dash = await openDashboard(rig.browser, rig.server.url, created);
    const panel = dash.page.locator('[data-card="reports"]');
    await panel.getByText('No reports.').waitFor();

    const ann = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(ann.page, created.event.code, { name: 'Ann', topics: ['Jazz'] });
    const x = await simulateAttendee(rig.server.url, created.event.code, { name: MARKUP_NAME, interests: ['Jazz'] });
    attendees.push(x);
    const found = waitFor(x.socket, 'match:found');
    expect(await call(x.socket, 'match:find')).toMatchObject({ ok: true });
    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await found;
    await waitForView(ann.page, 'matched');

    // Mid-match: Not comfortable? -> Report, a reason, a few words.
    await ann.page.locator('[data-safety-link]').tap();
    const sheet = ann.page.locator('dialog[data-sheet="safety"]');
    await sheet.getByRole('button', { name: `Report ${MARKUP_NAME}` }).tap();
    await sheet.getByRole('button', { name: 'Send report' }).tap();
    await sheet.getByText('Please pick what happened.').waitFor();
    await sheet.getByLabel('Made me uncomfortable').check();
    await sheet.getByLabel('Anything to add?').fill(MARKUP_TEXT);
    const ended = waitFor(x.socket, 'match:ended');
    await sheet.getByRole('button', { name: 'Send report' }).tap();
    // A report blocks them too: the match ends at once, they are told only that Ann left it (not the event),
    // and the thank-you stays up until Ann is done with it.
    await sheet.getByText(`Thank you. The organisers have been told, and you won't be matched with ${MARKUP_NAME} again.`).waitFor();
    expect(await ended).toEqual({ matchId: expect.any(String), reason: 'partner_left' });
    await waitForView(ann.page, 'idle');
    expect(await sheet.getByRole('button', { name: `Block ${MARKUP_NAME} too` }).count()).toBe(0);
    await sheet.getByRole('button', { name: 'Done' }).tap();

    const row = panel.locator(`[data-attendee-id="${x.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-report-name]').textContent()).toBe(MARKUP_NAME);
    await row.getByText('Made me uncomfortable').waitFor();
    expect(await row.locator('.report-text').textContent()).toBe(MARKUP_TEXT);
    expect(await row.textContent()).not.toContain('Ann');
    await waitForStat(dash.page, 'reports', '1');
    const reportsSub = dash.page.locator('[data-stat-sub="reports"]');
    expect(await reportsSub.textContent()).toBe('');
    expect(await dash.page.locator('b, i, script:not([type="module"])').count()).toBe(0);

    const gone = new Promise((resolve) => x.socket.once('disconnect', resolve));
    await row.getByRole('button', { name: `Remove ${MARKUP_NAME} from the event`, exact: true }).click();
    await dash.page.locator('dialog[open]').getByText(`Remove ${MARKUP_NAME}?`).waitFor();
    // It says what becomes of the report about them, and where the figures keep the trace.
    await dash.page.locator('dialog[open]').getByText('Reports by or about them go with them; the figures count them as removed.', { exact: false }).waitFor();
    await confirmWith(dash.page, 'Remove from event');
    await gone;
    await row.waitFor({ state: 'detached' });
    await waitForStat(dash.page, 'reports', '0');
    // The report went with them, but the figures still say someone was removed.
    await dash.page.locator('[data-stat-sub="reports"]', { hasText: '1 person removed' }).waitFor();
    await panel.getByText('No reports.').waitFor();
    expect([...dash.errors, ...ann.errors, ...dash.dialogs, ...ann.dialogs]).toEqual([]);
  });

  it('after a removal, the focus moves to the next report, then to the line saying there are none', async () => {
    const created = await createEvent(rig.server.url, { name: 'Two Pairs Social', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const panel = page.locator('[data-card="reports"]');
    const join = (name: string) => joinJazz(created.event.code, name);
    /** Two are matched; one reports the other and the match ends, so the next two pair up alone. */
    const reported = async (reporter: SimulatedAttendee, them: SimulatedAttendee) => {
      const matchId = await pairUp(reporter, them);
      expect(await call(reporter.socket, 'attendee:report', { attendeeId: them.id, reason: 'spam' })).toMatchObject({ ok: true });
      expect(await call(reporter.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
    };
    const [ann, bob, cy, noor] = [await join('Ann'), await join('Bob'), await join('Cy'), await join('نور')];
    await reported(ann, bob);
    await reported(cy, noor);
    // Newest first: Noor's report is on top.
    const row = (p: SimulatedAttendee) => panel.locator(`[data-attendee-id="${p.id}"]`);
    await row(bob).waitFor();
    await row(noor).waitFor();
    expect(await row(noor).locator('bdi[data-report-name]').textContent()).toBe('نور');

    await removeByKeyboard(page, row(noor).getByRole('button', { name: 'Remove نور from the event', exact: true }));
    await row(noor).waitFor({ state: 'detached' });
    expect(await focusedRow(page)).toBe(bob.id);
    await removeByKeyboard(page, row(bob).getByRole('button', { name: 'Remove Bob from the event', exact: true }));
    await panel.getByText('No reports.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('reports-empty');
    expect(errors).toEqual([]);
  });

  it('after the end, a report coming in redraws the list and the focus stays on the row that had it', async () => {
    // The end sends a focus that was lost to the line saying what ending means; a redraw that
    // hands it to the new copy of its row (rowFocus) did not lose it, and once moved it anyway.
    const created = await createEvent(rig.server.url, { name: 'Late Reports Social', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const panel = page.locator('[data-card="reports"]');
    const join = (name: string) => joinJazz(created.event.code, name);
    const paired = async (one: SimulatedAttendee, other: SimulatedAttendee) => {
      const matchId = await pairUp(one, other);
      expect(await call(one.socket, 'match:leave', { matchId, reason: 'done' })).toMatchObject({ ok: true });
    };
    const [ann, bob, cy, dee] = [await join('Ann'), await join('Bob'), await join('Cy'), await join('Dee')];
    await paired(ann, bob);
    await paired(cy, dee);
    expect(await call(ann.socket, 'attendee:report', { attendeeId: bob.id, reason: 'spam' })).toMatchObject({ ok: true });
    const row = (p: SimulatedAttendee) => panel.locator(`[data-attendee-id="${p.id}"]`);
    await row(bob).waitFor();

    await page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(page, 'End event');
    await page.locator('[data-control-state="ended"]').waitFor();
    await row(bob).getByRole('button', { name: 'Remove Bob from the event', exact: true }).focus();
    expect(await call(cy.socket, 'attendee:report', { attendeeId: dee.id, reason: 'spam' })).toMatchObject({ ok: true });
    await row(dee).waitFor();
    expect(await focusedRow(page)).toBe(bob.id);
    expect(errors).toEqual([]);
  });
});

/** Enter on a Remove button, Tab from Cancel to the button that goes ahead, Enter. */
async function removeByKeyboard(page: Page, button: Locator): Promise<void> {
  await button.focus();
  await page.keyboard.press('Enter');
  await page.locator('dialog[open]').waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.locator('dialog[open]').waitFor({ state: 'detached' });
}

/** The `data-attendee-id` of the row whose button has the focus, or what has it instead. */
const focusedRow = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.tagName === 'BUTTON' ? (el.closest<HTMLElement>('[data-attendee-id]')?.dataset.attendeeId ?? 'a button elsewhere') : el?.tagName;
  });
