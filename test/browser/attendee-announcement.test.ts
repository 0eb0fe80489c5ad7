import { isDeepStrictEqual } from 'node:util';
import type { CreateEventResponse } from '../../shared/schemas';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { PHONE, describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { confirmWith, openDashboard } from './organiser-steps';
import { buzzesOf, joinThroughForm, linkNoise, recordBuzzes, waitForView } from './steps';

jest.setTimeout(30_000);

/**
 * Waits until the announcement's × is drawn over the room its grid keeps for it, to within a
 * pixel, and checks it is in the banner's own colour: it is beside the alert region, not in it,
 * and placed by hand (styles/announcement.css). Polled each frame, as toggleOnItsRoom is: a moved
 * anchor's button follows it a frame or two later (one check of the boxes right after the banner
 * folded once failed under load).
 */
async function closeOnItsRoom(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Dismiss announcement' });
  expect(await page.locator('#announcement').getByRole('button', { name: 'Dismiss announcement' }).count()).toBe(0);
  const colour = (l: Locator) => l.evaluate((el) => getComputedStyle(el).color);
  expect(await colour(close)).toBe(await colour(page.locator('#announcement [data-announcement]')));
  await page.waitForFunction(() => {
    const [room, drawn] = [document.querySelector('.announcement-close-room'), document.querySelector('.announcement-box > .notice-close')];
    if (!room || !drawn) return false;
    const [kept, placed] = [room.getBoundingClientRect(), drawn.getBoundingClientRect()];
    return (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(kept[k] - placed[k]) <= 1);
  }, undefined, { timeout: 5_000 });
}

/**
 * Waits until Show all (or Show less) is drawn over the room the banner's grid keeps for it, to
 * within a pixel, and is what a tap there hits: it is beside the alert region, not in it, and
 * placed by hand (styles/announcement.css). Polled each frame: a moved anchor's button follows
 * it a frame or two later.
 */
async function toggleOnItsRoom(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const toggle = document.querySelector<HTMLElement>('[data-announcement-toggle]');
    const room = document.querySelector<HTMLElement>('#announcement .announcement-toggle-room');
    if (!toggle || !room || toggle.hidden || room.hidden) return false;
    const [drawn, kept] = [toggle.getBoundingClientRect(), room.getBoundingClientRect()];
    const onRoom = (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(drawn[k] - kept[k]) <= 1);
    return onRoom && document.elementFromPoint(drawn.x + drawn.width / 2, drawn.y + drawn.height / 2) === toggle;
  });
}

/**
 * Where Show all's room is, against the message above it and the banner around it: at the
 * message's left edge, right under it, and the banner's bottom padding (0.1rem folded, 0.9rem
 * whole) under it, 44 px tall. That is where the button sat in the banner's grid before it moved
 * out of the alert region.
 */
async function toggleRoomPlace(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
    const [banner, text, room] = [box('#announcement'), box('#announcement [data-announcement]'), box('#announcement .announcement-toggle-room')];
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const folded = document.querySelector('#announcement')!.classList.contains('announcement-folded');
    const near = (a: number, b: number) => Math.abs(a - b) <= 1;
    return {
      underMessage: near(room.x, text.x) && near(room.y, text.bottom),
      atFoot: near(banner.bottom - room.bottom, (folded ? 0.1 : 0.9) * rem),
      height: Math.round(room.height),
    };
  });
}

/**
 * Waits until `read()` gives `want`, reading it again after each frame the page draws, for up to
 * 120 frames, then expects it (so a failure shows what was read last). A layout just changed
 * (new rules, a banner folded) may be read a frame or two before it settles.
 */
async function settlesTo<T>(page: Page, read: () => Promise<T>, want: T): Promise<void> {
  let got = await read();
  for (let frame = 0; frame < 120 && !isDeepStrictEqual(got, want); frame++) {
    await page.evaluate(() => new Promise((drawn) => requestAnimationFrame(drawn)));
    got = await read();
  }
  expect(got).toEqual(want);
}

/**
 * Makes the page lay the banner out as a browser without CSS anchor positioning does: its
 * `@supports (anchor-name: …)` rules dropped and its `@supports not (…)` ones made plain.
 */
async function withoutAnchorPositioning(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const sheet of [...document.styleSheets]) {
      const rules = [...sheet.cssRules];
      for (let i = rules.length - 1; i >= 0; i--) {
        const rule = rules[i];
        if (!(rule instanceof CSSSupportsRule) || !rule.conditionText.includes('anchor-name')) continue;
        const plain = rule.conditionText.startsWith('not') ? [...rule.cssRules].map((r) => r.cssText) : [];
        sheet.deleteRule(i);
        for (const text of plain.reverse()) sheet.insertRule(text, i);
      }
    }
  });
}

describeInBrowser("the organiser's latest announcement on a phone", () => {
  const rig = useServerAndBrowser();
  /** Sends an announcement to the event, as its organiser's dashboard does. */
  const announcer = (created: CreateEventResponse) => (message: string) =>
    request(rig.server.url)
      .post(`/api/events/${created.event.id}/announce`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .send({ message })
      .expect(200);

  /** Ada and Bo, on phones of `viewport`'s size, joined through the form and matched with each other. */
  const matchedPair = async (created: CreateEventResponse, viewport: { width: number; height: number }) => {
    const device = { ...PHONE, viewport };
    const phones = [await openPage(rig.browser, rig.server.url, device), await openPage(rig.browser, rig.server.url, device)] as const;
    for (const [p, name] of [[phones[0], 'Ada'], [phones[1], 'Bo']] as const) await joinThroughForm(p.page, created.event.code, { name, topics: ['Jazz'] });
    for (const p of phones) await p.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all(phones.map((p) => waitForView(p.page, 'matched')));
    return phones;
  };

  it('shows one sent before the phone joined, keeps a dismissed one dismissed, and shows a new one once', async () => {
    const created = await createEvent(rig.server.url, { name: 'Late Arrivals', topics: ['Jazz'] });
    const announce = announcer(created);
    await announce('Pizza is in the kitchen\n\nVegan on the left');

    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(page, created.event.code, { name: 'Kim', topics: ['Jazz'] });
    const banner = page.locator('#announcement');
    await banner.getByText('Pizza is in the kitchen').waitFor();
    // On the lines the organiser typed.
    expect(await banner.locator('[data-announcement]').innerText()).toBe('Pizza is in the kitchen\n\nVegan on the left');
    // When it was sent, on the phone's own 24-hour clock.
    const sent = banner.locator('time');
    expect(await sent.textContent()).toMatch(/^Sent \d{2}:\d{2}$/);
    const at = (await sent.getAttribute('datetime')) ?? '';
    expect(await sent.textContent()).toBe(await page.evaluate((iso) => {
      const d = new Date(iso);
      return `Sent ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    }, at));

    await page.getByRole('button', { name: 'Dismiss announcement' }).tap();
    await banner.waitFor({ state: 'hidden' });
    // A round trip brings a fresh state, which still carries the announcement: it stays dismissed.
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    await page.reload();
    await waitForView(page, 'waiting');
    expect(await banner.isHidden()).toBe(true);

    // A new one arrives live and by state; it shows, once.
    await announce('Talks start in 5 minutes');
    await banner.getByText('Talks start in 5 minutes').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await waitForView(page, 'idle');
    expect(await banner.locator('[data-announcement]').count()).toBe(1);
    await page.getByRole('button', { name: 'Dismiss announcement' }).tap();
    await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(page, 'waiting');
    expect(await banner.isHidden()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('the end takes down the one that was up, on phones and dashboard; one sent after reaches every thank-you screen, offline or reloaded too', async () => {
    const created = await createEvent(rig.server.url, { name: 'Closing Time', topics: ['Jazz'] });
    const announce = announcer(created);
    // "localhost": there engine.io-client leaves the browser's offline event to the page, so going
    // offline drops the socket at once (see attendee-arrival-timeout-offline.test.ts).
    const url = rig.server.url.replace('127.0.0.1', 'localhost');
    const dashboard = await openDashboard(rig.browser, url, created);
    const [lou, max] = [await openPage(rig.browser, url), await openPage(rig.browser, url)];
    await joinThroughForm(lou.page, created.event.code, { name: 'Lou', topics: ['Jazz'] });
    await joinThroughForm(max.page, created.event.code, { name: 'Max', topics: ['Jazz'] });
    const banner = (page: Page) => page.locator('#announcement');
    const takeDown = dashboard.page.getByRole('button', { name: 'Take it down from the phones' });
    await announce('Short break: matching resumes in 5 minutes');
    for (const { page } of [lou, max]) await banner(page).getByText('Short break: matching resumes in 5 minutes').waitFor();
    await takeDown.waitFor();

    await dashboard.page.getByRole('button', { name: 'End event…' }).click();
    await confirmWith(dashboard.page, 'End event');
    for (const { page } of [lou, max]) {
      await waitForView(page, 'ended');
      await banner(page).waitFor({ state: 'hidden' });
    }
    // The dashboard says what the phones do: it went with the end, and there is nothing to take down.
    await dashboard.page.locator('.announce-result', { hasText: '✓ Taken down with the end: phones no longer show it.' }).waitFor();
    // The tick is drawn, not read: "Taken down with the end…", not "check mark Taken down…".
    expect(await dashboard.page.locator('.announce-result').ariaSnapshot()).toBe('- status: "Taken down with the end: phones no longer show it."');
    await takeDown.waitFor({ state: 'hidden' });
    expect(await dashboard.page.locator('[data-announce-last]').isHidden()).toBe(true);
    await dashboard.page.locator('[data-announce-after-end]', { hasText: 'also those that open it later' }).waitFor();
    // A fresh page of the ended event shows none either.
    await lou.page.reload();
    await waitForView(lou.page, 'ended');
    expect(await banner(lou.page).isHidden()).toBe(true);

    // Max's phone is locked (offline) when the organisers say where the evening goes on.
    await max.page.context().setOffline(true);
    await max.page.getByText('Reconnecting…').waitFor();
    await announce('Drinks carry on at the pub next door 🍻');
    await banner(lou.page).getByText('Drinks carry on at the pub next door 🍻').waitFor();
    await takeDown.waitFor();
    // Lou's reload shows it again; Max's phone, back online, shows it on its thank-you screen.
    await lou.page.reload();
    await waitForView(lou.page, 'ended');
    await banner(lou.page).getByText('Drinks carry on at the pub next door 🍻').waitFor();
    await max.page.context().setOffline(false);
    await max.page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
    await waitForView(max.page, 'ended');
    await banner(max.page).getByText('Drinks carry on at the pub next door 🍻').waitFor();
    // Dismissed, it stays so after a reload.
    await lou.page.getByRole('button', { name: 'Dismiss announcement' }).tap();
    await banner(lou.page).waitFor({ state: 'hidden' });
    await lou.page.reload();
    await waitForView(lou.page, 'ended');
    expect(await banner(lou.page).isHidden()).toBe(true);
    // Chromium logs the tries to reconnect while offline.
    expect([...lou.errors, ...max.errors, ...dashboard.errors].filter((e) => !linkNoise(e))).toEqual([]);
    for (const { page } of [lou, max, dashboard]) await page.context().close();
  });

  /** A long one, as organisers write them: seven lines, 280 characters. */
  const LONG =
    'Talks start in 5 minutes in the main hall.\nPlease finish your chats and head upstairs.\nCoats can stay in the cloakroom.\nThe bar closes at 22:00.\nPizza is in the kitchen.\nThe raffle is at 21:30, tickets at the door.\nThank you to our sponsors for the venue tonight!'.slice(0, 280);

  for (const [width, height] of [[360, 740], [320, 568]] as const) {
    it(`at ${width}x${height}, a new match's card is in view under a long announcement, which folds to one line and opens again`, async () => {
      const created = await createEvent(rig.server.url, { name: `Tall Talk ${width}`, topics: ['Jazz'] });
      await announcer(created)(LONG);
      const device = { ...PHONE, viewport: { width, height } };
      const [ada, bo] = [await openPage(rig.browser, rig.server.url, device), await openPage(rig.browser, rig.server.url, device)];
      const phones = [ada, bo];
      for (const [p, name] of [[ada, 'Ada'], [bo, 'Bo']] as const) {
        await joinThroughForm(p.page, created.event.code, { name, topics: ['Jazz'] });
        await p.page.locator('#announcement').getByText('Thank you to our sponsors').waitFor();
      }
      const { page } = ada;
      const banner = page.locator('#announcement');
      const text = banner.locator('[data-announcement]');
      if (height < 600) {
        // Whole, it would push the heading under the pinned Find bar of so short a phone: it
        // comes folded, the heading in view, and opens whole with a tap.
        const all = page.getByRole('button', { name: 'Show all of the announcement' });
        await all.waitFor();
        const [heading, bar] = [await page.locator('.view-title').boundingBox(), await page.locator('.view .action-bar').boundingBox()];
        expect(heading!.y + heading!.height).toBeLessThanOrEqual(bar!.y);
        await all.tap();
        await page.getByRole('button', { name: 'Show less of the announcement' }).waitFor();
      }
      // Whole, the message runs the banner's full width: the × sits on the line above it.
      const [bannerBox, textBox] = [await banner.boundingBox(), await text.boundingBox()];
      expect(textBox!.width).toBeGreaterThan(bannerBox!.width - 40);
      await closeOnItsRoom(page);

      for (const p of phones) await p.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
      await Promise.all(phones.map((p) => waitForView(p.page, 'matched')));
      const inView = async (target: Locator) => {
        const box = await target.boundingBox();
        return !!box && box.y >= 0 && box.y + box.height <= height;
      };
      expect({
        partner: await inView(page.locator('[data-partner-name]').first()),
        met: await inView(page.getByRole('button', { name: 'We found each other' })),
      }).toEqual({ partner: true, met: true });

      // Still there, on one line, and read whole by a screen reader; a tap opens it again.
      const toggle = page.getByRole('button', { name: 'Show all of the announcement' });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await closeOnItsRoom(page);
      expect(await text.textContent()).toBe(LONG);
      expect((await text.boundingBox())!.height).toBeLessThan(40);
      // The line gets the banner's width between the icon and the ×: enough of it to tell what it is about.
      expect((await text.boundingBox())!.width).toBeGreaterThan(bannerBox!.width * 0.5);

      // Bo's phone reloads while matched: the announcement comes back folded, the card still in view.
      await bo.page.reload();
      await waitForView(bo.page, 'matched');
      await bo.page.getByRole('button', { name: 'Show all of the announcement' }).waitFor();
      expect({
        partner: await inView(bo.page.locator('[data-partner-name]').first()),
        met: await inView(bo.page.getByRole('button', { name: 'We found each other' })),
      }).toEqual({ partner: true, met: true });

      await toggle.tap();
      const less = page.getByRole('button', { name: 'Show less of the announcement' });
      expect(await less.getAttribute('aria-expanded')).toBe('true');
      expect(await text.innerText()).toBe(LONG);
      expect((await text.boundingBox())!.height).toBeGreaterThan(100);
      // And folds again, or goes for good.
      await less.tap();
      await toggle.waitFor();
      await page.getByRole('button', { name: 'Dismiss announcement' }).tap();
      await banner.waitFor({ state: 'hidden' });
      expect(phones.flatMap((p) => p.errors)).toEqual([]);
      for (const p of phones) await p.page.context().close();
    });
  }

  for (const [width, height] of [[360, 740], [320, 568]] as const) {
    it(`at ${width}x${height}, one sent while matched, then while talking, comes folded and marked new, the card in view; a short one has nothing to open`, async () => {
      const created = await createEvent(rig.server.url, { name: `News Over ${width}`, topics: ['Jazz'] });
      const announce = announcer(created);
      const [ada, bo] = await matchedPair(created, { width, height });
      const phones = [ada, bo];
      const { page } = ada;
      const banner = page.locator('#announcement');
      const text = banner.locator('[data-announcement]');
      const mark = banner.locator('[data-announcement-new]');
      const inView = async (target: Locator) => {
        const box = await target.boundingBox();
        return !!box && box.y >= 0 && box.y + box.height <= height;
      };

      await announce(LONG);
      await banner.getByText('Thank you to our sponsors').waitFor({ state: 'attached' });
      expect({
        partner: await inView(page.locator('[data-partner-name]').first()),
        met: await inView(page.getByRole('button', { name: 'We found each other' })),
      }).toEqual({ partner: true, met: true });
      // Folded to its first line, marked new, with Show all: a line and a button, not seven lines.
      expect((await banner.boundingBox())!.height).toBeLessThan(100);
      const toggle = page.getByRole('button', { name: 'Show all of the announcement' });
      await toggle.waitFor();
      expect({ mark: await inView(mark), line: await inView(text) }).toEqual({ mark: true, line: true });
      expect(await mark.textContent()).toBe('New');
      await closeOnItsRoom(page);
      expect((await text.boundingBox())!.height).toBeLessThan(40);
      // Cut on screen only: the alert region holds, and reads, all of it.
      expect(await page.getByRole('alert').filter({ hasText: LONG.slice(-40) }).count()).toBe(1);
      expect(await text.textContent()).toBe(LONG);
      // Opened, it has been seen: whole, and no longer marked new.
      await toggle.tap();
      await page.getByRole('button', { name: 'Show less of the announcement' }).waitFor();
      expect(await mark.isHidden()).toBe(true);
      expect((await text.boundingBox())!.height).toBeGreaterThan(100);

      // Talking now: the next one comes folded and marked new too.
      await page.getByRole('button', { name: 'We found each other' }).tap();
      await waitForView(page, 'chatting');
      const next = `${LONG.slice(0, 200)} (again)`;
      await announce(next);
      await banner.getByText('(again)').waitFor({ state: 'attached' });
      await toggle.waitFor();
      // The heading names Bo as they talk.
      expect(await page.locator('.view-title').textContent()).toContain('Bo');
      expect({
        partner: await inView(page.locator('.view-title')),
        mark: await inView(mark),
        done: await inView(page.getByRole('button', { name: 'Done chatting' })),
      }).toEqual({ partner: true, mark: true, done: true });

      // A short one that fits its line: shown as is, with nothing to open. Marked new on the
      // same line, the ×'s too: one row, not a row of its own for the mark.
      await announce('Doors close at 11.');
      await banner.getByText('Doors close at 11.').waitFor();
      expect(await mark.isVisible()).toBe(true);
      expect(await page.locator('[data-announcement-toggle]').isHidden()).toBe(true);
      expect(await text.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      const [markBox, lineBox] = [(await mark.boundingBox())!, (await text.boundingBox())!];
      expect(markBox.x + markBox.width).toBeLessThanOrEqual(lineBox.x);
      expect(Math.abs(markBox.y + markBox.height / 2 - (lineBox.y + lineBox.height / 2))).toBeLessThan(6);
      expect(await inView(page.getByRole('button', { name: 'Done chatting' }))).toBe(true);
      expect(phones.flatMap((p) => p.errors)).toEqual([]);
      for (const p of phones) await p.page.context().close();
    });
  }

  for (const width of [320, 390] as const) {
    it(`at ${width} px, Show all is beside the alert region, not in it, where it sat, folded and whole, with or without CSS anchor positioning`, async () => {
      const created = await createEvent(rig.server.url, { name: `Show All ${width}`, topics: ['Jazz'] });
      const [ada, bo] = await matchedPair(created, { width, height: 740 });
      const phones = [ada, bo];
      const { page } = ada;
      const alert = page.locator('#announcement[role="alert"]');
      const all = page.getByRole('button', { name: 'Show all of the announcement' });
      const less = page.getByRole('button', { name: 'Show less of the announcement' });
      /** Checks the button in each of the banner's shapes as `message` comes, opening and folding it with taps. */
      const checkEachShape = async (message: string) => {
        await announcer(created)(message);
        await alert.getByText(message.slice(-20)).waitFor({ state: 'attached' });
        expect(await alert.evaluate((el) => el.classList.contains('announcement-news'))).toBe(true);
        // Folded over the card, and marked new; then whole; then folded, no longer new.
        for (const [button, expanded, opens] of [[all, 'false', less], [less, 'true', all], [all, 'false', less]] as const) {
          await button.waitFor();
          // The alert reads the message, and nothing that is a button.
          expect(await alert.getByRole('button').count()).toBe(0);
          expect(await page.locator('[role="alert"] button').count()).toBe(0);
          expect(await button.getAttribute('aria-expanded')).toBe(expanded);
          expect(await alert.locator(`#${await button.getAttribute('aria-controls')}`).textContent()).toBe(message);
          await toggleOnItsRoom(page);
          await settlesTo(page, () => toggleRoomPlace(page), { underMessage: true, atFoot: true, height: 44 });
          await button.tap();
          await opens.waitFor();
        }
      };

      await checkEachShape(LONG);
      // Read and tabbed in the order it was in the region: the message, Show all, then the ×.
      expect(await page.locator('.announcement-box').evaluate((box) => [...box.children].map((el) => el.id || el.className))).toEqual([
        'announcement',
        'announcement-toggle',
        'notice-close',
      ]);

      // A browser without anchor positioning places it by the banner's padding: the same place.
      await withoutAnchorPositioning(page);
      await checkEachShape(`${LONG.slice(0, 200)} (again)`);
      expect(phones.flatMap((p) => p.errors)).toEqual([]);
      for (const p of phones) await p.page.context().close();
    });
  }

  for (const [width, rootPx] of [[320, 16], [320, 20], [390, 16], [390, 20]] as const) {
    it(`at ${width} px and ${rootPx} px text, without CSS anchor positioning, the × is on its room, whole and folded, long and short, the line of who sent it wrapped, and in forced colours`, async () => {
      const created = await createEvent(rig.server.url, { name: `Corner ${width} ${rootPx}`, topics: ['Jazz'] });
      const announce = announcer(created);
      const device = { ...PHONE, viewport: { width, height: 740 } };
      const phones = [await openPage(rig.browser, rig.server.url, device), await openPage(rig.browser, rig.server.url, device)] as const;
      for (const [p, name] of [[phones[0], 'Ada'], [phones[1], 'Bo']] as const) await joinThroughForm(p.page, created.event.code, { name, topics: ['Jazz'] });
      const { page } = phones[0];
      await withoutAnchorPositioning(page);
      // Larger text, as a browser's font-size setting gives it: everything here is in rem.
      await page.evaluate((px) => (document.documentElement.style.fontSize = `${px}px`), rootPx);
      const banner = page.locator('#announcement');
      /** Waits until who sent it takes two lines or more, as it does on a phone: the × is centred on them. */
      const fromWrapped = () =>
        page.waitForFunction(() => {
          const from = document.querySelector('#announcement .announcement-from');
          return !!from && from.getBoundingClientRect().height >= 2 * parseFloat(getComputedStyle(from).lineHeight) - 1;
        });

      // Whole, short: the × centred on who sent it, which takes two or three lines.
      await announce('Doors close at 11.');
      await banner.getByText('Doors close at 11.').waitFor();
      await fromWrapped();
      await closeOnItsRoom(page);

      // Matched, a long one comes folded over the card: the × centred on both rows; opened, on who sent it.
      for (const p of phones) await p.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
      await Promise.all(phones.map((p) => waitForView(p.page, 'matched')));
      await announce(LONG);
      const all = page.getByRole('button', { name: 'Show all of the announcement' });
      await all.waitFor();
      await closeOnItsRoom(page);
      await all.tap();
      await page.getByRole('button', { name: 'Show less of the announcement' }).waitFor();
      await fromWrapped();
      await closeOnItsRoom(page);
      /** In forced colours too, where the banner's border moves the rooms in. */
      const inForcedColoursToo = async () => {
        await page.emulateMedia({ forcedColors: 'active' });
        await closeOnItsRoom(page);
        await page.emulateMedia({ forcedColors: 'none' });
      };
      await inForcedColoursToo();
      // A short one, folded, with nothing to open.
      await announce('Raffle at 9.');
      await banner.getByText('Raffle at 9.').waitFor();
      await page.locator('#announcement.announcement-folded').waitFor();
      await closeOnItsRoom(page);
      await inForcedColoursToo();
      expect(phones.flatMap((p) => p.errors)).toEqual([]);
      for (const p of phones) await p.page.context().close();
    });
  }

  it('one sent while the phone was offline is news once it is back: marked new over the card, with a buzz; after a reload it is not', async () => {
    const created = await createEvent(rig.server.url, { name: 'Patchy Signal News', topics: ['Jazz'] });
    const [ada, bo] = [await openPage(rig.browser, rig.server.url), await openPage(rig.browser, rig.server.url)];
    const { page } = ada;
    await recordBuzzes(page.context());
    for (const [p, name] of [[ada, 'Ada'], [bo, 'Bo']] as const) await joinThroughForm(p.page, created.event.code, { name, topics: ['Jazz'] });
    for (const p of [ada, bo]) await p.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([waitForView(page, 'matched'), waitForView(bo.page, 'matched')]);
    const buzzes = async () => (await buzzesOf(page)).length;
    const before = await buzzes();

    await page.context().setOffline(true);
    await page.getByText('Reconnecting…').waitFor();
    await announcer(created)('Raffle at 9 by the bar');
    const banner = page.locator('#announcement');
    await bo.page.locator('#announcement').getByText('Raffle at 9 by the bar').waitFor();
    expect(await banner.isHidden()).toBe(true);
    await page.context().setOffline(false);
    await banner.getByText('Raffle at 9 by the bar').waitFor();
    expect(await banner.locator('[data-announcement-new]').isVisible()).toBe(true);
    expect(await buzzes()).toBe(before + 1);

    // Reloaded, the page cannot tell it from one seen before: shown, not marked new, no buzz.
    await page.reload();
    await waitForView(page, 'matched');
    await banner.getByText('Raffle at 9 by the bar').waitFor();
    expect(await banner.locator('[data-announcement-new]').isHidden()).toBe(true);
    expect(await buzzes()).toBe(0);
    // Chromium logs each connection attempt refused while offline; nothing else.
    expect(ada.errors.filter((e) => !e.includes('WebSocket connection'))).toEqual([]);
    expect(bo.errors).toEqual([]);
    for (const p of [ada, bo]) await p.page.context().close();
  });
});
