import request from 'supertest';
import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { confirmWith, dashboardReady, openDashboard, organiserLink, simulateAttendee, useDashboardRig, waitForStat } from './organiser-steps';
import { joinThroughForm, pageErrorsBesidesOffline, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser('organiser controls reach the phones', () => {
  const { rig, attendees } = useDashboardRig();

  it('pauses and resumes matching, and announces, to a phone', async () => {
    const created = await createEvent(rig.server.url, { name: 'Talk Night', topics: ['Jazz'] });
    const dash = await openDashboard(rig.browser, rig.server.url, created);
    const phone = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(phone.page, created.event.code, { name: 'Eve', topics: ['Jazz'] });
    const paused = phone.page.getByText('Matching is paused, back soon');

    await dash.page.getByRole('button', { name: 'Pause matching' }).click();
    await paused.waitFor();
    await dash.page.locator('#event-status[data-status="paused"]').waitFor();
    // The phone still lets Eve get in the queue, and says she is matched once it resumes.
    await phone.page.getByText("you'll be matched when it resumes").waitFor();
    expect(await phone.page.getByRole('button', { name: 'Find someone to chat to' }).isEnabled()).toBe(true);

    await dash.page.getByRole('button', { name: 'Resume matching' }).click();
    await paused.waitFor({ state: 'detached' });
    await dash.page.locator('#event-status[data-status="open"]').waitFor();

    const message = 'Talks start in 5 minutes in the main hall — grab a seat!';
    const box = dash.page.getByLabel('Message');
    await box.fill(message);
    expect(await dash.page.locator('#announce-count').textContent()).toBe(`${message.length} / 280`);
    // The box stops at 280 (counted in code points, as the server does: see client-limits).
    await box.fill('x'.repeat(300));
    expect(await box.inputValue()).toHaveLength(280);
    await box.fill(message);
    await dash.page.getByRole('button', { name: 'Send to every phone' }).click();
    const banner = phone.page.locator('[data-announcement]');
    await banner.getByText(message).waitFor();
    await dash.page.getByText(`“${message}”`).waitFor();
    expect(await box.inputValue()).toBe('');

    await phone.page.getByRole('button', { name: 'Dismiss announcement' }).tap();
    await banner.waitFor({ state: 'detached' });
    expect([...dash.errors, ...phone.errors]).toEqual([]);
  });

  it('shows what was last sent on every dashboard of the event, and after a reload', async () => {
    const created = await createEvent(rig.server.url, { name: 'Two Hosts Talk', topics: ['Jazz'] });
    const [one, two] = [await openDashboard(rig.browser, rig.server.url, created), await openDashboard(rig.browser, rig.server.url, created)];
    const lastOn = (page: Page) => page.locator('[data-announce-last]');
    expect(await lastOn(two.page).isHidden()).toBe(true);

    await one.page.getByLabel('Message').fill('Pizza is here at the bar!');
    await one.page.getByRole('button', { name: 'Send to every phone' }).click();
    await one.page.locator('.announce-sent', { hasText: '“Pizza is here at the bar!”' }).waitFor();
    // The other host sees it went out, with when; the sender's own "✓ Sent" line says it already.
    await lastOn(two.page).getByText(/^Last sent \d\d:\d\d: “Pizza is here at the bar!”$/).waitFor();
    expect(await lastOn(one.page).isHidden()).toBe(true);
    // The other host sends the same words again: the first one's "✓ Sent" is no longer the latest.
    await two.page.getByLabel('Message').fill('Pizza is here at the bar!');
    await two.page.getByRole('button', { name: 'Send to every phone' }).click();
    await two.page.locator('.announce-sent', { hasText: '“Pizza is here at the bar!”' }).waitFor();
    await lastOn(one.page).getByText('“Pizza is here at the bar!”').waitFor();
    await lastOn(two.page).waitFor({ state: 'hidden' });

    await one.page.reload();
    await dashboardReady(one.page, 'Two Hosts Talk');
    await lastOn(one.page).getByText('“Pizza is here at the bar!”').waitFor();

    // Taken down from one dashboard: off the phone showing it, and off both dashboards.
    const phone = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(phone.page, created.event.code, { name: 'Eve', topics: ['Jazz'] });
    const banner = phone.page.locator('[data-announcement]');
    await banner.getByText('Pizza is here at the bar!').waitFor();
    await two.page.getByRole('button', { name: 'Take it down from the phones' }).click();
    await two.page.locator('.announce-result', { hasText: '✓ Taken down: phones no longer show it.' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    for (const { page } of [one, two]) {
      await lastOn(page).waitFor({ state: 'hidden' });
      expect(await page.getByRole('button', { name: 'Take it down from the phones' }).count()).toBe(0);
    }
    expect([...one.errors, ...two.errors, ...phone.errors]).toEqual([]);
  });

  it('edits topics and spots, and removes someone after asking', async () => {
    const created = await createEvent(rig.server.url, { name: 'Edit Night', topics: ['Jazz', 'Chess'], spots: ['By the bar'] });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);

    const editor = page.locator('[data-card="edit"]');
    await editor.locator('[data-chips="edit-topics"] [data-chip="Chess"]').click();
    await page.getByLabel('Add a topic').fill('Go');
    await page.getByLabel('Add a topic').press('Enter');
    await page.getByLabel('Add a meeting spot').fill('Under the clock');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByText('✓ Saved').waitFor();
    const { body } = await request(rig.server.url).get(`/api/events/${created.event.code}`).expect(200);
    expect(body.event).toMatchObject({ topics: ['Jazz', 'Go'], spots: ['By the bar', 'Under the clock'] });

    const troll = await simulateAttendee(rig.server.url, created.event.code, { name: 'Trolly', interests: ['Jazz'] });
    attendees.push(troll);
    expect(await call(troll.socket, 'match:find')).toMatchObject({ ok: true });
    const row = page.locator(`[data-attendee-id="${troll.id}"]`);
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.locator('dialog[open]').getByText('Remove Trolly?').waitFor();
    await confirmWith(page, 'Cancel'); // second thoughts: nothing happens
    expect(await row.isVisible()).toBe(true);

    const gone = new Promise((resolve) => troll.socket.once('disconnect', resolve));
    await row.getByRole('button', { name: 'Remove' }).click();
    await confirmWith(page, 'Remove');
    await gone;
    await waitForStat(page, 'attendees', '0');
    await row.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('ends the event after asking; the phone thanks them and names who they met', async () => {
    const created = await createEvent(rig.server.url, { name: 'Last Call', topics: ['Jazz'] });
    const dash = await openDashboard(rig.browser, rig.server.url, created);
    const phone = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(phone.page, created.event.code, { name: 'Ann', topics: ['Jazz'] });
    const bob = await simulateAttendee(rig.server.url, created.event.code, { name: 'Bob', interests: ['Jazz'] });
    attendees.push(bob);

    const found = waitFor(bob.socket, 'match:found');
    expect(await call(bob.socket, 'match:find')).toMatchObject({ ok: true });
    await phone.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await found;
    await waitForView(phone.page, 'matched');
    await phone.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(phone.page, 'chatting');
    await waitForStat(dash.page, 'met', '1');

    await dash.page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(dash.page, 'End event');
    await dash.page.locator('#event-status[data-status="ended"]').waitFor();
    // Nothing left to pause or end: the buttons go (organiser-ended.test.ts has the rest).
    await dash.page.locator('[data-control="toggle"]').waitFor({ state: 'hidden' });
    // When the data goes, so the organiser can download what they need first.
    await dash.page.locator('[data-control-state="ended"]', { hasText: /stay here until .+, when everything about the event is deleted/ }).waitFor();

    // The chat under way carries on, as the confirm said; the thank-you comes once Ann is done.
    await phone.page.locator('#notice').getByText('Last Call has wrapped up: no new matches from here, but yours carries on.').waitFor();
    await phone.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(phone.page, 'ended');
    await phone.page.getByRole('heading', { name: 'Thanks for coming! 🎉' }).waitFor();
    await phone.page.getByText(/^You met 1 person (tonight|today)$/).waitFor();
    await phone.page.locator('[data-met] [data-person-name]', { hasText: 'Bob' }).waitFor();
    await phone.page.locator('[data-met] .chip', { hasText: 'Jazz' }).waitFor();
    expect([...dash.errors, ...phone.errors, ...dash.dialogs, ...phone.dialogs]).toEqual([]);
  });

  it('clears "Not connected" under the controls once the dashboard is back online', async () => {
    const created = await createEvent(rig.server.url, { name: 'Flaky Wi-Fi Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const error = page.locator('[data-card="matching"] [role="alert"]');

    await page.context().setOffline(true);
    await page.locator('#connection[data-connection="offline"]').waitFor();
    await page.getByRole('button', { name: 'Pause matching' }).click();
    await error.getByText('Not connected to Mingle right now. Try again in a moment.').waitFor();

    // Nothing else is pressed: the connection coming back is what clears it.
    await page.context().setOffline(false);
    await page.locator('#connection[data-connection="online"]').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-card="matching"] [role="alert"]')?.textContent === '');
    expect(await error.isVisible()).toBe(false);
    expect(await page.locator('#event-status').getAttribute('data-status')).toBe('open');
    expect(pageErrorsBesidesOffline(errors)).toEqual([]);
  });

  it('will not send an announcement of only invisible characters, and sends one tidied as the server keeps it', async () => {
    const created = await createEvent(rig.server.url, { name: 'Invisible Ink Night' });
    const eve = await simulateAttendee(rig.server.url, created.event.code, { name: 'Eve' });
    attendees.push(eve);
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    // Every announcement the dashboard puts on the wire, however it was sent.
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => void (String(f.payload).includes('event:announce') && sent.push(String(f.payload)))));
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    const box = page.getByLabel('Message');
    const send = page.getByRole('button', { name: 'Send to every phone' });

    await box.fill('\u200b\u200b \u2060\ufeff');
    expect(await send.isDisabled()).toBe(true);
    // Enter in the form (as a keyboard might submit it) sends nothing either.
    await page.locator('form.announce').evaluate((form: HTMLFormElement) => form.requestSubmit());

    const heard = waitFor(eve.socket, 'event:announcement');
    // Line breaks stay (a run of blank lines as one), as the phones lay the message out.
    await box.fill('\u200bBar  opens\u200b now \n\n\n Pizza at 8 ');
    await send.click();
    expect((await heard).message).toBe('Bar opens now\n\nPizza at 8');
    await page.locator('.announce-sent', { hasText: 'Pizza at 8”' }).waitFor();
    expect(sent).toHaveLength(1);
    expect(await page.locator('[data-card="announce"] [role="alert"]').textContent()).toBe('');
    expect(errors).toEqual([]);
  });

  it('says when an ended event is deleted in the 24-hour time the charts use, with the day unless it is today', async () => {
    const created = await createEvent(rig.server.url, { name: 'Clockwork Night' });
    const auth = { authorization: `Bearer ${created.organiserToken}` };
    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set(auth).expect(200);
    const { body } = await request(rig.server.url).get(`/api/events/${created.event.id}/stats`).set(auth).expect(200);
    const deletesAt: string = body.deletesAt;
    const ended = async (page: Page) => {
      await page.goto(organiserLink(created));
      await dashboardReady(page, created.event.name);
      const text = (await page.locator('[data-control-state="ended"]').textContent()) ?? '';
      // The laptop's own wall-clock time for it, as the per-minute chart writes times.
      const hhmm = await page.evaluate((iso) => new Date(iso).toTimeString().slice(0, 5), deletesAt);
      expect(text).not.toMatch(/AM|PM/);
      return { text, hhmm };
    };

    // Kept for a day (RETENTION_HOURS): tomorrow, so the day is named.
    const later = await ended((await openPage(rig.browser, rig.server.url, LAPTOP)).page);
    expect(later.text).toContain(`stay here until `);
    expect(later.text).toMatch(new RegExp(`until [A-Z][a-z]{2} \\d{1,2} [A-Z][a-z]{2}, ${later.hhmm}, when everything`));

    // On the day itself, the time alone.
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.clock.setFixedTime(new Date(deletesAt));
    const today = await ended(page);
    expect(today.text).toContain(`until ${today.hhmm}, when everything`);
    expect(errors).toEqual([]);
  });

  it('ending says when the data goes only once figures worked out after the end say so, never the time from before it', async () => {
    const created = await createEvent(rig.server.url, { name: 'Straight Answer Night' });
    const auth = { authorization: `Bearer ${created.organiserToken}` };
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    // From the moment End is sent, the figures are held back, as on a slow link or for a big
    // event, whose figures come less often: the end's answer is in well before them.
    let hold = false;
    const held: (() => void)[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (String(message).includes('"event:end"')) hold = true;
        server.send(message);
      });
      server.onMessage((message) => {
        if (hold && String(message).startsWith('42/organiser,["stats"')) held.push(() => ws.send(message));
        else ws.send(message);
      });
    });
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    const state = page.locator('[data-control-state]');
    // While open, the data goes a day after the event counts as ending: a day after it was created.
    await state.getByText('Matching is on.').waitFor();
    expect(await page.locator('[data-planned-end]').textContent()).toMatch(/^No planned end: everything about the event is deleted at /);

    await page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(page, 'End event');
    await page.locator('[data-control-state="ended"]').waitFor();
    // Where the focus goes, so what a screen reader reads: true, without a time it does not know.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.controlState)).toBe('ended');
    expect(await state.textContent()).toBe('This event has ended. Phones show a thank-you; the numbers and exports stay here.');

    held.splice(0).forEach((send) => send());
    hold = false;
    const { body } = await request(rig.server.url).get(`/api/events/${created.event.id}/stats`).set(auth).expect(200);
    const hhmm = await page.evaluate((iso) => new Date(iso).toTimeString().slice(0, 5), body.deletesAt as string);
    await state.getByText(new RegExp(`stay here until (.+, )?${hhmm}, when everything about the event is deleted`)).waitFor();
    expect(errors).toEqual([]);
  });
});
