import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { launchBrowser, openPage, saveScreenshot, type TrackedPage } from '../helpers/browser';
import type { Match } from '../../shared/schemas';
import { call, connectAttendee, createEvent, joinEvent, startServer, waitFor, type AttendeeSocket, type TestServer } from '../helpers/server';

/** What a person types into the join form. */
export interface JoinDetails {
  name: string;
  /** Event topics to tap. */
  topics?: string[];
  /** Interests typed into "add your own". */
  ownInterests?: string[];
  lookFor?: string;
  solo?: boolean;
}

/**
 * Waits for the attendee page to show a screen (`data-view`), and for its controls to take taps
 * (see {@link waitForSettled}): a tap that comes next goes through at once, where Playwright would
 * retry it on its own backoff, up to half a second late and with a dozen round trips to the page.
 */
export async function waitForView(page: Page, name: string): Promise<void> {
  await page.locator(`[data-view="${name}"]`).waitFor();
  await waitForSettled(page);
}

/**
 * Waits until a new screen's controls take taps: for a moment after a screen changes they let
 * them fall through (`settle` in client/src/attendee/views/view.ts). Playwright's own taps wait
 * for that by themselves; a check of what a tap would hit needs this first.
 */
export async function waitForSettled(page: Page): Promise<void> {
  // Polled every animation frame, not on a locator's backoff (which may look again 1 s later).
  await page.waitForFunction(() => !document.querySelector('#app.settling'));
}

/**
 * From the home page, by typing the event code (in lower case, as people do) rather than by the
 * QR code, then the join form with one interest: the home page stays behind the event's page in
 * history. Ends on the idle screen.
 */
export async function joinFromHome(page: Page, code: string, name: string, interest = 'Jazz'): Promise<void> {
  await page.goto('/');
  const panel = page.locator('.panel-join');
  await panel.getByLabel('Event code').fill(code.toLowerCase());
  await panel.getByRole('button', { name: 'Join' }).tap();
  await page.waitForURL(`**/e/${code}`);
  await waitForView(page, 'join');
  await page.getByLabel('Your first name').fill(name);
  await page.locator(`[data-chips="interests"] [data-chip="${interest}"]`).tap();
  await page.getByRole('button', { name: 'Join', exact: true }).tap();
  await waitForView(page, 'idle');
}

/**
 * Deletes an event's data as the sweep does once its end plus the retention period has passed
 * (the sweep deletes every event due by then, other tests' too). Returns how many it deleted.
 */
export async function deleteEventData(server: TestServer, eventId: string): Promise<number> {
  const store = server.app.store;
  return store.sweep(store.deletesAt((await store.getEvent(eventId))!));
}

/** What a phone says of an event whose data is gone. */
export const goneWords = (code: string) => `Mingle no longer has the event ${code}: it may have finished and been deleted.`;

/** Opens the join link as a newcomer would and fills the form, without submitting it. */
export async function fillJoinForm(page: Page, code: string, d: JoinDetails): Promise<void> {
  await page.goto(`/e/${code}`);
  await waitForView(page, 'join');
  await page.getByLabel('Your first name').fill(d.name);
  for (const topic of d.topics ?? []) {
    await page.locator(`[data-chips="interests"] [data-chip="${topic}"]`).tap();
  }
  const own = page.getByLabel('Add your own interest');
  for (const interest of d.ownInterests ?? []) {
    await own.fill(interest);
    await own.press('Enter');
  }
  if (d.lookFor) await page.getByLabel('How to spot me').fill(d.lookFor);
  if (d.solo === false) await page.getByLabel("I'm here on my own").uncheck();
}

/** Taps Join and waits for the idle screen. */
export async function submitJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join', exact: true }).tap();
  await waitForView(page, 'idle');
}

export async function joinThroughForm(page: Page, code: string, d: JoinDetails): Promise<void> {
  await fillJoinForm(page, code, d);
  await submitJoin(page);
}

/** The beacon a phone's match card shows. */
export async function beaconOf(page: Page): Promise<{ emoji: string; color: string }> {
  const beacon = page.locator('[data-beacon-emoji]').first();
  return {
    emoji: (await beacon.getAttribute('data-beacon-emoji')) ?? '',
    color: (await beacon.getAttribute('data-beacon-color')) ?? '',
  };
}

export async function partnerNames(page: Page): Promise<string[]> {
  return page.locator('[data-partner-name]').allTextContents();
}

/** Two phones (`device`: by default openPage's phone) join with a shared interest, tap Find, and are matched with each other. */
export async function matchTwoPhones(
  browser: Browser,
  baseURL: string,
  code: string,
  names: [string, string],
  topic: string,
  device?: BrowserContextOptions,
): Promise<[TrackedPage, TrackedPage]> {
  const a = await openPage(browser, baseURL, device);
  const b = await openPage(browser, baseURL, device);
  await joinThroughForm(a.page, code, { name: names[0], topics: [topic] });
  await joinThroughForm(b.page, code, { name: names[1], topics: [topic] });
  for (const { page } of [a, b]) await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
  await Promise.all([waitForView(a.page, 'matched'), waitForView(b.page, 'matched')]);
  return [a, b];
}

/** As {@link matchTwoPhones}, then the first taps "We found each other": both are chatting. */
export async function meetOnTwoPhones(browser: Browser, baseURL: string, code: string, names: [string, string], topic: string, device?: BrowserContextOptions) {
  const phones = await matchTwoPhones(browser, baseURL, code, names, topic, device);
  await phones[0].page.getByRole('button', { name: 'We found each other' }).tap();
  await Promise.all(phones.map((p) => waitForView(p.page, 'chatting')));
  return phones;
}

/** The attendee token a phone keeps for an event. */
export async function tokenOf(page: Page, code: string): Promise<string> {
  const token = await page.evaluate((key) => localStorage.getItem(key), `mingle:token:${code}`);
  if (!token) throw new Error('no token on this phone');
  return token;
}

/**
 * Saves a screenshot of a whole phone screen. The viewport grows to fit the page first: a
 * full-page capture would paint the sticky action bar over the middle of a long match card.
 */
export async function saveWholeScreen(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  if (!size) throw new Error('page has no viewport');
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await saveScreenshot(page, name);
  await page.setViewportSize(size);
}

/** A server whose clock the test can move ahead, a browser, and the phones a test opened. */
export interface PhoneRig {
  server: TestServer;
  browser: Browser;
  /** Pages a test opened: after each test, none may have logged an error (see `ignore`). */
  pages: TrackedPage[];
  /** Moves the server's clock ahead (a trio's 20 s wait, a match's timeout) without waiting. */
  advance(ms: number): void;
  /** Sockets of people with no page ({@link socketPerson}): disconnected after the block. */
  sockets: AttendeeSocket[];
}

/**
 * One server and browser for a describe block, with the server's clock ahead of the real one by
 * whatever `advance` added. After each test, the pages it pushed to `pages` must have no errors
 * beyond those `ignore` lets through.
 */
export function usePhoneRig(ignore: (error: string) => boolean = () => false): PhoneRig {
  let ahead = 0;
  const rig = { pages: [] as TrackedPage[], sockets: [] as AttendeeSocket[], advance: (ms: number) => void (ahead += ms) } as PhoneRig;
  beforeAll(async () => {
    [rig.server, rig.browser] = await Promise.all([startServer({}, { now: () => Date.now() + ahead }), launchBrowser()]);
  });
  afterAll(async () => {
    rig.sockets.forEach((s) => s.disconnect());
    await rig.browser?.close();
    await rig.server?.close();
  });
  afterEach(() => {
    expect(rig.pages.flatMap((p) => p.errors).filter((e) => !ignore(e))).toEqual([]);
    rig.pages.length = 0;
  });
  return rig;
}

/**
 * `opener`, in a pair that has met, turns on "Open to one more"; a newcomer joins the event on a
 * phone of their own and taps Find, and is sent to join them. Returns the newcomer's page once
 * their card says whom to go and join.
 */
export async function sendToOpenCircle(browser: Browser, baseURL: string, code: string, opener: TrackedPage, newcomer: JoinDetails): Promise<TrackedPage> {
  await opener.page.locator('.switch', { hasText: 'Open to one more' }).tap();
  await opener.page.getByText('Someone looking may be sent to join you.').waitFor();
  const third = await openPage(browser, baseURL);
  await joinThroughForm(third.page, code, newcomer);
  await third.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
  await third.page.getByRole('heading', { name: /^Go and join / }).waitFor();
  return third;
}

/**
 * As {@link sendToOpenCircle}, then the newcomer taps "I found them": they are chatting with the
 * circle, and the opener's card no longer shows them on their way.
 */
export async function joinOpenCircle(browser: Browser, baseURL: string, code: string, opener: TrackedPage, newcomer: JoinDetails): Promise<TrackedPage> {
  const third = await sendToOpenCircle(browser, baseURL, code, opener, newcomer);
  await third.page.getByRole('button', { name: 'I found them' }).tap();
  await waitForView(third.page, 'chatting');
  await opener.page.locator('.partner', { hasText: newcomer.name }).locator('[data-partner-arriving]').waitFor({ state: 'detached' });
  return third;
}

/**
 * The page put away (a phone locked, another app, another tab) or taken out again. A headless
 * browser never hides a page, so its document says so and fires the event, as a phone's does.
 */
export async function setVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((v) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (v ? 'visible' : 'hidden') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

/**
 * Chromium's own line for a try to reach the server while the test holds the browser offline
 * (`context.setOffline`): a socket reconnecting, a fetch, a file the page or its service worker
 * loads. When a try falls in the offline stretch depends on timers, so these come and go with the
 * machine's load.
 */
const madeOffline = (e: string): boolean => e.includes('net::ERR_INTERNET_DISCONNECTED');

/** A page's errors less those of `madeOffline`. */
export function pageErrorsBesidesOffline(errors: readonly string[]): string[] {
  return errors.filter((e) => !madeOffline(e));
}

/**
 * For a rig whose test cuts a phone's link or takes it offline: Chromium's lines for a socket
 * that could not (re)connect, and `madeOffline`'s.
 */
export const linkNoise = (e: string): boolean => e.includes('WebSocket connection') || madeOffline(e);

/**
 * Offers an email address through the Keep in touch sheet, opened with `opener` (by default the
 * match card's "Keep in touch").
 */
export async function shareEmail(page: Page, email: string, opener: Locator = page.getByRole('button', { name: 'Keep in touch' })): Promise<void> {
  await opener.tap();
  const sheet = page.locator('dialog[data-sheet="keep"]');
  await sheet.getByLabel('Email', { exact: true }).fill(email);
  await sheet.getByRole('button', { name: 'Share my details' }).tap();
}

/**
 * Chromium's line for a buzz (`navigator.vibrate`) from a page nobody has touched since it opened
 * (a reload, a second phone just opened): it refuses it, as a phone's browser does.
 */
export const untouchedBuzz = (e: string): boolean => e.includes('Blocked call to navigator.vibrate');

/** Records the phone's buzzes (`navigator.vibrate`) in `window.buzzes`, from the next page it opens on. */
export async function recordBuzzes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const buzzes: unknown[] = [];
    Object.assign(window, { buzzes });
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (pattern: unknown) => buzzes.push(pattern) > 0 });
  });
}

/** The buzzes `recordBuzzes` has seen on this page, each as the pattern it was asked for. */
export const buzzesOf = (page: Page) => page.evaluate(() => (window as unknown as { buzzes: unknown[] }).buzzes);

/**
 * Someone with no page: joined by the API (into Jazz, with any more of `profile`) and connected by
 * a real socket, driven by its events. The rig disconnects it after the describe block.
 */
export async function socketPerson(rig: PhoneRig, code: string, name: string, profile: { lookFor?: string } = {}): Promise<AttendeeSocket> {
  const joined = await joinEvent(rig.server.url, code, { name, interests: ['Jazz'], ...profile });
  const socket = await connectAttendee(rig.server.url, joined.token);
  rig.sockets.push(socket);
  return socket;
}

/**
 * A new Jazz event, with Ann on a phone page chatting with Bob, a socket (Bob found Ann and
 * tapped "We found each other"). Returns the event's code, Ann's page, Bob and their match.
 */
export async function pageChattingWithSocket(rig: PhoneRig, eventName: string): Promise<{ code: string; ann: TrackedPage; bob: AttendeeSocket; match: Match }> {
  const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Jazz'] });
  const ann = await openPage(rig.browser, rig.server.url);
  rig.pages.push(ann);
  await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Jazz'] });
  const bob = await socketPerson(rig, event.code, 'Bob');
  const found = waitFor(bob, 'match:found');
  expect(await call(bob, 'match:find')).toMatchObject({ ok: true });
  await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
  const match = await found;
  expect(await call(bob, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
  await waitForView(ann.page, 'chatting');
  return { code: event.code, ann, bob, match };
}

/**
 * Once the page's service worker (`/e/sw.js` or `/organiser/sw.js`, ending `script`) has kept the
 * page and its files and controls the page: `ready` comes as the worker activates, before its
 * `clients.claim()` has run, so the controller is waited for too.
 */
export async function workerReady(page: Page, script: RegExp): Promise<void> {
  expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL ?? ''))).toMatch(script);
  await page.waitForFunction((source) => new RegExp(source).test(navigator.serviceWorker.controller?.scriptURL ?? ''), script.source);
}
