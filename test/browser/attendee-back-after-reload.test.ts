import type { Page } from 'playwright-core';
import { describeInBrowser, openPage } from '../helpers/browser';
import { call, connectAttendee, createEvent, joinEvent, waitFor, waitUntil, type AttendeeSocket } from '../helpers/server';
import { joinFromHome, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * Phones reload tabs left in the background. A reload while waiting lands on the history entry the
 * waiting screen held (pushed by the page before the reload), with the event's own entry, made by
 * that page too, below it. Back must still do what it did before the reload: cancel the wait and
 * stay on the event's page, without loading it again; the next Back leaves for where the person
 * came from, as it would have without the reload.
 */
describeInBrowser('the phone’s Back on the waiting screen, after a reload', () => {
  const rig = usePhoneRig();
  const sockets: AttendeeSocket[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  interface Phone {
    page: Page;
    code: string;
    eventId: string;
    /** How many times the page has loaded so far. */
    loads(): number;
    /** The attendee's status as the server has it. */
    status(): Promise<string | undefined>;
  }

  /** From the home page, by the code, then Find: the waiting screen is up. */
  async function waitingFromHome(eventName: string, name: string): Promise<Phone> {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: ['Jazz'] });
    const phone = await openPage(rig.browser, rig.server.url);
    rig.pages.push(phone);
    const { page } = phone;
    page.setDefaultTimeout(10_000);
    let loads = 0;
    page.on('load', () => loads++);
    await joinFromHome(page, event.code, name);
    await find(page);
    await waitForView(page, 'waiting');
    const status = async () => {
      const attendees = await rig.server.app.store.listAttendees(event.id);
      return attendees.find((a) => a.name === name)?.status;
    };
    await waitUntil(async () => (await status()) === 'looking');
    return { page, code: event.code, eventId: event.id, loads: () => loads, status };
  }

  const find = (page: Page) => page.getByRole('button', { name: 'Find someone to chat to' }).tap();

  /** Reloads and waits for the waiting screen, as someone would before pressing Back: one load. */
  async function reloadWhileWaiting(phone: Phone): Promise<void> {
    const before = phone.loads();
    await phone.page.reload();
    await waitForView(phone.page, 'waiting');
    expect(phone.loads()).toBe(before + 1);
  }

  /** Back cancels the wait: the event's own screen, the server has her idle, and no page load. */
  async function backCancels(phone: Phone): Promise<void> {
    const { page } = phone;
    const loads = phone.loads();
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.goBack();
    await waitForView(page, 'idle');
    await page.getByRole('button', { name: 'Find someone to chat to' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/e/${phone.code}`);
    await waitUntil(async () => (await phone.status()) === 'idle');
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(phone.loads()).toBe(loads);
  }

  it('cancels the wait on the first Back, with no page load; the second Back leaves for the home page', async () => {
    const phone = await waitingFromHome('Reload Then Back', 'Ann');
    await reloadWhileWaiting(phone);
    await backCancels(phone);
    // The page's own accounting is still right: a new wait is cancelled by Back as before.
    await find(phone.page);
    await waitForView(phone.page, 'waiting');
    await backCancels(phone);
    await phone.page.goBack();
    await phone.page.waitForURL((url) => url.pathname === '/');
  });

  it('does the same after two reloads in a row', async () => {
    const phone = await waitingFromHome('Reload Twice Then Back', 'Bo');
    await reloadWhileWaiting(phone);
    await reloadWhileWaiting(phone);
    await backCancels(phone);
    await phone.page.goBack();
    await phone.page.waitForURL((url) => url.pathname === '/');
  });

  it('matched after the reload, Back cancels nothing and leaves no entry behind: it leaves for the home page', async () => {
    const phone = await waitingFromHome('Reload Then Matched', 'Cy');
    await reloadWhileWaiting(phone);

    const dee = await joinEvent(rig.server.url, phone.code, { name: 'Dee', interests: ['Jazz'] });
    const socket = await connectAttendee(rig.server.url, dee.token);
    sockets.push(socket);
    const found = waitFor(socket, 'match:found');
    expect(await call(socket, 'match:find')).toMatchObject({ ok: true });
    await found;
    await waitForView(phone.page, 'matched');
    await phone.page.waitForFunction(() => !(history.state as Record<string, unknown> | null)?.mingleLayer);

    await phone.page.goBack();
    await phone.page.waitForURL((url) => url.pathname === '/');
    expect(await phone.status()).toBe('matched');
  });
});
