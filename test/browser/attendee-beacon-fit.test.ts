import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { matchTwoPhones, usePhoneRig } from './steps';

jest.setTimeout(45_000);

/** Where each line of the held-up beacon sits, against the screen, and whether the beacon scrolls. */
async function beaconFit(page: Page) {
  return page.locator('[data-beacon-overlay]').evaluate((overlay) => {
    const parts = ['.beacon-overlay-emoji', '.beacon-overlay-text', '.beacon-overlay-names', '.beacon-overlay-hint'];
    const outside = parts.flatMap((selector) => {
      const r = overlay.querySelector(selector)!.getBoundingClientRect();
      const inside = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth && r.height > 0;
      return inside ? [] : [`${selector} at ${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)}`];
    });
    const emoji = overlay.querySelector('.beacon-overlay-emoji')!.getBoundingClientRect();
    const words = overlay.querySelector('.beacon-overlay-text')!.getBoundingClientRect();
    return {
      outside,
      scrolls: overlay.scrollHeight > overlay.clientHeight || overlay.scrollWidth > overlay.clientWidth,
      pageScrollsSideways: document.documentElement.scrollWidth > innerWidth,
      emojiAboveWords: emoji.bottom <= words.top,
      emojiSize: parseFloat(getComputedStyle(overlay.querySelector('.beacon-overlay-emoji')!).fontSize),
    };
  });
}

/**
 * Turns the phone to `size`. Chromium may answer with the old size's viewport units until the
 * page's next frame (once the emoji measured at the sideways 176 px upright), so this returns
 * once a frame has been drawn at the new size.
 */
async function turnTo(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
}

/**
 * The beacon held up on the smallest phone still sold, both ways round: on its side (568 x 320)
 * the emoji, the words, who you are meeting and "Tap anywhere to close" all fit the screen, with
 * nothing to scroll to; upright (320 x 568) it is as it was, the emoji big above the words.
 */
describeInBrowser('attendee: the beacon on a small phone', () => {
  const rig = usePhoneRig();

  it('fits a 568 x 320 screen held sideways, and stays a column upright at 320 x 568', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Small Phones', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Annabelle', 'Maximilian'], 'Jazz');
    rig.pages.push(ann, bob);
    const { page } = ann;

    await turnTo(page, { width: 568, height: 320 });
    await page.locator('button.beacon').tap();
    await page.locator('[data-beacon-overlay]').waitFor();
    await page.getByText('Meeting Maximilian').waitFor();
    expect(await beaconFit(page)).toMatchObject({ outside: [], scrolls: false, pageScrollsSideways: false });

    // Turned upright with the beacon still up: the same column as before, the emoji on top.
    await turnTo(page, { width: 320, height: 568 });
    const upright = await beaconFit(page);
    expect(upright).toMatchObject({ outside: [], scrolls: false, pageScrollsSideways: false, emojiAboveWords: true });
    // min(45vmin, 14rem) on a 320 px wide screen: 144 px, as it was.
    expect(upright.emojiSize).toBeCloseTo(144, 0);
    await page.keyboard.press('Escape');
    await page.locator('[data-beacon-overlay]').waitFor({ state: 'detached' });
  });
});
