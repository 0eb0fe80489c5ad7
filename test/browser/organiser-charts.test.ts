import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage, type BrowserRig } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import type { CreateEventResponse } from '../../shared/schemas';
import { dashboardReady, organiserLink, rewriteStats, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);


/** Opens the dashboard on a laptop, after `before` has had the page (to route its socket, say). */
async function openDashboard(rig: BrowserRig, created: CreateEventResponse, before: (page: Page) => Promise<void> = async () => {}) {
  const tracked = await openPage(rig.browser, rig.server.url, LAPTOP);
  await before(tracked.page);
  await tracked.page.goto(organiserLink(created));
  await dashboardReady(tracked.page, created.event.name);
  return tracked;
}

/** The axis labels of a chart card, each with its box in the SVG's own units. */
const axisLabels = (page: Page, chart: string) =>
  page.locator(`[data-chart="${chart}"] .chart-axis text`).evaluateAll((texts) =>
    texts.map((t) => {
      const box = (t as SVGTextElement).getBBox();
      const view = (t as SVGTextElement).ownerSVGElement!.viewBox.baseVal;
      return { text: t.textContent, left: box.x, right: box.x + box.width, viewWidth: view.width };
    }),
  );

describeInBrowser('organiser charts', () => {
  const { rig, attendees } = useDashboardRig();

  it('shows axis labels of 100 and more whole, and shortens thousands to "k"', async () => {
    const created = await createEvent(rig.server.url, { name: 'Big Conference' });
    const { page, errors } = await openDashboard(rig, created, (p) =>
      rewriteStats(p, (s) => ({
        ...s,
        perMinute: [100, 250, 400, 120].map((matches, i) => ({ minute: new Date(Date.now() - (3 - i) * 60_000).toISOString(), matches })),
        waitHistogram: [2500, 3000, 900, 40, 3, 0].map((count, i) => ({ upToMs: i < 5 ? [10, 30, 60, 120, 300][i]! * 1000 : null, count })),
      })),
    );
    await page.locator('[data-chart="per-minute"] .chart').waitFor();
    await page.locator('[data-chart="waits"] .chart').waitFor();
    // Counted by wait, not by person: someone matched three times waited three times.
    expect(await page.locator('[data-chart="waits"] svg.chart').getAttribute('aria-label')).toBe('6443 waits before a match, from quickest to longest');
    const perMinute = await axisLabels(page, 'per-minute');
    const waits = await axisLabels(page, 'waits');
    expect(perMinute.map((l) => l.text)).toEqual(['0', '200', '400']);
    expect(waits.map((l) => l.text)).toEqual(['0', '1.5k', '3k']);
    for (const label of [...perMinute, ...waits]) {
      expect({ label: label.text, inside: label.left >= 0 && label.right <= label.viewWidth }).toEqual({ label: label.text, inside: true });
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('draws a single minute as a bar of sensible width, with the minute in progress explained', async () => {
    const created = await createEvent(rig.server.url, { name: 'Early Doors' });
    const { page, errors } = await openDashboard(rig, created, (p) =>
      rewriteStats(p, (s) => ({ ...s, conversedShare: 1, perMinute: [{ minute: new Date().toISOString(), matches: 2 }] })),
    );
    // "100%" on one line in its card, in whatever font this machine has (DejaVu Sans wrapped the "%").
    const hundred = page.locator('.figure-value[data-stat="conversed"]');
    await page.waitForFunction(() => document.querySelector('.figure-value[data-stat="conversed"]')?.textContent === '100%');
    const fit = await hundred.evaluate((el) => {
      const card = el.closest('.figure-big')!;
      const box = el.getBoundingClientRect();
      return { lines: Math.round(box.height / parseFloat(getComputedStyle(el).lineHeight)), inside: box.right <= card.getBoundingClientRect().right };
    });
    expect(fit).toEqual({ lines: 1, inside: true });
    await expect(page.locator('[data-chart="per-minute"] svg.chart').getAttribute('aria-label')).resolves.toBe('2 matches in the last minute');
    const chart = page.locator('[data-chart="per-minute"] svg.chart');
    await chart.waitFor();
    const drawn = await chart.evaluate((svg) => ({
      bar: (svg.querySelector('.chart-bar rect') as SVGRectElement).width.baseVal.value,
      view: (svg as SVGSVGElement).viewBox.baseVal.width,
      legend: svg.querySelector('.chart-legend')?.textContent ?? '',
      desc: svg.querySelector(':scope > desc')?.textContent ?? '',
    }));
    // One bar, not a band across the whole card that reads like an alert.
    expect(drawn.bar).toBeLessThanOrEqual(drawn.view * 0.15);
    expect(drawn.legend).toMatch(/this minute/i);
    expect(drawn.desc).toMatch(/minute in progress/i);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps each count beside its own topic when a topic is written right to left', async () => {
    const created = await createEvent(rig.server.url, { name: 'Derby Night', topics: ['AI', 'كرة القدم', 'Startups'] });
    for (const [name, interests] of [
      ['Ann', ['AI', 'كرة القدم']],
      ['Salma', ['كرة القدم', 'Startups']],
      ['Omar', ['كرة القدم']],
    ] as const) {
      attendees.push(await simulateAttendee(rig.server.url, created.event.code, { name, interests: [...interests] }));
    }
    const { page, errors } = await openDashboard(rig, created);
    await page.locator('[data-chart="topics"] [data-topic="كرة القدم"]').waitFor();
    const items = await page.locator('[data-chart="topics"] [data-topic]').evaluateAll((lis) =>
      lis.map((li) => {
        const count = li.querySelector('.cloud-count')!;
        // The topic's own text, however it is wrapped: everything in the item but the count.
        const range = document.createRange();
        range.setStartBefore(li.firstChild!);
        range.setEndBefore(count);
        const topic = range.getBoundingClientRect();
        const counted = count.getBoundingClientRect();
        return {
          topic: (li as HTMLElement).dataset.topic,
          count: count.textContent?.trim(),
          countAfterTopic: counted.left >= topic.right - 1,
          isolated: getComputedStyle(li).unicodeBidi === 'isolate',
        };
      }),
    );
    expect(items).toEqual(
      ['AI', 'كرة القدم', 'Startups']
        .sort((a, b) => a.localeCompare(b))
        .map((topic) => ({ topic, count: topic === 'كرة القدم' ? '3' : '1', countAfterTopic: true, isolated: true })),
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
