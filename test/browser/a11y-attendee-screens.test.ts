import type { BrowserContextOptions, Page } from 'playwright-core';
import request from 'supertest';
import { describeInBrowser, openPage, PHONE, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { contrastFailures, focusRing } from './a11y-probes/contrast';
import { tabThrough } from './a11y-probes/keyboard';
import { coveredText, layoutProblems, smallTargets } from './a11y-probes/layout';
import { joinThroughForm, usePhoneRig, waitForSettled, waitForView } from './steps';

jest.setTimeout(120_000);

/** A colour emoji is drawn in its own colours, not in the CSS colour the contrast probe reads. */
const EMOJI_ONLY = /^[\p{Extended_Pictographic}\u200d\ufe0f\s]+$/u;

/** Waits for transitions and fades under way (a frame's, with reduced motion) to end: what stays on screen is measured. */
const still = (page: Page) => page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})))).then(() => {});

const textFailures = async (page: Page, root?: string) => {
  await still(page);
  return (await contrastFailures(page, root)).filter((f) => !EMOJI_ONLY.test(f.text));
};

/**
 * The focused control's outline against the sheet or page behind it (0 for none): by default
 * the first opaque background up the page's tree; `under`, what is drawn under the ring's line,
 * on the worst of its four sides. The announcement's buttons need `under`: they are drawn over
 * the banner they are beside, not in (styles/announcement.css), where the tree leads to the page.
 */
const outlineContrast = (page: Page, against: 'tree' | 'under' = 'tree') =>
  page.evaluate((mode) => {
    const pen = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (c: string) => {
      pen.clearRect(0, 0, 1, 1);
      pen.fillStyle = c;
      pen.fillRect(0, 0, 1, 1);
      return [...pen.getImageData(0, 0, 1, 1).data];
    };
    const lum = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const opaque = (els: Iterable<Element>) => {
      for (const e of els) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] === 255) return c;
      }
      return [255, 255, 255, 255];
    };
    const el = document.activeElement!;
    const s = getComputedStyle(el);
    const width = parseFloat(s.outlineWidth);
    if (s.outlineStyle === 'none' || width < 2) return 0;
    const o = rgba(s.outlineColor);
    const contrast = (bg: number[]) => {
      const on = [0, 1, 2].map((i) => (o[i]! * o[3]! + bg[i]! * (255 - o[3]!)) / 255);
      const [hi, lo] = [lum(on), lum(bg)].sort((a, b) => b - a);
      return Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100;
    };
    if (mode === 'tree') {
      const up: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) up.push(e);
      return contrast(opaque(up));
    }
    // The middle of the ring's line, out from the border's edge by the offset and half the width.
    const out = parseFloat(s.outlineOffset) + width / 2;
    const r = el.getBoundingClientRect();
    const [midX, midY] = [r.left + r.width / 2, r.top + r.height / 2];
    const sides = [[r.left - out, midY], [r.right + out, midY], [midX, r.top - out], [midX, r.bottom + out]];
    return Math.min(...sides.map(([x, y]) => contrast(opaque([...document.elementsFromPoint(x!, y!), document.body]))));
  }, against);

/** A long announcement, as organisers write them: it comes folded over a new match's card. */
const LONG_ANNOUNCEMENT =
  'Talks start in 5 minutes in the main hall.\nPlease finish your chats and head upstairs.\nCoats can stay in the cloakroom.\nThe bar closes at 22:00.\nPizza is in the kitchen.';

const beaconUp = async (page: Page) => {
  await page.locator('[data-beacon-overlay]').waitFor();
  await still(page);
};

const EVENT = {
  name: 'Friday Tech Social at the Old Brewery, Upstairs',
  topics: ['AI', 'Climbing', 'Startups', 'Design', 'Coffee'],
  spots: ['Under the big clock by the bar'],
};

/**
 * The attendee's screens as people with low vision meet them on a phone: contrast of text and
 * focus rings in light and dark, targets a thumb can hit, 200% text and a phone on its side
 * with nothing hidden for good, a high contrast theme, and motion.
 */
describeInBrowser('accessibility: the attendee screens, seen', () => {
  const rig = usePhoneRig();

  /** Ann (on `device`) matched with Bob (a plain phone), on Ann's match card; `announcement` sent before they join. */
  async function matched(device: BrowserContextOptions, textSize?: number, announcement?: string): Promise<[TrackedPage, TrackedPage]> {
    const { event, organiserToken } = await createEvent(rig.server.url, EVENT);
    if (announcement) {
      await request(rig.server.url).post(`/api/events/${event.id}/announce`).set('authorization', `Bearer ${organiserToken}`).send({ message: announcement }).expect(200);
    }
    const ann = await openPage(rig.browser, rig.server.url, device);
    const bob = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann, bob);
    if (textSize) {
      // Chromium's Settings > Appearance > Font size, as DevTools sets it.
      const cdp = await ann.page.context().newCDPSession(ann.page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: textSize, fixed: Math.round((textSize * 13) / 16) } });
    }
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['AI'], lookFor: 'red scarf' });
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['AI'], lookFor: 'blue hat and a long green coat with a hood' });
    for (const { page } of [ann, bob]) await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([waitForView(ann.page, 'matched'), waitForView(bob.page, 'matched')]);
    await waitForSettled(ann.page);
    return [ann, bob];
  }

  it.each(['light', 'dark'] as const)('%s: text at AA contrast and focus rings at 3:1, on the card, the beacon and in the sheets', async (colorScheme) => {
    const [{ page }] = await matched({ ...PHONE, colorScheme });
    expect(await textFailures(page)).toEqual([]);
    expect((await tabThrough(page)).filter((s) => s.best < 3)).toEqual([]);

    await page.locator('button.beacon').click();
    await beaconUp(page);
    expect(await textFailures(page, '[data-beacon-overlay]')).toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'We found each other' }).click();
    await waitForView(page, 'chatting');
    await page.locator('#app[aria-busy="false"]').waitFor({ state: 'attached' });
    expect(await textFailures(page)).toEqual([]);
    for (const opener of ['Keep in touch', 'Not comfortable?']) {
      await page.getByRole('button', { name: opener }).first().click();
      await page.locator('dialog[open]').waitFor();
      expect({ opener, text: await textFailures(page, 'dialog[open]') }).toEqual({ opener, text: [] });
      // Every control in the sheet, the tick boxes and the choices among them.
      const faint = [];
      await page.locator('dialog[open] .sheet-title').focus();
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const ring = await focusRing(page);
        if (ring && ring.best < 3) faint.push(ring);
      }
      expect({ opener, faint }).toEqual({ opener, faint: [] });
      // A tick box or a choice is drawn by the system, which leaves out a CSS border (that the
      // probe above would count): its outline is the ring.
      const boxes = await page.locator('dialog[open] input[type="checkbox"], dialog[open] input[type="radio"]').all();
      if (opener === 'Keep in touch') expect(boxes.length).toBeGreaterThan(0);
      const rings = [];
      for (const box of boxes) {
        // From the keyboard, as the ring is drawn for a keyboard's focus.
        await box.evaluate((el) => (el.previousElementSibling as HTMLElement | null)?.focus());
        await box.focus();
        rings.push({
          label: await box.evaluate((el) => el.getAttribute('aria-label') ?? el.closest('label')?.textContent ?? ''),
          keyboard: await box.evaluate((el) => el.matches(':focus-visible')),
          ring: await outlineContrast(page),
        });
      }
      expect(rings.filter((r) => !r.keyboard || r.ring < 3)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('dialog').waitFor({ state: 'detached' });
    }
    await page.getByRole('button', { name: 'Done chatting' }).click();
    await page.locator('[data-after-chat]:not([hidden])').waitFor();
    expect(await textFailures(page)).toEqual([]);
  });

  it.each(['light', 'dark'] as const)("%s: the announcement's Show all and × are ringed at 3:1 against the banner the ring is drawn on", async (colorScheme) => {
    const [{ page }] = await matched({ ...PHONE, colorScheme }, undefined, LONG_ANNOUNCEMENT);
    // Folded over the new match's card, then whole: the ring of each button in each shape.
    const rings = [];
    for (const toggle of ['Show all of the announcement', 'Show less of the announcement']) {
      await page.getByRole('button', { name: toggle }).waitFor();
      await still(page);
      for (const name of [toggle, 'Dismiss announcement']) {
        const button = page.getByRole('button', { name });
        // After a key, as the ring is drawn for a keyboard's focus.
        await page.keyboard.press('Shift');
        await button.focus();
        expect(await button.evaluate((el) => el === document.activeElement && el.matches(':focus-visible'))).toBe(true);
        // The ring is drawn once the focus's style change has gone through (the pages' reduced-motion
        // transition is 0.01 ms, but it starts from no ring): read a frame later.
        await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn))));
        rings.push({ toggle, name, ring: await outlineContrast(page, 'under') });
      }
      if (toggle.startsWith('Show all')) await page.getByRole('button', { name: toggle }).tap();
    }
    expect(rings.filter((r) => r.ring < 3)).toEqual([]);
  });

  it('gives every control at least 24 by 24 px, and the × that closes a notice, a card or a sheet 44', async () => {
    const [{ page }, bob] = await matched(PHONE);
    expect(await smallTargets(page, 24)).toEqual([]);
    // Keep in touch: each 24 px tick box is ticked through what is round it, 44 px for a thumb,
    // so a tap near that corner, off the box itself, ticks it.
    await page.getByRole('button', { name: 'Keep in touch' }).tap();
    const sheet = page.locator('dialog[data-sheet="keep"]');
    const boxes = await sheet.locator('input[type="checkbox"]').all();
    expect(boxes).toHaveLength(4);
    for (const box of boxes) {
      await box.scrollIntoViewIfNeeded();
      const r = await box.evaluate((e) => (e.closest('label') ?? e).getBoundingClientRect().toJSON() as DOMRect);
      const name = await box.getAttribute('aria-label');
      expect({ name, wide: r.width >= 44, tall: r.height >= 44 }).toEqual({ name, wide: true, tall: true });
      const was = await box.isChecked();
      await page.touchscreen.tap(r.left + 2, r.top + 2);
      expect({ name, checked: await box.isChecked() }).toEqual({ name, checked: !was });
    }
    await sheet.getByRole('button', { name: 'Close' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await bob.page.getByRole('button', { name: "Can't find them" }).tap();
    await page.locator('.notice-box .notice-close').waitFor();
    await page.locator('[data-after-chat]').getByRole('button').first().waitFor({ state: 'detached' });
    expect(await smallTargets(page, 24)).toEqual([]);
    expect(await smallTargets(page, 44, '.notice-box')).toEqual([]);
  });

  /** Ways of making the page bigger on a phone, as WCAG 1.4.4 and 1.4.10 ask. */
  const WAYS = [
    { name: 'text at 200%', device: PHONE, textSize: 32 },
    { name: 'a phone on its side', device: { ...PHONE, viewport: { width: 844, height: 390 } } },
    { name: 'text at 200% on a phone on its side', device: { ...PHONE, viewport: { width: 667, height: 375 } }, textSize: 32 },
    { name: 'a 320 px phone', device: { ...PHONE, viewport: { width: 320, height: 568 } } },
  ];

  it.each(WAYS)('with $name, nothing runs off the side or stays hidden under the buttons', async ({ device, textSize }) => {
    const [{ page }] = await matched(device, textSize);
    // Text under a pinned bar is fine while it scrolls out; what never does is lost.
    const lost = async () => [
      ...(await layoutProblems(page)).filter((p) => !p.includes(' overlaps ')),
      ...(await coveredText(page)).map((t) => `covered: ${t}`),
    ];
    expect(await lost()).toEqual([]);
    await page.locator('button.beacon').click();
    await beaconUp(page);
    expect(await lost()).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'We found each other' }).click();
    await waitForView(page, 'chatting');
    await waitForSettled(page);
    expect(await lost()).toEqual([]);
    await page.getByRole('button', { name: 'Done chatting' }).click();
    await waitForView(page, 'idle');
    await page.locator('[data-after-chat]:not([hidden])').waitFor();
    expect(await lost()).toEqual([]);
  });

  it("keeps the beacon's colour and the switches' state in a high contrast theme", async () => {
    const [{ page }] = await matched(PHONE);
    await page.emulateMedia({ forcedColors: 'active' });
    const hex = (await page.locator('button.beacon').getAttribute('data-beacon-color')) ?? '';
    const rgb = `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(await page.locator('.beacon-swatch').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
    await page.locator('button.beacon').click();
    await beaconUp(page);
    expect(await page.locator('[data-beacon-overlay]').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'We found each other' }).click();
    await waitForView(page, 'chatting');
    const switchLooks = () =>
      page.locator('.switch', { hasText: 'Open to one more' }).evaluate((label) => {
        const track = label.querySelector('.switch-track')!;
        const t = getComputedStyle(track);
        const knob = getComputedStyle(track, '::after');
        return {
          edge: t.borderTopStyle !== 'none' && parseFloat(t.borderTopWidth) >= 1,
          knobShows: knob.backgroundColor !== t.backgroundColor,
          knobAt: knob.transform,
        };
      });
    const off = await switchLooks();
    expect(off).toMatchObject({ edge: true, knobShows: true });
    await page.locator('.switch', { hasText: 'Open to one more' }).click();
    await page.getByText('Someone looking may be sent to join you.').waitFor();
    const on = await switchLooks();
    expect(on).toMatchObject({ edge: true, knobShows: true });
    expect(on.knobAt).not.toBe(off.knobAt);
  });

  it('moves nothing with reduced motion, and nothing flashes more than three times a second without it', async () => {
    const [{ page }] = await matched({ ...PHONE, reducedMotion: 'no-preference' });
    await page.getByRole('button', { name: "Can't find them" }).click();
    await waitForView(page, 'waiting');
    // The radar's rings: each cycle is one fade, and a cycle takes longer than a third of a second.
    const cycles = await page.evaluate(() =>
      document.getAnimations().map((a) => {
        const t = a.effect!.getComputedTiming();
        return { infinite: t.iterations === Infinity, ms: Number(t.duration) };
      }),
    );
    expect(cycles.length).toBeGreaterThan(0);
    for (const c of cycles.filter((x) => x.infinite)) expect(c.ms).toBeGreaterThanOrEqual(1000 / 3);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
    expect(await page.evaluate(() => document.getAnimations().filter((a) => a.playState === 'running').length)).toBe(0);
  });
});
