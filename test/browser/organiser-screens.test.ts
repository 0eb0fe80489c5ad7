import { describeInBrowser, LAPTOP, openPage, saveScreenshot } from '../helpers/browser';
import { GUESTS, useEvening } from './organiser-scene';
import { dashboardReady, organiserLink, statOf, waitForStat } from './organiser-steps';

jest.setTimeout(60_000);

/** The host the pages show, resolved by Chromium to the test server. */
const HOST = 'mingle.example';

describeInBrowser('organiser dashboard on an evening in full swing', () => {
  const evening = useEvening({
    event: {
      name: 'Friday Tech Social',
      topics: ['AI', 'Climbing', 'Startups', 'Design', 'Coffee', 'Open source', 'Rust', 'Music'],
      spots: ['By the bar', 'Under the big clock', 'Next to the plants'],
    },
    host: HOST,
  });

  const openDashboard = async (device = LAPTOP) => {
    const tracked = await openPage(evening.browser, `http://${HOST}`, device);
    await tracked.page.goto(organiserLink(evening.created));
    await dashboardReady(tracked.page, evening.created.event.name);
    return tracked;
  };

  it('shows the figures, who is waiting, and the charts', async () => {
    const { page, errors } = await openDashboard();
    await waitForStat(page, 'attendees', String(GUESTS.length));
    await waitForStat(page, 'looking', '3');
    expect(await page.locator('.waiting-row').count()).toBe(3);
    expect(Number(await statOf(page, 'matches'))).toBeGreaterThan(25);
    expect(Number(await statOf(page, 'met'))).toBeGreaterThan(15);
    expect(await statOf(page, 'conversed')).toMatch(/^\d+%$/);
    expect(await page.locator('[data-chart="per-minute"] .chart-bar').count()).toBeGreaterThan(20);
    expect(await page.locator('[data-chart="waits"] .chart-bar').count()).toBe(6);
    expect(await page.locator('[data-chart="topics"] [data-topic]').count()).toBe(8);
    expect(await statOf(page, 'feedback')).toMatch(/^\d+%$/);
    expect(await page.locator('[data-stat-sub="feedback"]').textContent()).toMatch(/^\d+ yes · \d+ no$/);
    expect(await page.locator('[data-card="reports"] [data-report-name]').allTextContents()).toEqual([GUESTS[14]!.name]);
    // Let the waiting clocks tick once, so the picture shows them running.
    await page.locator('.waiting-long').first().waitFor();
    await saveScreenshot(page, 'dashboard', true);

    // The CSV comes down with the token in a header, not the URL.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download="csv"]').click()]);
    expect(download.suggestedFilename()).toBe('mingle-friday-tech-social-matches.csv');
    const csv = await download.createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += chunk;
      return text;
    });
    expect(csv.split('\n')[0]).toBe('time,group_size,wait_ms,shared_topics,outcome,joined');
    expect(csv).not.toMatch(/Ann|Bob/);
    expect(errors).toEqual([]);
  });

  it('has a projector mode with the QR code, the join link and a live count', async () => {
    // A projector is 16:9, whatever the laptop driving it.
    const { page, errors } = await openDashboard({ ...LAPTOP, viewport: { width: 1920, height: 1080 } });
    await page.locator('[data-control="projector"]').click();
    const poster = page.locator('[data-projector]');
    await poster.waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.projector-qr');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    // The join link rides in the image's address (the server does not read it), so a new one is drawn afresh.
    const src = new URL((await poster.locator('.projector-qr').getAttribute('src')) ?? '', 'http://any.host');
    expect(src.pathname).toBe(`/api/events/${evening.created.event.code}/qr.svg`);
    expect(src.searchParams.get('for')).toBe(evening.created.joinUrl);
    // Typed by hand: the site, whose home page asks for the code, and the code once.
    expect(await poster.locator('[data-projector-link]').textContent()).toBe(HOST);
    expect(await poster.locator('[data-projector-code]').textContent()).toBe(evening.created.event.code);
    await poster.getByText(`${GUESTS.length} people mingling`).waitFor();
    await saveScreenshot(page, 'projector');

    await page.keyboard.press('Escape');
    await poster.waitFor({ state: 'hidden' });
    await page.locator('[data-card="waiting"]').waitFor();
    expect(errors).toEqual([]);
  });
});
