import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { Config } from '../../server/config';
import { CHROMIUM_PATH, chromiumLaunchOptions } from './chromium';
import { startServer, type TestServer } from './server';

/** Where the tests save the screenshots the README and docs show. */
export const SCREENSHOTS_DIR = path.resolve(__dirname, '../../docs/screenshots');

/** A phone in the hand: small, touch, mobile layout. Motion reduced so nothing animates under a click. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  reducedMotion: 'reduce',
  colorScheme: 'light',
};

export const LAPTOP: BrowserContextOptions = {
  viewport: { width: 1280, height: 860 },
  deviceScaleFactor: 1,
  reducedMotion: 'reduce',
  colorScheme: 'light',
};

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with a notice, unless
 * MINGLE_REQUIRE_BROWSER=1, when it fails instead (for CI, where a skip would hide a gap).
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM_PATH)) {
    describe(name, suite);
  } else if (process.env.MINGLE_REQUIRE_BROWSER === '1') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`MINGLE_REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
      });
    });
  } else {
    console.warn(
      `[browser] ${CHROMIUM_PATH} not found: skipping "${name}". ` +
        'Install it with `apt-get install -y chromium`, or set MINGLE_REQUIRE_BROWSER=1 to fail instead.',
    );
    describe.skip(name, suite);
  }
}

/**
 * Launches headless Chromium. `extraArgs` adds command-line switches, e.g.
 * `--host-resolver-rules=MAP mingle.example 127.0.0.1:PORT` to show a real-looking host.
 * @default []
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch(await chromiumLaunchOptions(extraArgs));
}

/** What the tests of one browser suite share: a running Mingle and a launched Chromium. */
export interface BrowserRig {
  server: TestServer;
  browser: Browser;
}

/**
 * Starts Mingle (`startServer(config)`, memory store) and launches Chromium before the suite's
 * tests, and closes both after them. `cleanup` runs first, e.g. to close sockets the tests opened.
 * Call it in a `describeInBrowser` body; the rig's fields are set once `beforeAll` has run.
 */
export function useServerAndBrowser(o: { config?: Partial<Config>; cleanup?: () => void } = {}): BrowserRig {
  const rig = {} as BrowserRig;
  beforeAll(async () => {
    [rig.server, rig.browser] = await Promise.all([startServer(o.config), launchBrowser()]);
  });
  afterAll(async () => {
    o.cleanup?.();
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}

/** A page plus what went wrong on it: uncaught errors, console errors, and any dialogs. */
export interface TrackedPage {
  page: Page;
  errors: string[];
  dialogs: string[];
}

/**
 * How long a new attendee screen ignores taps in the tests' pages, instead of the page's own
 * 500 ms (`settle` in client/src/attendee/views/view.ts). The tests wait out every hold before
 * they tap; at 500 ms those waits were most of a browser file's time (attendee-keep-in-touch
 * alone, measured with a 30 ms hold on 27 November: 34 s against 14 s, and 21.3 s of CPU
 * against 18.4 s). The hold still works the same way, only shorter; attendee-taps tests it at its
 * real length.
 */
export const TEST_SETTLE_MS = 50;

/**
 * A fresh browser context (its own storage, like a separate device) whose attendee pages hold
 * a new screen's taps for TEST_SETTLE_MS.
 */
export async function newDevice(browser: Browser, options: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript((ms) => {
    (window as { mingleSettleMs?: number }).mingleSettleMs = ms;
  }, TEST_SETTLE_MS);
  return context;
}

/** Opens a page in a fresh context (its own storage, like a separate device). */
export async function openPage(
  browser: Browser,
  baseURL: string,
  device: BrowserContextOptions = PHONE,
): Promise<TrackedPage> {
  const context = await newDevice(browser, { ...device, baseURL });
  const page = await context.newPage();
  const tracked: TrackedPage = { page, errors: [], dialogs: [] };
  page.on('pageerror', (err) => tracked.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium's line for a failed load does not say what failed; its location does.
    const what = msg.text().startsWith('Failed to load resource') ? ` (${msg.location().url})` : '';
    tracked.errors.push(`console: ${msg.text()}${what}`);
  });
  page.on('dialog', (dialog) => {
    tracked.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  return tracked;
}

/** Saves a screenshot to docs/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}

/** Waits until `selector`'s text content equals `text` (trimmed). */
export async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want,
    [selector, text] as const,
  );
}
