import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import type { CreateEventResponse } from '../../shared/schemas';
import { organiserLink, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** 40 characters, the longest a name may be. */
const LONG_NAME = 'Zoë-Annabelle Fitzgerald-Montgomery Jnr.';

type Rig = ReturnType<typeof useDashboardRig>['rig'];
/** The little of a Chromium accessibility node (CDP `Accessibility.AXNode`) these tests read. */
type AxNode = { role?: { value: string }; name?: { value: string }; ignored: boolean };

/**
 * Opens the dashboard at a size and waits until it is live. Not `dashboardReady`: that waits for
 * the event's name to be visible, and whether it is, on a phone, is one of the things tested here.
 */
async function openAt(rig: Rig, created: CreateEventResponse, width: number, height: number) {
  const tracked = await openPage(rig.browser, rig.server.url, { ...LAPTOP, viewport: { width, height } });
  await tracked.page.goto(organiserLink(created));
  await tracked.page.locator('#connection[data-connection="online"]').waitFor({ state: 'attached' });
  await tracked.page.waitForFunction(() => document.querySelector('[data-stat="attendees"]')?.textContent !== '–');
  return tracked;
}

/** Where an element is on the page (scrolled to the top), or null if it is not shown. */
const pageBox = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r && r.width > 0 ? { top: r.top + scrollY, left: r.left, right: r.right, bottom: r.bottom + scrollY, width: r.width } : null;
  }, selector);

describeInBrowser('organiser dashboard at every width', () => {
  const { rig, attendees } = useDashboardRig();
  let created: CreateEventResponse;

  beforeAll(async () => {
    created = await createEvent(rig.server.url, { name: 'Friday Tech Social' });
    // Someone waiting, so the list above the charts is not empty: the controls must still come first.
    for (const name of ['Ann', 'Bob', 'Chioma']) attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name }));
  });

  it('shows a long name in full in the waiting list on a phone, as a host calls it out', async () => {
    const long = await simulateAttendee(rig.server.url, created.event.code, { name: LONG_NAME });
    attendees.push(long);
    expect(await call(long.socket, 'match:find')).toMatchObject({ ok: true });
    const { page, errors } = await openAt(rig, created, 390, 844);
    const name = page.locator('[data-waiting-name]', { hasText: LONG_NAME });
    await name.waitFor();
    // Every character drawn, none cut off or hidden behind "…".
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis')).toBe(true);
    expect(await name.evaluate((el) => el.getBoundingClientRect().right <= el.closest('.waiting-row')!.getBoundingClientRect().right)).toBe(true);
    expect(await call(long.socket, 'match:cancel')).toMatchObject({ ok: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([
    [1024, 768],
    [768, 1024],
  ])('puts Matching and Announce straight after the figures at %ix%i', async (width, height) => {
    const { page, errors } = await openAt(rig, created, width, height);
    const pause = await pageBox(page, '[data-card="matching"] .btn-big');
    const announce = await pageBox(page, '#announce-text');
    const figures = await pageBox(page, '.now');
    const waiting = await pageBox(page, '[data-card="waiting"]');
    // Before the fix these were ~1700 and ~1950 px down, under every chart.
    expect(pause!.top).toBeLessThan(900);
    expect(announce!.top).toBeLessThan(1100);
    expect(pause!.top).toBeGreaterThan(figures!.bottom);
    expect(announce!.top).toBeLessThan(waiting!.top);
    // The aside is `display: contents` at this width: its landmark must stay in the browser's own
    // accessibility tree (Playwright's role queries read the DOM, so ask Chromium).
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    expect(nodes.filter((n) => n.role?.value === 'complementary' && !n.ignored).map((n) => n.name?.value)).toEqual(['Controls']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the controls in their own column on a laptop', async () => {
    const { page } = await openAt(rig, created, 1280, 860);
    const matching = await pageBox(page, '[data-card="matching"]');
    const waiting = await pageBox(page, '[data-card="waiting"]');
    expect(matching!.left).toBeGreaterThan(waiting!.right);
    expect(matching!.top).toBeLessThan(400);
    // A long join link in a side card is cut inside its card; it never widens the column.
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= innerWidth)).toBe(true);
    await page.context().close();
  });

  it.each([
    [390, 844],
    [320, 640],
    [700, 900],
    [768, 1024],
  ])('fits the page and the top bar to a %ipx-wide screen', async (width, height) => {
    const { page, errors } = await openAt(rig, created, width, height);
    const fit = await page.evaluate(() => ({
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth,
      title: document.querySelector('#event-title')!.getBoundingClientRect().width,
      titleCut: ((t) => t.scrollWidth > t.clientWidth)(document.querySelector<HTMLElement>('#event-title')!),
      projector: document.querySelector('[data-control="projector"]')!.getBoundingClientRect().right,
    }));
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
    expect(fit.title).toBeGreaterThan(100);
    expect(fit.titleCut).toBe(false);
    expect(fit.projector).toBeLessThanOrEqual(fit.innerWidth);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([
    [768, 1024],
    [390, 844],
  ])('stacks a large QR code above the words on a portrait projector (%ix%i)', async (width, height) => {
    const { page, errors } = await openAt(rig, created, width, height);
    await page.locator('[data-control="projector"]').click();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.projector-qr');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    const qr = (await pageBox(page, '.projector-qr'))!;
    const title = (await pageBox(page, '.projector-title'))!;
    expect(qr.width).toBeGreaterThan(width * 0.6);
    expect(qr.bottom).toBeLessThanOrEqual(title.top);
    for (const part of ['.projector-qr', '[data-projector-code]', '.projector-count']) {
      const box = (await pageBox(page, part))!;
      expect({ part, onScreen: box.top >= 0 && box.bottom <= height && box.left >= 0 && box.right <= width }).toEqual({ part, onScreen: true });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('rings the announcement box when it has the keyboard focus, as other fields do', async () => {
    const { page } = await openAt(rig, created, 1280, 860);
    const box = page.locator('#announce-text');
    await box.focus();
    const ring = await box.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px' });
    await page.context().close();
  });
});
