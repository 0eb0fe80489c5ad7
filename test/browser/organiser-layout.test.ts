import request from 'supertest';
import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import type { CreateEventResponse } from '../../shared/schemas';
import { dashboardReady, organiserLink, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** The name the QA review measured: 80 characters, the most an event name may have. */
const LONG_NAME = 'The Annual Northern Regional Developer Community Winter Networking Mixer & Award';
/** Names in the widest letters, the worst a name can do to a line: at the top of each size the poster has for names (28, 50 and 80 characters). */
const wide = (n: number) => 'MWMWMWMWMW '.repeat(8).slice(0, n).trim();
const WIDE_NAMES = [wide(28), wide(50), wide(80)];

type Box = { top: number; right: number; bottom: number; left: number };

/** Each selector's box on screen, or null where it is not rendered. */
const boxes = (page: Page, selectors: string[]) =>
  page.evaluate(
    (sels) =>
      Object.fromEntries(
        sels.map((s) => {
          const r = document.querySelector(s)?.getBoundingClientRect();
          return [s, r && r.width > 0 ? { top: r.top, right: r.right, bottom: r.bottom, left: r.left } : null];
        }),
      ) as Record<string, Box | null>,
    selectors,
  );

const onScreen = (box: Box | null, width: number, height: number) =>
  !!box && box.top >= 0 && box.left >= 0 && box.bottom <= height && box.right <= width;

async function openAt(rig: ReturnType<typeof useDashboardRig>['rig'], created: CreateEventResponse, width: number, height: number) {
  const tracked = await openPage(rig.browser, rig.server.url, { ...LAPTOP, viewport: { width, height } });
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  return tracked;
}

describeInBrowser('organiser layout with long texts', () => {
  const { rig, attendees } = useDashboardRig();

  it.each([LONG_NAME, ...WIDE_NAMES])('keeps the QR code, the join code and the count on the projector, with the name %j', async (name) => {
    const created = await createEvent(rig.server.url, { name });
    // Paused, the poster has one line more to fit.
    await request(rig.server.url).post(`/api/events/${created.event.id}/pause`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    for (const [width, height] of [
      [1280, 800],
      [1920, 1080],
    ] as const) {
      const { page, errors } = await openAt(rig, created, width, height);
      await page.locator('[data-control="projector"]').click();
      const poster = page.locator('[data-projector]');
      await poster.getByText('Matching is paused, back soon').waitFor();
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.projector-qr');
        return !!img && img.complete && img.naturalWidth > 0;
      });
      const at = await boxes(page, ['.projector-qr', '.projector-title', '.projector-join', '[data-projector-code]', '.projector-count', '.projector-paused']);
      for (const part of ['.projector-qr', '[data-projector-code]', '.projector-count', '.projector-paused']) {
        expect({ at: `${width}x${height}`, part, onScreen: onScreen(at[part]!, width, height) }).toEqual({ at: `${width}x${height}`, part, onScreen: true });
      }
      // A clamped title ends above the join link: it never runs under it.
      expect(at['.projector-title']!.bottom).toBeLessThanOrEqual(at['.projector-join']!.top);
      // However it is cut on screen, the heading holds the whole name for assistive tech.
      expect(await poster.getByRole('heading', { level: 2 }).textContent()).toBe(name);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('keeps a short name as big as before', async () => {
    const created = await createEvent(rig.server.url, { name: 'Friday Tech Social' });
    const { page } = await openAt(rig, created, 1920, 1080);
    await page.locator('[data-control="projector"]').click();
    const title = page.locator('.projector-title');
    await title.waitFor();
    // clamp(2rem, 4.4vw, 5rem) at 1920 wide: 80 px, on one line.
    expect(await title.evaluate((el) => getComputedStyle(el).fontSize)).toBe('80px');
    expect(await title.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)))).toBe(1);
    await page.context().close();
  });

  it('shows the whole of how to spot someone who is waiting, wrapped', async () => {
    const created = await createEvent(rig.server.url, { name: 'Umbrella Night' });
    const lookFor = 'holding a red umbrella, in a long green coat and yellow scarf, by the cloakroom';
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', lookFor });
    attendees.push(ann);
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });
    const { page, errors } = await openAt(rig, created, LAPTOP.viewport!.width, LAPTOP.viewport!.height);
    const look = page.locator(`[data-attendee-id="${ann.id}"] .waiting-look`);
    await look.waitFor();
    expect(await look.textContent()).toBe(`👀 How to spot them: ${lookFor}`);
    // Nothing of it is cut off: it fits its box both ways, over more than one line.
    const fit = await look.evaluate((el) => ({
      across: el.scrollWidth <= el.clientWidth,
      down: el.scrollHeight <= el.clientHeight,
      lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    }));
    expect(fit).toEqual({ across: true, down: true, lines: expect.any(Number) });
    expect(fit.lines).toBeGreaterThan(1);
    expect(fit.lines).toBeLessThanOrEqual(3);
    // The Remove button keeps its place in the row.
    expect(await page.locator(`[data-attendee-id="${ann.id}"]`).getByRole('button', { name: 'Remove' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the Projector button on one line and the header as tall as ever with a long name', async () => {
    const header = async (created: CreateEventResponse) => {
      const { page, errors } = await openAt(rig, created, 1280, 860);
      const measured = await page.evaluate(() => {
        const button = document.querySelector<HTMLElement>('[data-control="projector"]')!;
        const title = document.querySelector<HTMLElement>('#event-title')!;
        const pill = document.querySelector<HTMLElement>('#event-status')!;
        return {
          bar: document.querySelector('.dash-bar')!.getBoundingClientRect().height,
          button: button.getBoundingClientRect().height,
          buttonFits: button.scrollWidth <= button.clientWidth,
          titleCut: title.scrollWidth > title.clientWidth,
          titleClear: title.getBoundingClientRect().right <= pill.getBoundingClientRect().left,
          text: title.textContent,
          hover: title.title,
        };
      });
      expect(errors).toEqual([]);
      await page.context().close();
      return measured;
    };
    const short = await header(await createEvent(rig.server.url, { name: 'Quiz Night' }));
    const long = await header(await createEvent(rig.server.url, { name: LONG_NAME }));
    expect(long.bar).toBe(short.bar);
    expect(long.button).toBe(short.button);
    expect(long).toMatchObject({ buttonFits: true, titleCut: true, titleClear: true, text: LONG_NAME, hover: LONG_NAME });
  });
});
