import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { buildApp, type MingleApp } from '../../server/app';
import { testConfig, type Config } from '../../server/config';
import { MemoryStore } from '../../server/store/memory';
import { describeInBrowser, LAPTOP, launchBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { dashboardReady, openDashboard, organiserLink, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** Whether the focus is anywhere on the page outside the projector view. */
const focusBehind = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return !!active && active !== document.body && !document.querySelector('[data-projector]')!.contains(active);
  });

/**
 * The WCAG contrast ratio of the Exit button's label against what is behind it, with the
 * opacity of the button and its ancestors blended in as the screen shows it.
 */
const exitContrast = (page: Page) =>
  page.evaluate(() => {
    const exit = document.querySelector<HTMLElement>('.projector-exit')!;
    const rgb = (css: string) => css.match(/[\d.]+/g)!.map(Number);
    let opacity = 1;
    for (let el: HTMLElement | null = exit; el; el = el.parentElement) opacity *= Number(getComputedStyle(el).opacity);
    let bg = [255, 255, 255];
    for (let el: HTMLElement | null = exit; el; el = el.parentElement) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(el).backgroundColor);
      if (a > 0) {
        bg = [r!, g!, b!];
        break;
      }
    }
    // The button, label and background together, is drawn at `opacity` over the white poster.
    const fg = rgb(getComputedStyle(exit).color).slice(0, 3).map((c) => c * opacity + 255 * (1 - opacity));
    const back = bg.map((c) => c * opacity + 255 * (1 - opacity));
    const luminance = (c: number[]) =>
      c.map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [hi, lo] = [luminance(fg), luminance(back)].sort((a, b) => b - a);
    return (hi! + 0.05) / (lo! + 0.05);
  });

describeInBrowser('projector mode', () => {
  const { rig, attendees } = useDashboardRig();

  // Chromium keeps the focus inside a full-screen element by itself; where full screen is refused
  // (an iframe, a browser setting, a tablet) only the poster's own modality does.
  it.each(['granted', 'refused'])('is modal with full screen %s: the dashboard behind is inert, the focus stays on the poster and comes back to its button', async (fullscreen) => {
    const created = await createEvent(rig.server.url, { name: 'Modal Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    if (fullscreen === 'refused') {
      await page.evaluate(() => {
        Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Fullscreen request denied'));
      });
    }
    const button = page.locator('[data-control="projector"]');
    await button.focus();
    await page.keyboard.press('Enter');
    const poster = page.locator('[data-projector]');
    await poster.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('projector-exit'))).toBe(true);

    // Neither way round does Tab reach the controls hidden behind the poster.
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      expect(await focusBehind(page)).toBe(false);
    }
    expect(await page.evaluate(() => ['#app', '.dash-bar'].every((s) => !!document.querySelector(s)!.closest('[inert]')))).toBe(true);
    expect(await page.locator('[data-control="toggle"]').isEnabled()).toBe(true); // there, but out of reach

    // The Exit button is quiet, but readable: WCAG AA asks 4.5:1 for its small text.
    expect(await exitContrast(page)).toBeGreaterThanOrEqual(4.5);

    await page.keyboard.press('Escape');
    await poster.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.control)).toBe('projector');
    expect(await page.evaluate(() => document.querySelectorAll('[inert]').length)).toBe(0);

    // The Exit button closes it the same way.
    await button.click();
    await poster.waitFor();
    await poster.getByRole('button', { name: 'Exit projector (Esc)' }).click();
    await poster.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.control)).toBe('projector');
    expect(errors).toEqual([]);
  });

  it('keeps the screen on while it is up, asks again if the browser let go (the tab was hidden), and lets go on exit', async () => {
    const created = await createEvent(rig.server.url, { name: 'Screen On Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    // A Screen Wake Lock that says what the page asked of it. Left alone, a laptop dims and then
    // blanks its display after a few minutes without a key pressed: the room's QR code with it.
    await page.addInitScript(() => {
      const log: string[] = [];
      const held: EventTarget[] = [];
      Object.assign(window, { wakeLog: log, wakeHeld: held });
      const request = async (type: string) => {
        log.push(`request ${type}`);
        const sentinel = Object.assign(new EventTarget(), {
          type,
          released: false,
          async release() {
            if (sentinel.released) return;
            sentinel.released = true;
            log.push('release');
            sentinel.dispatchEvent(new Event('release'));
          },
        });
        held.push(sentinel);
        return sentinel;
      };
      Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: { request } });
    });
    const log = () => page.evaluate(() => (window as unknown as { wakeLog: string[] }).wakeLog.join(', '));
    await page.goto(organiserLink(created));
    await dashboardReady(page, created.event.name);
    expect(await log()).toBe('');

    await page.locator('[data-control="projector"]').click();
    await page.waitForFunction(() => (window as unknown as { wakeLog: string[] }).wakeLog.length === 1);
    expect(await log()).toBe('request screen');

    // The browser lets a wake lock go when the page is hidden; shown again, the poster asks again.
    await page.evaluate(() => {
      const held = (window as unknown as { wakeHeld: { release(): Promise<void> }[] }).wakeHeld;
      void held[held.length - 1]!.release();
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForFunction(() => (window as unknown as { wakeLog: string[] }).wakeLog.length === 3);
    expect(await log()).toBe('request screen, release, request screen');

    await page.keyboard.press('Escape');
    await page.locator('[data-projector]').waitFor({ state: 'hidden' });
    await page.waitForFunction(() => (window as unknown as { wakeLog: string[] }).wakeLog.length === 4);
    expect(await log()).toBe('request screen, release, request screen, release');
    // Hidden and shown again with the poster down, nothing is asked.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    expect(await log()).toBe('request screen, release, request screen, release');
    expect(errors).toEqual([]);
  });

  it('invites the first arrival, counts people in, and says thank you once the event ends, with no QR code or join link left to scan', async () => {
    const created = await createEvent(rig.server.url, { name: 'Wrap Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    await page.locator('[data-control="projector"]').click();
    const poster = page.locator('[data-projector]');
    await poster.getByText('Scan to find someone to chat to').waitFor();
    // Nobody yet: an invitation, not "0 people mingling".
    await poster.getByText('Be the first to join!').waitFor();
    expect(await poster.locator('[data-projector-count]').isHidden()).toBe(true);
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann' });
    attendees.push(ann);
    await poster.getByText('1 person mingling').waitFor();

    await request(rig.server.url).post(`/api/events/${created.event.id}/end`).set('authorization', `Bearer ${created.organiserToken}`).expect(200);
    await poster.locator('[data-projector-ended]').waitFor();
    expect(await poster.locator('[data-projector-ended]').textContent()).toBe("That's a wrap — thanks for coming!");
    for (const gone of ['.projector-qr', '.projector-kicker', '[data-projector-link]', '[data-projector-code]']) {
      expect(await poster.locator(gone).isVisible()).toBe(false);
    }
    await poster.getByText(/^1 person mingled (tonight|today)$/).waitFor();
    expect(await poster.locator('.projector-paused').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});

/**
 * The dashboard says to restart Mingle with PUBLIC_URL when its join link names localhost. Done
 * with the dashboard open, it reconnects, and its invite card shows the new link: the projector,
 * in front of the room, must too, and not the old host and QR code phones cannot open.
 */
describeInBrowser('projector mode, after a restart with PUBLIC_URL set', () => {
  let browser: Browser;
  let app: MingleApp | null = null;
  const start = async (store: MemoryStore, config: Partial<Config>, port = 0) => {
    app = await buildApp(testConfig({ matchIntervalMs: 20, ...config }), { store });
    return app.listen(port, '127.0.0.1');
  };
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the new address and draws the QR code of the new join link', async () => {
    const store = new MemoryStore();
    const url = await start(store, {});
    const created = await createEvent(url, { name: 'Right Address Night' });
    const { page, errors } = await openDashboard(browser, url, created);
    await page.locator('[data-control="projector"]').click();
    const poster = page.locator('[data-projector]');
    const link = poster.locator('[data-projector-link]');
    await link.getByText('localhost:3000').waitFor();
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.projector-qr')?.complete);

    await app!.close();
    await page.locator('#connection[data-connection="offline"]').waitFor();
    const drawn: string[] = [];
    page.on('requestfinished', (r) => new URL(r.url()).pathname.endsWith('/qr.svg') && drawn.push(r.url()));
    await start(store, { publicUrl: 'https://mingle.example' }, Number(new URL(url).port));
    await page.locator('#connection[data-connection="online"]').waitFor();
    await page.locator('[data-card="invite"] [data-link="join-link"]', { hasText: `https://mingle.example/e/${created.event.code}` }).waitFor();

    // Drawn from the same news as the invite card.
    expect(await link.textContent()).toBe('mingle.example');
    // The image is fetched again, from the server that now draws the new link.
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('.projector-qr')?.complete);
    expect(drawn.length).toBeGreaterThan(0);
    expect(await poster.locator('.projector-qr').getAttribute('alt')).toBe(`QR code linking to mingle.example/e/${created.event.code}`);
    expect(errors.filter((e) => !e.includes('WebSocket connection'))).toEqual([]);
  });
});
