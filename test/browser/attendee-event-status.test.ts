import { createEvent } from '../helpers/server';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { fillJoinForm, joinOpenCircle, joinThroughForm, matchTwoPhones, meetOnTwoPhones, waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser('attendee page follows the event and the connection', () => {
  const rig = useServerAndBrowser();

  it('shows a paused event, then an ended one', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Pause Party' });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, event.code, { name: 'Eve', ownInterests: ['Jazz'] });
    const find = page.getByRole('button', { name: 'Find someone to chat to' });

    await rig.server.app.services.events.setStatus(event.id, 'paused');
    await page.getByText('Matching is paused, back soon').waitFor();
    // The server keeps a find made during a pause, so the button stays, and says what it does.
    expect(await find.isEnabled()).toBe(true);
    await page.getByText("Tap to get in the queue; you'll be matched when it resumes.").waitFor();

    // The resume only takes the banner away: a screen reader is told, out of sight.
    const news = page.locator('#room-news');
    expect(await news.textContent()).toBe('');
    await rig.server.app.services.events.setStatus(event.id, 'open');
    await page.getByText('Matching is paused, back soon').waitFor({ state: 'detached' });
    expect(await find.isEnabled()).toBe(true);
    await page.getByRole('status').filter({ hasText: /^Matching is back on\.$/ }).waitFor();

    await rig.server.app.services.events.setStatus(event.id, 'ended');
    await waitForView(page, 'ended');
    // Not left there to be found on the thank-you screen.
    await news.filter({ hasText: /^$/ }).waitFor();
    await page.getByText('Pause Party has wrapped up').waitFor();
    // Eve met nobody: the thank-you says so in its own words, not People I met's "Nobody yet".
    const met = page.locator('[data-met]');
    await met.getByText("You didn't meet anyone through Mingle this time.").waitFor();
    expect(await met.textContent()).not.toContain('Nobody yet');

    // A newcomer to an ended event gets the thank-you, not a form that cannot work.
    const late = await openPage(rig.browser, rig.server.url);
    await late.page.goto(`/e/${event.code}`);
    await waitForView(late.page, 'ended');
    expect([...errors, ...late.errors]).toEqual([]);
  });

  it('keeps the card of a pair still walking to each other when the event ends; the thank-you comes once they are done', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Last Orders', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    await rig.server.app.services.events.setStatus(event.id, 'ended');
    // Each phone learns of the end, and still says whom to meet: conversations under way carry on.
    for (const { page } of [ann, bob]) {
      await page.locator('#notice').getByText('Last Orders has wrapped up: no new matches from here, but yours carries on.').waitFor();
      await page.locator('[data-partner-name]').first().waitFor();
    }
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await Promise.all([ann, bob].map(({ page }) => waitForView(page, 'chatting')));
    await bob.page.getByRole('button', { name: 'Done chatting' }).tap();
    await Promise.all([ann, bob].map(({ page }) => waitForView(page, 'ended')));
    await ann.page.locator('[data-met]').getByText('Bob').waitFor();
    await bob.page.locator('[data-met]').getByText('Ann').waitFor();
    // What the notice said held while the match lasted; the thank-you has no use for it.
    for (const { page } of [ann, bob]) await page.locator('#notice').getByText(/has wrapped up/).waitFor({ state: 'detached' });
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('after the end, a chat under way carries on with "Done chatting", and offers nobody new: no "Find someone new", no "Open to one more"', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Chatty Close', topics: ['Jazz'] });
    const [cat, dan] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Cat', 'Dan'], 'Jazz');
    for (const { page } of [cat, dan]) {
      await page.getByRole('button', { name: 'Find someone new' }).waitFor();
      await page.locator('.switch', { hasText: 'Open to one more' }).waitFor();
    }
    await rig.server.app.services.events.setStatus(event.id, 'ended');
    for (const { page } of [cat, dan]) {
      await page.locator('#notice').getByText(/has wrapped up/).waitFor();
      await page.getByRole('button', { name: 'Find someone new' }).waitFor({ state: 'detached' });
      await waitForView(page, 'chatting');
      expect(await page.getByText('Open to one more').count()).toBe(0);
      expect(await page.getByText('Someone looking may be sent to join you.').count()).toBe(0);
      await page.getByRole('button', { name: 'Done chatting' }).waitFor();
    }
    await cat.page.getByRole('button', { name: 'Done chatting' }).tap();
    await Promise.all([cat, dan].map(({ page }) => waitForView(page, 'ended')));
    expect([...cat.errors, ...dan.errors]).toEqual([]);
  });

  it('after the end, a group that breaks up leaves its last words off the thank-you screen', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Closing Circle', topics: ['Jazz'] });
    const [dee, eve] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Dee', 'Eve'], 'Jazz');
    const fay = await joinOpenCircle(rig.browser, rig.server.url, event.code, dee, { name: 'Fay', topics: ['Jazz'] });
    await rig.server.app.services.events.setStatus(event.id, 'ended');
    await dee.page.locator('#notice').getByText(/has wrapped up/).waitFor();
    await fay.page.getByRole('button', { name: 'Done chatting' }).tap();
    await dee.page.locator('#notice').getByText('Fay has moved on.').waitFor();
    await eve.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(dee.page, 'ended');
    await dee.page.locator('[data-met]').getByText('Fay').waitFor();
    // Neither the last departure but one, nor "Ready for someone new?" with no Find to tap.
    await dee.page.locator('#notice').getByText('Fay has moved on.').waitFor({ state: 'detached' });
    expect(await dee.page.getByText('Ready for someone new?').count()).toBe(0);
    expect([...dee.errors, ...eve.errors, ...fay.errors]).toEqual([]);
  });

  it('lets someone get in the queue while matching is paused, and matches them when it resumes', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Half Time', topics: ['Jazz'] });
    const [ida, jay] = await Promise.all([openPage(rig.browser, rig.server.url), openPage(rig.browser, rig.server.url)]);
    for (const [{ page }, name] of [[ida, 'Ida'], [jay, 'Jay']] as const) await joinThroughForm(page, event.code, { name, topics: ['Jazz'] });
    await rig.server.app.services.events.setStatus(event.id, 'paused');
    for (const { page } of [ida, jay]) {
      await page.getByText("Tap to get in the queue; you'll be matched when it resumes.").waitFor();
      await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
      await page.getByText("Matching is paused, back soon. You'll keep your place.").waitFor();
    }
    await rig.server.app.services.events.setStatus(event.id, 'open');
    await Promise.all([waitForView(ida.page, 'matched'), waitForView(jay.page, 'matched')]);
    expect([...ida.errors, ...jay.errors]).toEqual([]);
  });

  it('promises no match while paused: the waiting screen drops its promise of a match and the wait hint', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Intermission' });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, event.code, { name: 'Hal', ownInterests: ['Jazz'] });
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    await page.getByText("Nobody's free to pair with you just now.").waitFor();

    await rig.server.app.services.events.setStatus(event.id, 'paused');
    await page.getByText("Matching is paused, back soon. You'll keep your place.").waitFor();
    await waitForView(page, 'waiting');
    expect((await page.locator('.waiting-status').textContent())?.trim()).toBe('');

    await rig.server.app.services.events.setStatus(event.id, 'open');
    await page.getByText("Nobody's free to pair with you just now.").waitFor();
    await page.getByRole('status').filter({ hasText: "Matching is back on. We're looking for someone for you." }).waitFor();
    expect(errors).toEqual([]);
  });

  it('shows the thank-you screen, not a live form, when the event ended while someone was typing', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Last Orders' });
    const { page } = await openPage(rig.browser, rig.server.url);
    await fillJoinForm(page, event.code, { name: 'Gus' });
    await rig.server.app.services.events.setStatus(event.id, 'ended'); // while Gus was typing

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'ended');
  });

  it('shows Reconnecting… while the socket is down, then renders the state it missed', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Flaky Wi-Fi Meetup' });
    const { page } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, event.code, { name: 'Fay', ownInterests: ['Radio'] });
    const bar = page.getByText('Reconnecting…');

    // Drop every attendee's connection (as a Wi-Fi blip would); the page reconnects by itself.
    for (const socket of rig.server.app.io.of('/attendee').sockets.values()) socket.conn.close();
    await rig.server.app.services.events.setStatus(event.id, 'paused');
    await bar.waitFor();
    await bar.waitFor({ state: 'hidden' });
    await page.getByText('Matching is paused, back soon').waitFor();
    await waitForView(page, 'idle');
  });

  it('says so at once when the phone goes offline, and reconnects as soon as it is back', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Basement Bar' });
    // On "localhost" engine.io-client ignores the browser's 'offline' event (it does heed it on
    // other hosts), so a dead link would show only at the next missed heartbeat, ~45 s later:
    // there the page's own listening is all there is.
    const { page, errors } = await openPage(rig.browser, rig.server.url.replace('127.0.0.1', 'localhost'));
    await joinThroughForm(page, event.code, { name: 'Ola', ownInterests: ['Radio'] });
    const bar = page.getByText('Reconnecting…');

    // The link is really up here, so only the 'offline' event can show the bar; it goes again
    // once the socket is back.
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await bar.waitFor({ timeout: 1_000 });
    await bar.waitFor({ state: 'hidden' });

    // Really offline, then back.
    await page.context().setOffline(true);
    await bar.waitFor({ timeout: 3_000 });
    await rig.server.app.services.events.setStatus(event.id, 'paused'); // missed while away
    // And alone it would come back only at its next backoff step.
    await page.context().setOffline(false);
    await bar.waitFor({ state: 'hidden', timeout: 3_000 });
    await page.getByText('Matching is paused, back soon').waitFor();
    // Chromium logs each connection attempt refused while offline.
    expect(errors.filter((e) => !e.includes('WebSocket connection'))).toEqual([]);
  });
});
