import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from 'playwright-core';

/**
 * The Chromium the browser tests drive with playwright-core.
 * @default '/usr/bin/chromium' (Debian's package); MINGLE_CHROMIUM_PATH points elsewhere.
 */
export const CHROMIUM_PATH = process.env.MINGLE_CHROMIUM_PATH || '/usr/bin/chromium';

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium features the browser tests turn off on top of Playwright's own list.
 *
 * Chromium 156 preloads two WebUI pages for the address bar's popups (chrome://omnibox-popup
 * .top-chrome/, and its AI-mode variant) in every new window, and a Playwright context is a new
 * window: each phone a test opens cost a renderer's start-up and rendering that no test looks
 * at. Measured on 27 November with a cpuacct cgroup around Chromium: one join through the form
 * took about 2.3 s of Chromium CPU with them and 1.2 s without, and a whole test file
 * (attendee-keep-in-touch) 51.6 s against 28.4 s.
 *
 * It also starts a spare renderer ahead of each navigation to a new site, and every new context
 * navigates to one: of the renderers started for eight phones, about one in two was never used.
 * Without them, Chromium's CPU for attendee-keep-in-touch went from 16.5 s to 15.9 s (twice
 * each, 27 November: a small gain, within what a run varies, but work no test needs).
 */
export const TESTS_DISABLE_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess'] as const;

/** Where test/global-setup.ts leaves Playwright's own `--disable-features=…` switch for the workers. */
export const DISABLE_FEATURES_ENV = 'MINGLE_PLAYWRIGHT_DISABLE_FEATURES';

/**
 * Playwright's own `--disable-features=…` switch, exactly as it passes it (or '' if it passes
 * none). Chromium keeps only the last `--disable-features`, so adding features means replacing
 * Playwright's switch with a longer one (`ignoreDefaultArgs`), and that needs its exact text.
 * Read once per run by the global setup (a probe launch with `--enable-automation`, which
 * `Browser.getBrowserCommandLine` needs); a process started without it probes for itself, once.
 */
export function playwrightDisableFeatures(): Promise<string> {
  const known = process.env[DISABLE_FEATURES_ENV];
  if (known !== undefined) return Promise.resolve(known);
  probed ??= probe().then((found) => {
    process.env[DISABLE_FEATURES_ENV] = found;
    return found;
  });
  return probed;
}

let probed: Promise<string> | undefined;

async function probe(): Promise<string> {
  if (!existsSync(CHROMIUM_PATH)) return '';
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...LAUNCH_ARGS, '--enable-automation'] });
  try {
    const session = await browser.newBrowserCDPSession();
    const { arguments: switches } = await session.send('Browser.getBrowserCommandLine');
    return switches.find((s) => s.startsWith('--disable-features=')) ?? '';
  } finally {
    await browser.close();
  }
}

/**
 * Options for launching headless Chromium for a test: the flags this machine needs (no sandbox,
 * no GPU, no background networking), `extraArgs`, and Playwright's switches with
 * TESTS_DISABLE_FEATURES added to its list of features turned off.
 */
export async function chromiumLaunchOptions(extraArgs: readonly string[]): Promise<LaunchOptions> {
  const playwrights = await playwrightDisableFeatures();
  const off = TESTS_DISABLE_FEATURES.join(',');
  return {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ignoreDefaultArgs: playwrights ? [playwrights] : [],
    args: [...LAUNCH_ARGS, ...extraArgs, playwrights ? `${playwrights},${off}` : `--disable-features=${off}`],
  };
}
