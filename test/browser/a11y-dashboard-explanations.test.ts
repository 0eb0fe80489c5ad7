import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage, PHONE } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import type { CreateEventResponse } from '../../shared/schemas';
import { contrastFailures } from './a11y-probes/contrast';
import { tabThrough } from './a11y-probes/keyboard';
import { layoutProblems } from './a11y-probes/layout';
import { accessibleNode } from './a11y-probes/screen-reader';
import { dashboardReady, organiserLink, rewriteStats, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(45_000);

type Rig = ReturnType<typeof useDashboardRig>['rig'];

/** Matches in each of the last 20 minutes: more bars than the chart prints values for. */
const PER_MINUTE = [1, 0, 2, 3, 1, 4, 2, 0, 5, 3, 2, 1, 6, 2, 3, 0, 4, 2, 1, 3];


/** The minutes of {@link PER_MINUTE}, each a whole minute, the last one now. */
const minutes = (now: number) =>
  PER_MINUTE.map((matches, i) => ({ minute: new Date(Math.floor(now / 60_000) * 60_000 - (PER_MINUTE.length - 1 - i) * 60_000).toISOString(), matches }));

/** Added to the newest minute's count in every push from then on: the chart's data changes. */
let newestExtra = 0;

async function open(rig: Rig, created: CreateEventResponse, device = LAPTOP) {
  const now = Date.now();
  const tracked = await openPage(rig.browser, rig.server.url, device);
  await rewriteStats(tracked.page, (s) => ({ ...s, perMinute: minutes(now).map((m, i) => (i === PER_MINUTE.length - 1 ? { ...m, matches: m.matches + newestExtra } : m)) }));
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  await tracked.page.locator('[data-chart="per-minute"] svg.chart').waitFor();
  // As the dashboard writes a minute (client/src/shared/time.ts hhmm), in the page's own time zone.
  const times = await tracked.page.evaluate(
    (isos) => isos.map((iso) => ((d) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`)(new Date(iso))),
    minutes(now).map((m) => m.minute),
  );
  return { ...tracked, times };
}

/** A figure's explanation as the mouse has it (its hover text), and whether it is on screen now. */
const figures = (page: Page) =>
  page.locator('.figure').evaluateAll((els) =>
    els.map((el) => ({ stat: el.querySelector<HTMLElement>('[data-stat]')!.dataset.stat!, hover: el.getAttribute('title') ?? '' })),
  );

/** Text under `root` that is on screen: laid out, and not clipped away for screen readers only. */
const visibleText = (page: Page, root: string) =>
  page.locator(root).evaluate((el) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement!;
      const r = parent.getBoundingClientRect();
      if (n.textContent!.trim() && r.width > 1 && r.height > 1 && !parent.closest('.sr-only') && getComputedStyle(parent).visibility !== 'hidden') {
        out.push(n.textContent!.trim());
      }
    }
    return out.join(' ');
  });

const figureOf = (stat: string) => `.figure:has([data-stat="${stat}"])`;
const readout = (page: Page) => visibleText(page, '[data-chart="per-minute"] .chart-readout');
const matchesIn = (n: number) => (n === 1 ? '1 match' : `${n} matches`);

/**
 * What a mouse gets from hovering (a figure's explanation, a bar's value) must reach keyboard,
 * screen-reader and touch users too (WCAG 1.1.1, 1.3.1, 2.1.1).
 */
describeInBrowser('accessibility: the dashboard\'s explanations and chart values without a mouse', () => {
  const { rig, attendees } = useDashboardRig();
  let created: CreateEventResponse;

  beforeAll(async () => {
    created = await createEvent(rig.server.url, { name: 'Explained Night', topics: ['AI', 'Rust'] });
  });

  it('each figure has a button, reached by Tab, that reads its explanation and shows it on Enter; Escape hides it', async () => {
    const { page, errors } = await open(rig, created);
    const all = await figures(page);
    expect(all.length).toBe(14);
    const stops = (await tabThrough(page)).map((s) => s.name);
    for (const { stat, hover } of all) {
      const button = page.locator(`${figureOf(stat)} button`);
      expect({ stat, buttons: await button.count() }).toEqual({ stat, buttons: 1 });
      const ax = await accessibleNode(page, `${figureOf(stat)} button`);
      // Named after its figure, so a list of buttons makes sense; the explanation is its description.
      const label = (await page.locator(`${figureOf(stat)} .figure-label`).textContent())!;
      expect({ stat, name: ax.name, description: ax.description }).toEqual({ stat, name: expect.stringContaining(label), description: hover });
      expect(stops).toContain(ax.name);

      expect(await visibleText(page, figureOf(stat))).not.toContain(hover);
      await button.focus();
      await page.keyboard.press('Enter');
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      expect(await visibleText(page, figureOf(stat))).toContain(hover);
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await visibleText(page, figureOf(stat))).not.toContain(hover);
      expect(await page.evaluate(() => document.activeElement?.closest('.figure') !== null)).toBe(true);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['a laptop', LAPTOP],
    ['a phone, by touch', PHONE],
  ] as const)('on %s, every explanation open at once still fits, in readable contrast', async (_, device) => {
    const { page, errors } = await open(rig, created, device);
    for (const { stat } of await figures(page)) {
      const button = page.locator(`${figureOf(stat)} button`);
      if (device.hasTouch) await button.tap();
      else await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
    }
    for (const { stat, hover } of await figures(page)) expect(await visibleText(page, figureOf(stat))).toContain(hover);
    expect(await layoutProblems(page, '#app')).toEqual([]);
    expect(await contrastFailures(page, '#app')).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a chart of more bars than it labels has every value in a table for screen readers', async () => {
    const { page, errors, times } = await open(rig, created);
    const chart = '[data-chart="per-minute"]';
    const summary = (await page.locator(`${chart} svg.chart`).getAttribute('aria-label'))!;
    expect(summary).toBe(`${PER_MINUTE.reduce((a, b) => a + b)} matches in the last ${PER_MINUTE.length} minutes`);
    // Not one value is printed on the bars: until now they were only in hover text.
    expect(await page.locator(`${chart} .chart-value`).count()).toBe(0);

    const table = await accessibleNode(page, `${chart} table`);
    expect({ role: table.role, ignored: table.ignored, name: table.name }).toEqual({ role: 'table', ignored: false, name: expect.stringContaining(summary) });
    const rows = await page.locator(`${chart} table tbody tr`).evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((cell) => `${cell.tagName.toLowerCase()}:${cell.textContent}`)),
    );
    expect(rows.map(([minute, matches]) => [minute!.replace(/ .*/, ''), matches])).toEqual(times.map((t, i) => [`th:${t}`, `td:${PER_MINUTE[i]}`]));
    // Out of sight, for screen readers only: the dashboard looks as it did.
    expect(await visibleText(page, `${chart} table`)).toBe('');
    expect(await page.locator(`${chart} table`).evaluate((el) => !!el.closest('.sr-only'))).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the chart takes the focus, and the arrow keys show each bar\'s value', async () => {
    const { page, errors, times } = await open(rig, created);
    const svg = page.locator('[data-chart="per-minute"] svg.chart');
    const name = (await svg.getAttribute('aria-label'))!;
    expect((await tabThrough(page)).map((s) => s.name)).toContain(name);
    // No value shows until a bar is chosen.
    expect(await readout(page)).toBe('');

    await svg.focus();
    const last = PER_MINUTE.length - 1;
    expect(await readout(page)).toBe(`${times[last]}: ${matchesIn(PER_MINUTE[last]!)}`);
    await page.keyboard.press('ArrowLeft');
    expect(await readout(page)).toBe(`${times[last - 1]}: ${matchesIn(PER_MINUTE[last - 1]!)}`);
    await page.keyboard.press('Home');
    expect(await readout(page)).toBe(`${times[0]}: ${matchesIn(PER_MINUTE[0]!)}`);
    await page.keyboard.press('ArrowRight');
    expect(await readout(page)).toBe(`${times[1]}: ${matchesIn(PER_MINUTE[1]!)}`);
    await page.keyboard.press('End');
    expect(await readout(page)).toBe(`${times[last]}: ${matchesIn(PER_MINUTE[last]!)}`);
    // The value is drawn inside the chart, over its bar.
    const inside = await page.evaluate(() => {
      const chart = document.querySelector('[data-chart="per-minute"] svg.chart')!.getBoundingClientRect();
      const text = document.querySelector('[data-chart="per-minute"] .chart-readout text')!.getBoundingClientRect();
      return text.left >= chart.left && text.right <= chart.right && text.top >= chart.top && text.bottom <= chart.bottom;
    });
    expect(inside).toBe(true);
    expect(await contrastFailures(page, '[data-chart="per-minute"]')).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await readout(page)).toBe('');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.matches('[data-chart="per-minute"] svg'))).toBe(false);
    expect(await readout(page)).toBe('');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a chart redrawn with new numbers while it is being read keeps the focus, on the same bar', async () => {
    const { page, errors, times } = await open(rig, created);
    const svg = page.locator('[data-chart="per-minute"] svg.chart');
    const before = await svg.elementHandle();
    await svg.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    // Someone joins: a stats push, with a match more in the newest minute, and the chart is drawn afresh.
    newestExtra = 1;
    attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann' }));
    await before!.waitForElementState('hidden');
    expect(await page.evaluate(() => document.activeElement?.matches('[data-chart="per-minute"] svg.chart'))).toBe(true);
    expect(await readout(page)).toBe(`${times[1]}: ${matchesIn(PER_MINUTE[1]!)}`);
    newestExtra = 0;
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('pointing at a minute, or tapping it, shows its value as well', async () => {
    for (const device of [LAPTOP, PHONE]) {
      const { page, errors, times } = await open(rig, created, device);
      const slot = page.locator('[data-chart="per-minute"] .chart-bar').nth(8);
      await slot.scrollIntoViewIfNeeded();
      if (device.hasTouch) await slot.tap();
      else await slot.hover();
      expect(await readout(page)).toBe(`${times[8]}: ${matchesIn(PER_MINUTE[8]!)}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
