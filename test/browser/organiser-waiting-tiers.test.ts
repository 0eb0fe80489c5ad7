import type { Browser, Page } from 'playwright-core';
import type { CreateEventResponse } from '../../shared/schemas';
import { describeInBrowser, LAPTOP, launchBrowser, openPage, type TrackedPage } from '../helpers/browser';
import { call, createEvent, startServerOnClock, type TestServer } from '../helpers/server';
import { fakeClock } from './organiser-scene';
import { dashboardReady, organiserLink, simulateAttendee, type SimulatedAttendee } from './organiser-steps';

jest.setTimeout(30_000);

/**
 * In a busy room "Waiting longest" was mostly people who had waited a few seconds and would be
 * matched a few seconds later, so a host could not tell who needed them. Now those who only just
 * started are quiet and say "Just started", those past 90 s are amber and say "Long wait", and
 * when nobody has waited 30 s the card says so. The server's clock is the test's, so each wait is
 * exact; matching is stopped, so everyone stays in the queue.
 */
describeInBrowser('"Waiting longest" tells a host who needs them', () => {
  const clock = fakeClock(Date.now());
  const people: SimulatedAttendee[] = [];
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerOnClock(clock.now), launchBrowser()]);
  });
  afterAll(async () => {
    people.forEach((p) => p.socket.disconnect());
    await browser?.close();
    await server?.close();
  });

  /** Each of `waits` (name, ms) taps Find that long before now; then the dashboard opens. */
  async function waiting(created: CreateEventResponse, waits: [string, number][]): Promise<TrackedPage> {
    const now = clock.now();
    const here: SimulatedAttendee[] = [];
    for (const [name, ms] of waits) {
      clock.set(now - ms);
      const person = await simulateAttendee(server.url, created.event.code, { name, lookFor: `${name}'s hat` });
      here.push(person);
      expect(await call(person.socket, 'match:find')).toMatchObject({ ok: true });
    }
    clock.set(now);
    people.push(...here);
    // Their phones are open now, as the presence refresher would vouch.
    await server.app.store.touchOnline(created.event.id, here.map((p) => p.id), now);
    const tracked = await openPage(browser, server.url, LAPTOP);
    // Playwright's clock, running as the real one until a test moves it on.
    await tracked.page.clock.install();
    await tracked.page.goto(organiserLink(created));
    await dashboardReady(tracked.page, created.event.name);
    return tracked;
  }

  const row = (page: Page, name: string) => page.locator('.waiting-row', { has: page.locator('[data-waiting-name]', { hasText: name }) });
  const flag = (page: Page, name: string) => row(page, name).locator('.waiting-flag').textContent();

  it('quiet for a wait under 30 s, plain past it, amber past 90 s; each in words too', async () => {
    clock.set(Date.now());
    const created = await createEvent(server.url, { name: 'Busy Bar Night' });
    const { page, errors } = await waiting(created, [
      ['Ann', 100_000],
      ['Bob', 40_000],
      ['Cy', 5_000],
    ]);
    await row(page, 'Cy').waitFor();
    expect(await page.locator('[data-waiting-name]').allTextContents()).toEqual(['Ann', 'Bob', 'Cy']);
    expect(await row(page, 'Ann').getAttribute('class')).toMatch(/waiting-long/);
    expect(await flag(page, 'Ann')).toBe('Long wait');
    expect(await row(page, 'Bob').getAttribute('class')).not.toMatch(/waiting-(long|short)/);
    expect(await flag(page, 'Bob')).toBe('');
    expect(await row(page, 'Cy').getAttribute('class')).toMatch(/waiting-short/);
    expect(await flag(page, 'Cy')).toBe('Just started');
    // Quiet, but just as readable: the muted colour, not a fade.
    expect(await row(page, 'Cy').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    expect(await page.locator('[data-waiting-calm]').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says nobody has waited more than 30 seconds while that holds, and stops once someone has', async () => {
    clock.set(Date.now());
    const created = await createEvent(server.url, { name: 'Quick Matches Night' });
    const { page, errors } = await waiting(created, [
      ['Dee', 12_000],
      ['Eli', 2_000],
    ]);
    const calm = page.locator('[data-waiting-calm]');
    await calm.getByText('Nobody has waited more than 30 seconds: they are usually matched in moments.').waitFor();
    // Not while matching is paused: then nobody is matched, however short their wait.
    await server.app.services.organisers.setStatus(created.event.id, 'paused');
    await calm.getByText('Nobody has waited more than 30 seconds: matching is paused, so nobody is matched until you resume it.').waitFor();
    await server.app.services.organisers.setStatus(created.event.id, 'open');
    await calm.getByText('they are usually matched in moments').waitFor();
    expect(await flag(page, 'Dee')).toBe('Just started');
    expect(await flag(page, 'Eli')).toBe('Just started');

    // Dee's clock ticks past 30 s with no new figures: the card changes by itself.
    await page.clock.fastForward(18_000);
    await calm.waitFor({ state: 'hidden' });
    expect(await flag(page, 'Dee')).toBe('');
    expect(await row(page, 'Dee').getAttribute('class')).not.toMatch(/waiting-short/);
    expect(await flag(page, 'Eli')).toBe('Just started');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('flags no long wait while matching is paused: nobody is matched then, so waiting is no problem', async () => {
    clock.set(Date.now());
    const created = await createEvent(server.url, { name: 'Paused Quiz Night' });
    await server.app.services.organisers.setStatus(created.event.id, 'paused');
    const { page, errors } = await waiting(created, [
      ['Fay', 100_000],
      ['Gus', 60_000],
    ]);
    await row(page, 'Gus').waitFor();
    expect(await row(page, 'Fay').getAttribute('class')).not.toMatch(/waiting-long/);
    expect(await flag(page, 'Fay')).toBe('');
    const calm = page.locator('[data-waiting-calm]');
    expect(await calm.textContent()).toBe(
      'These waits are to be expected: matching is paused, so nobody is matched until you resume it. Their clocks stand still until then.',
    );
    // Nobody's wait grows while nobody can be matched: the clocks stand still, and stay short of amber.
    await page.clock.fastForward(40_000);
    expect(await row(page, 'Gus').locator('.waiting-time').textContent()).toBe('1:00');
    expect(await row(page, 'Fay').locator('.waiting-time').textContent()).toBe('1:40');
    expect(await page.locator('.waiting-long').count()).toBe(0);
    expect(await row(page, 'Gus').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      await row(page, 'Fay').evaluate((el) => getComputedStyle(el).backgroundColor),
    );

    // Resumed: people are matched again, and someone still waiting after all that needs a host.
    await server.app.services.organisers.setStatus(created.event.id, 'open');
    await row(page, 'Fay').and(page.locator('.waiting-long')).waitFor();
    expect(await flag(page, 'Fay')).toBe('Long wait');
    await calm.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('counts no pause in a wait: after a ten-minute pause nobody turns amber for it', async () => {
    clock.set(Date.now());
    const created = await createEvent(server.url, { name: 'Keynote Night' });
    const { page, errors } = await waiting(created, [['Hal', 60_000]]);
    await row(page, 'Hal').waitFor();
    const paused = clock.now();
    await server.app.services.organisers.setStatus(created.event.id, 'paused');
    const calm = page.locator('[data-waiting-calm]');
    await calm.getByText('Their clocks stand still until then.').waitFor();
    // Ten minutes of keynote, on the server's clock and the page's.
    clock.set(paused + 600_000);
    await page.clock.fastForward(600_000);
    expect(await row(page, 'Hal').locator('.waiting-time').textContent()).toBe('1:00');
    await server.app.services.organisers.setStatus(created.event.id, 'open');
    // The clock runs again as soon as the page hears of the resume, figures or not.
    await calm.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('.waiting-row .waiting-time')?.textContent !== '1:00');
    // Ivy taps Find after it: once she is listed, the figures are from after the resume, and
    // Hal's wait there is the minute he could have been matched in, not eleven.
    const ivy = await simulateAttendee(server.url, created.event.code, { name: 'Ivy', lookFor: "Ivy's hat" });
    people.push(ivy);
    expect(await call(ivy.socket, 'match:find')).toMatchObject({ ok: true });
    await server.app.store.touchOnline(created.event.id, [ivy.id], clock.now());
    await row(page, 'Ivy').waitFor();
    expect(await row(page, 'Hal').locator('.waiting-time').textContent()).toMatch(/^1:0\d$/);
    expect(await flag(page, 'Hal')).toBe('');
    expect(await page.locator('.waiting-long').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('stops the clocks when it hears of a pause, and starts them when it hears of the resume, before any new figures', async () => {
    clock.set(Date.now());
    const created = await createEvent(server.url, { name: 'Big Expo Night' });
    const { page, errors } = await waiting(created, [['Jo', 40_000]]);
    await row(page, 'Jo').waitFor();
    // A big event's figures come every few seconds at most: here, none more at all.
    server.app.statsPusher.stop();
    try {
      const seconds = async () => {
        const [m, s] = (await row(page, 'Jo').locator('.waiting-time').textContent())!.split(':').map(Number);
        return m! * 60 + s!;
      };
      await server.app.services.organisers.setStatus(created.event.id, 'paused');
      const calm = page.locator('[data-waiting-calm]');
      await calm.getByText('Their clocks stand still until then.').waitFor();
      const stood = await seconds();
      // 20 s: well inside Socket.IO's heartbeat, whose timeout would reconnect, and bring figures.
      await page.clock.fastForward(20_000);
      expect(await seconds()).toBe(stood);
      await server.app.services.organisers.setStatus(created.event.id, 'open');
      await calm.waitFor({ state: 'hidden' });
      await page.clock.fastForward(10_000);
      expect(await seconds()).toBeGreaterThanOrEqual(stood + 10);
      expect(await seconds()).toBeLessThan(stood + 13);
      expect(errors).toEqual([]);
    } finally {
      server.app.statsPusher.start();
    }
    await page.context().close();
  });
});
