import type { Browser, Page } from 'playwright-core';
import type { CreateEventResponse, JoinBody, Stats } from '../../shared/schemas';
import { LAPTOP, openPage, useServerAndBrowser, type BrowserRig, type TrackedPage } from '../helpers/browser';
import { connectAttendee, joinEvent, type AttendeeSocket } from '../helpers/server';

/** The organiser's private link, as the home page shows it: the dashboard with `#token=`. */
export function organiserLink(created: CreateEventResponse): string {
  return `${new URL(created.dashboardUrl).pathname}#token=${encodeURIComponent(created.organiserToken)}`;
}

/** Opens the dashboard on a laptop through the organiser link and waits for the event to show. */
export async function openDashboard(browser: Browser, baseURL: string, created: CreateEventResponse): Promise<TrackedPage> {
  const tracked = await openPage(browser, baseURL, LAPTOP);
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  return tracked;
}

/** Waits until the dashboard is live: connected, the event named in the bar, figures in. */
export async function dashboardReady(page: Page, eventName: string): Promise<void> {
  await page.locator('#connection[data-connection="online"]').waitFor();
  await page.locator('#event-title', { hasText: eventName }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-stat="attendees"]')?.textContent !== '–');
}

/** Waits until a big number (`data-stat`) reads `value`, however many pushes that takes. */
export async function waitForStat(page: Page, stat: string, value: string): Promise<void> {
  await page.waitForFunction(
    ([name, want]) => document.querySelector(`[data-stat="${name}"]`)?.textContent === want,
    [stat, value] as const,
  );
}

/** Clicks a button in the dashboard's confirmation dialog, and waits until the page has taken the answer. */
export async function confirmWith(page: Page, label: string): Promise<void> {
  const dialog = await page.locator('dialog[open]').elementHandle();
  await page.locator('dialog[open]').getByRole('button', { name: label, exact: true }).click();
  // Until the dialog is off the page, not only closed: the dialog loses `open` as it closes, and
  // what the page does about the answer (put the focus back on a field, send the request) runs in
  // its `close` event, a task later (views/confirm.ts removes it there). Read before that, the
  // focus was still where the browser put it back (1 run in 6 of organiser-ends-at, under load).
  await page.waitForFunction((el) => !el?.isConnected, dialog);
}

export async function statOf(page: Page, stat: string): Promise<string> {
  return (await page.locator(`[data-stat="${stat}"]`).textContent()) ?? '';
}

/** A simulated phone: joined over HTTP, connected over a real socket. */
export interface SimulatedAttendee {
  id: string;
  name: string;
  socket: AttendeeSocket;
}

export async function simulateAttendee(url: string, code: string, body: Partial<JoinBody> & { name: string }): Promise<SimulatedAttendee> {
  const joined = await joinEvent(url, code, body);
  return { id: joined.attendee.id, name: joined.attendee.name, socket: await connectAttendee(url, joined.token) };
}

/** A server and Chromium for a dashboard test, and a list for its simulated phones, which are disconnected after it. */
export function useDashboardRig(): { rig: BrowserRig; attendees: SimulatedAttendee[] } {
  const attendees: SimulatedAttendee[] = [];
  const rig = useServerAndBrowser({ cleanup: () => attendees.forEach((a) => a.socket.disconnect()) });
  return { rig, attendees };
}

/**
 * Rewrites every `stats` push the dashboard receives, so a chart can be shown numbers a test
 * server would need hundreds of phones (or an evening) to make. Set up before the page opens
 * the socket.
 */
export async function rewriteStats(page: Page, edit: (stats: Stats) => Stats): Promise<void> {
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((message) => {
      // Engine.IO "4" (message) + Socket.IO "2" (event), the namespace, then the JSON arguments.
      const packet = typeof message === 'string' ? /^42(\/organiser,)(\[.*)$/s.exec(message) : null;
      const args = packet ? (JSON.parse(packet[2]!) as unknown[]) : null;
      if (!packet || !args || args[0] !== 'stats') return ws.send(message);
      ws.send(`42${packet[1]}${JSON.stringify(['stats', edit(args[1] as Stats)])}`);
    });
  });
}
