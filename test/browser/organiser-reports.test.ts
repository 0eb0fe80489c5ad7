import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { confirmWith, openDashboard, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';
import { joinThroughForm, waitForView } from './steps';

jest.setTimeout(45_000);

const MARKUP_NAME = '<b>x</b>';
const MARKUP_TEXT = 'Kept <i>grabbing</i> my arm <script>alert(1)</script>';

describeInBrowser('a report from a phone reaches the dashboard', () => {
  const { rig, attendees } = useDashboardRig();

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
    await sheet.getByRole('button', { name: 'Send report' }).tap();
    await sheet.getByText('Thank you. The organisers have been told.').waitFor();
    // Reporting alone does not end the match.
    await waitForView(ann.page, 'matched');

    const row = panel.locator(`[data-attendee-id="${x.id}"]`);
    await row.waitFor();
    expect(await row.locator('[data-report-name]').textContent()).toBe(MARKUP_NAME);
    await row.getByText('Made me uncomfortable').waitFor();
    expect(await row.locator('.report-text').textContent()).toBe(MARKUP_TEXT);
    expect(await row.textContent()).not.toContain('Ann');
    await waitForStat(dash.page, 'reports', '1');
    expect(await dash.page.locator('b, i, script:not([type="module"])').count()).toBe(0);

    const gone = new Promise((resolve) => x.socket.once('disconnect', resolve));
    await row.getByRole('button', { name: 'Remove from event' }).click();
    await dash.page.locator('dialog[open]').getByText(`Remove ${MARKUP_NAME}?`).waitFor();
    await confirmWith(dash.page, 'Remove from event');
    await gone;
    await row.waitFor({ state: 'detached' });
    await waitForStat(dash.page, 'reports', '0');
    await panel.getByText('No reports.').waitFor();
    // Ann's match with them is over.
    await waitForView(ann.page, 'idle');
    expect([...dash.errors, ...ann.errors, ...dash.dialogs, ...ann.dialogs]).toEqual([]);
  });
});
