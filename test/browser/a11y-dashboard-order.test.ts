import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import type { CreateEventResponse } from '../../shared/schemas';
import { tabCards, type CardStop } from './a11y-probes/keyboard';
import { dashboardReady, organiserLink, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(45_000);

type Rig = ReturnType<typeof useDashboardRig>['rig'];

/** The dashboard at a size, live, with someone waiting (so the waiting list has a button). */
async function openAt(rig: Rig, created: CreateEventResponse, width: number, height: number) {
  const tracked = await openPage(rig.browser, rig.server.url, { ...LAPTOP, viewport: { width, height } });
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  await tracked.page.locator('.waiting-row').first().waitFor();
  return tracked;
}

/** The cards Tab visits, in the order it visits them, each with where it is on the page. */
async function cardsByTab(page: Page): Promise<CardStop[]> {
  const cards = await tabCards(page);
  expect(cards.length).toBeGreaterThan(5);
  return cards;
}

/**
 * Read row by row, as one flow of cards is: each card Tab reaches next starts lower on the page,
 * or on the same row further right (a few pixels of leeway for cards in one row).
 */
const outOfReadingOrder = (cards: CardStop[]) =>
  cards.slice(1).flatMap((c, i) => {
    const before = cards[i]!;
    const sameRow = Math.abs(c.top - before.top) <= 4;
    return (sameRow ? c.left > before.left : c.top > before.top) ? [] : [`${before.card} then ${c.card}`];
  });

/**
 * WCAG 2.4.3: under 1100 px wide, the Matching and Announce cards are drawn above the main column,
 * so Tab must reach them there too, and the rest in the order the eye reads it.
 */
describeInBrowser('accessibility: the dashboard\'s focus order follows what is seen', () => {
  const { rig, attendees } = useDashboardRig();
  let created: CreateEventResponse;

  beforeAll(async () => {
    created = await createEvent(rig.server.url, { name: 'Focus Order Night', topics: ['AI', 'Rust'] });
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', lookFor: 'red scarf' });
    attendees.push(ann);
    expect(await call(ann.socket, 'match:find')).toMatchObject({ ok: true });
  });

  it.each([
    [1100, 800],
    [1024, 768],
    [768, 1024],
    [390, 844],
  ])('at %ix%i, one flow of cards: Tab reads it row by row, Pause and Announce first', async (width, height) => {
    const { page, errors } = await openAt(rig, created, width, height);
    const cards = await cardsByTab(page);
    expect(cards.slice(0, 2).map((c) => c.card)).toEqual(['matching', 'announce']);
    expect(outOfReadingOrder(cards)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('on a laptop, two columns: the main column top to bottom, then the controls beside it', async () => {
    const { page, errors } = await openAt(rig, created, 1280, 860);
    const cards = await cardsByTab(page);
    const side = cards.findIndex((c) => c.card === 'matching');
    const [main, controls] = [cards.slice(0, side), cards.slice(side)];
    expect(main.map((c) => c.card)).toContain('waiting');
    expect(Math.max(...main.map((c) => c.right))).toBeLessThan(Math.min(...controls.map((c) => c.left)));
    expect(outOfReadingOrder(main)).toEqual([]);
    expect(outOfReadingOrder(controls)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('follows the window across 1100 px both ways, and keeps the focus and the words typed', async () => {
    const { page, errors } = await openAt(rig, created, 1280, 860);
    const box = page.locator('#announce-text');
    await box.fill('Pizza in the lobby');
    await box.focus();
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(6, 8));
    for (const width of [1024, 1280, 900]) {
      await page.setViewportSize({ width, height: 860 });
      // The page follows the media query's change event, which a frame's rendering reports before
      // its animation-frame callbacks, where waitForFunction looks.
      await page.waitForFunction((w) => innerWidth === w && matchMedia('(max-width: 1100px)').matches === w <= 1100, width);
      const held = await box.evaluate((el: HTMLTextAreaElement) => ({
        focused: document.activeElement === el,
        value: el.value,
        selection: [el.selectionStart, el.selectionEnd],
      }));
      expect({ width, ...held }).toEqual({ width, focused: true, value: 'Pizza in the lobby', selection: [6, 8] });
      const cards = await cardsByTab(page);
      if (width > 1100) expect(cards[0]!.card).not.toBe('matching');
      else expect(cards.slice(0, 2).map((c) => c.card)).toEqual(['matching', 'announce']);
      await box.focus();
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
