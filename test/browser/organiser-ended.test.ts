import request from 'supertest';
import type { Page } from 'playwright-core';
import type { CreateEventResponse } from '../../shared/schemas';
import { describeInBrowser } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { confirmWith, openDashboard, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';

jest.setTimeout(30_000);

/** What on the dashboard reads as live, or offers what only a live event can do. */
const looksLive = (page: Page) =>
  page.evaluate(() => {
    const shown = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].filter((el) => el.offsetParent !== null);
    const chart = document.querySelector('[data-chart="per-minute"] svg.chart');
    return {
      labels: shown('.now .figure-label').map((el) => el.textContent),
      online: shown('[data-stat-sub="attendees"]').map((el) => el.textContent),
      legend: chart?.querySelector('.chart-legend')?.textContent ?? '',
      accent: !!chart?.querySelector('.chart-bar-accent'),
      soFarRow: [...document.querySelectorAll('[data-chart="per-minute"] td, [data-chart="per-minute"] th')].some((c) => c.textContent?.includes('so far')),
      buttons: shown('[data-control="toggle"], [data-control="end"]').map((el) => el.textContent),
      cards: shown('[data-card="waiting"], [data-card="edit"], [data-card="announce"], [data-card="invite"]').map((el) => el.dataset.card),
      downloads: shown('[data-download="csv"], [data-download="stats"]').map((el) => el.dataset.download),
      totals: document.querySelector('#totals-title')?.textContent,
    };
  });

describeInBrowser('an ended event reads as a record of the evening', () => {
  const { rig, attendees } = useDashboardRig();

  it('past-tense labels, no "so far" minute, no Pause or End; the downloads stay', async () => {
    const created = await createEvent(rig.server.url, { name: 'Wrap Party', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const [ann, bob] = [
      await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', interests: ['Jazz'], solo: true }),
      await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob', interests: ['Jazz'], solo: true }),
    ];
    attendees.push(ann, bob);
    const found = waitFor(ann.socket, 'match:found');
    for (const p of [ann, bob]) expect(await call(p.socket, 'match:find')).toMatchObject({ ok: true });
    await found;
    await waitForStat(page, 'matches', '1');
    await page.locator('[data-chart="per-minute"] svg.chart').waitFor();

    // Live: what is happening now, the minute in progress, and the controls.
    expect(await looksLive(page)).toMatchObject({
      labels: ['Here', 'Looking', 'Finding each other', 'Chatting', 'Came alone (here now)', 'Have talked to someone'],
      online: ['2 online'],
      legend: 'this minute, so far',
      accent: true,
      buttons: ['Pause matching', 'End event…'],
      cards: ['waiting', 'edit', 'announce', 'invite'],
      totals: 'So far',
    });

    await page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(page, 'End event');
    await page.locator('#event-status[data-status="ended"]').waitFor();
    await page.locator('.now[aria-label="The evening"]').waitFor();
    // Not "Live" beside "Ended": the connection says the figures are up to date.
    expect(await page.locator('#connection').textContent()).toBe('Up to date');
    expect(await looksLive(page)).toEqual({
      labels: ['Joined', 'Still finding each other', 'Still chatting', 'Talked to someone'],
      online: [],
      legend: '',
      accent: false,
      soFarRow: false,
      buttons: [],
      // What the organisers say after the end still reaches the phones' thank-you screens.
      cards: ['announce'],
      downloads: ['csv', 'stats'],
      totals: 'The evening in numbers',
    });
    // The event spans one minute, or two when the test crossed a minute's turn.
    expect(await page.locator('[data-chart="per-minute"] svg.chart').getAttribute('aria-label')).toMatch(/^1 match in the event's (minute|2 minutes)$/);
    // What stays, and until when, is said where the buttons were; the focus waits there.
    await page.locator('[data-control-state="ended"]', { hasText: 'Download what you need before then' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.controlState)).toBe('ended');
    await page.locator('[data-announce-after-end]', { hasText: 'The event has ended: phones show this on their thank-you screen, also those that open it later.' }).waitFor();
    // Four numbers fill their row: no gaps where the others were.
    const row = await page.locator('.now .figure').evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size);
    expect(row).toBe(1);
    expect(errors).toEqual([]);
  });

  it('empty charts say what there was once it has ended, not what will show', async () => {
    const created = await createEvent(rig.server.url, { name: 'Quiet Night', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const empty = (chart: string) => page.locator(`[data-chart="${chart}"] .chart-empty`);
    await empty('per-minute').getByText('The first matches will show here, minute by minute.').waitFor();

    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await page.locator('#event-status[data-status="ended"]').waitFor();
    await empty('per-minute').getByText('No matches were made.', { exact: true }).waitFor();
    expect(await empty('waits').textContent()).toBe('Nobody was matched, so there were no waits.');
    expect(await empty('topics').textContent()).toBe('No interests to show.');
    expect(errors).toEqual([]);
  });

  it('ended by another organiser while this one edits the topics and spots: the form goes, and the focus to what ending means', async () => {
    const created = await createEvent(rig.server.url, { name: 'Two Hosts Night', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    await page.locator('#edit-name').fill('Two Hosts Night, renamed');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-name');

    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await page.locator('#event-status[data-status="ended"]').waitFor();
    await page.locator('[data-card="edit"]').waitFor({ state: 'hidden', timeout: 5_000 });
    // Not dropped to the top of the page: on the line that says what stays, and until when.
    await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.controlState === 'ended', null, { timeout: 5_000 });
    expect(errors).toEqual([]);
  });

  it('ended from a second dashboard while the focus is in the top row or the untouched form: it goes to what ending means, not to the top of the page', async () => {
    // The top row is drawn afresh as the evening's record, and the details form (nothing typed
    // in it) with the end's time: the focused button or field goes with the old drawing.
    for (const target of ['[data-card="edit"] #edit-name', '.now .figure:has([data-stat="looking"]) .explain']) {
      const created = await createEvent(rig.server.url, { name: 'Two Laptops Night', topics: ['Jazz'] });
      const here = await openDashboard(rig.browser, rig.server.url, created);
      const there = await openDashboard(rig.browser, rig.server.url, created);
      await here.page.locator(target).focus();

      await there.page.getByRole('button', { name: 'End event…' }).click();
      await confirmWith(there.page, 'End event');
      await here.page.locator('[data-control-state="ended"]').waitFor();
      expect(await here.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.controlState)).toBe('ended');
      // The line it lands on says what ending means, and the room's news says it happened.
      await here.page.locator('[data-room-news]', { hasText: 'The event has ended.' }).waitFor();
      expect([...here.errors, ...there.errors]).toEqual([]);
      await Promise.all([here.page.context().close(), there.page.context().close()]);
    }
  });

  it('an edit on its way as another organiser ends the event is refused, and the page says so; an announcement still goes out', async () => {
    const org = rig.server.app.services.organisers;
    const { announce, update } = org;
    /** Ends `created` from elsewhere (HTTP) just before the store sees this dashboard's send. */
    const endsFirst = (created: CreateEventResponse) => async () => {
      await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    };

    const first = await createEvent(rig.server.url, { name: 'Crossed Wires', topics: ['Jazz'] });
    const one = await openDashboard(rig.browser, rig.server.url, first);
    const phone = await simulateAttendee(rig.server.url, first.event.code, { name: 'Ann' });
    attendees.push(phone);
    const banners: string[] = [];
    phone.socket.on('event:announcement', ({ message }) => banners.push(message));
    const endFirst = endsFirst(first);
    org.announce = async (...args) => (await endFirst(), announce.apply(org, args));
    try {
      await one.page.getByLabel('Message').fill('Last orders at the bar');
      await one.page.getByRole('button', { name: 'Send to every phone' }).click();
      await one.page.locator('.announce-sent', { hasText: '“Last orders at the bar”' }).waitFor({ timeout: 5_000 });
    } finally {
      org.announce = announce;
    }
    await one.page.locator('[data-announce-after-end]').waitFor();
    expect((await rig.server.app.store.getEvent(first.event.id))?.announcement).toMatchObject({ message: 'Last orders at the bar' });
    await call(phone.socket, 'profile:update', {}); // flushes what was sent to the phone
    expect(banners).toEqual(['Last orders at the bar']);

    const second = await createEvent(rig.server.url, { name: 'Crossed Again', topics: ['Jazz'] });
    const two = await openDashboard(rig.browser, rig.server.url, second);
    const endSecond = endsFirst(second);
    org.update = async (...args) => (await endSecond(), update.apply(org, args));
    try {
      await two.page.locator('#edit-name').fill('Crossed Again, renamed');
      await two.page.getByRole('button', { name: 'Save changes' }).click();
      await two.page.locator('#notice', { hasText: 'This event has ended, so the changes were not saved' }).waitFor({ timeout: 5_000 });
      await two.page.locator('[data-card="edit"]').waitFor({ state: 'hidden' });
    } finally {
      org.update = update;
    }
    expect((await rig.server.app.store.getEvent(second.event.id))?.name).toBe('Crossed Again');
    expect([...one.errors, ...two.errors]).toEqual([]);
  });

  it('says that changes typed but not saved are lost when the event ends from elsewhere', async () => {
    const created = await createEvent(rig.server.url, { name: 'Half Typed', topics: ['Jazz'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const notice = page.locator('#notice', { hasText: 'This event has ended, so the changes were not saved' });
    await page.locator('#edit-name').fill('Half Typed, renamed');

    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await page.locator('[data-card="edit"]').waitFor({ state: 'hidden' });
    await notice.waitFor({ timeout: 5_000 });
    expect((await rig.server.app.store.getEvent(created.event.id))?.name).toBe('Half Typed');

    // With nothing typed, the end goes by without that notice.
    const untouched = await createEvent(rig.server.url, { name: 'Left Alone', topics: ['Jazz'] });
    const other = await openDashboard(rig.browser, rig.server.url, untouched);
    await request(rig.server.url).post(`/api/events/${untouched.event.id}/end`).set('authorization', `Bearer ${untouched.organiserToken}`).expect(200);
    await other.page.locator('[data-card="edit"]').waitFor({ state: 'hidden' });
    await other.page.locator('[data-control-state="ended"]').waitFor();
    expect(await other.page.locator('#notice').textContent()).not.toContain('not saved');
    expect([...errors, ...other.errors]).toEqual([]);
  });
});
