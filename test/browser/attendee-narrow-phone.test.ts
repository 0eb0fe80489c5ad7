import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import request from 'supertest';
import { LIMITS } from '../../client/src/shared/limits';
import { describeInBrowser, openPage, PHONE, useServerAndBrowser, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, meetOnTwoPhones, waitForSettled, waitForView } from './steps';

jest.setTimeout(45_000);

/** A small phone (iPhone SE width): the narrowest the attendee page has to fit. */
const NARROW_PHONE = { ...PHONE, viewport: { width: 320, height: 844 } };

/** A common small Android phone: 360 px wide. */
const PHONE_360 = { ...PHONE, viewport: { width: 360, height: 740 } };

/** The first phones 320 px wide (iPhone SE, 1st generation): short as well as narrow. */
const SHORT_NARROW_PHONE = { ...PHONE, viewport: { width: 320, height: 568 } };

/**
 * Ann and `bobName` meet on two phones of `device` at a new event, then one of them (`ends`) taps
 * Done chatting: Bob is back on the idle screen, under the "Good chat with Ann?" card (and, if
 * Ann ended it, a notice saying so).
 */
async function afterAChat(
  rig: { browser: Browser; server: { url: string } },
  device: BrowserContextOptions,
  eventName: string,
  { bobName = 'Bob', ends = 'ann' }: { bobName?: string; ends?: 'ann' | 'bob' } = {},
) {
  const created = await createEvent(rig.server.url, { name: eventName, topics: ['Maps'] });
  const [ann, bob] = await meetOnTwoPhones(rig.browser, rig.server.url, created.event.code, ['Ann', bobName], 'Maps', device);
  await (ends === 'ann' ? ann : bob).page.getByRole('button', { name: 'Done chatting' }).tap();
  await waitForView(bob.page, 'idle');
  await bob.page.locator('#after-chat').getByText('Good chat with Ann?').waitFor();
  return { created, event: created.event, ann, bob, page: bob.page };
}

/**
 * Brings each of the screen's lines of text into view, as find-in-page or a screen reader's
 * reading cursor does, and says by how many pixels each then sits under the sticky action bar.
 */
async function underTheBar(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const under: Record<string, number> = {};
    const bar = document.querySelector('.view .action-bar')!;
    for (const text of document.querySelectorAll<HTMLElement>('.view p:not(:empty)')) {
      window.scrollTo(0, 0);
      text.scrollIntoView({ block: 'nearest' });
      const range = document.createRange();
      range.selectNodeContents(text);
      const lines = [...range.getClientRects()];
      const covered = Math.max(0, lines[lines.length - 1]!.bottom - bar.getBoundingClientRect().top);
      under[text.textContent!] = Math.round(covered);
    }
    return under;
  });
}

/** The page does not scroll sideways, and nothing in `within` sticks out past its right edge. */
async function expectToFit(page: Page, within: string): Promise<void> {
  const fit = await page.evaluate((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect();
    if (!box) throw new Error(`no ${sel} on the page`);
    const sticking = [...document.querySelectorAll(`${sel} *`)]
      .filter((el) => el.getBoundingClientRect().right > box.right + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, sticking };
  }, within);
  expect(fit.sticking).toEqual([]);
  expect(fit.scrollWidth).toBeLessThanOrEqual(fit.innerWidth);
}

/** The button is wholly on screen and is what a tap at its centre lands on. */
async function expectTappable(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name });
  const box = await button.boundingBox();
  if (!box) throw new Error(`"${name}" is not shown`);
  const size = page.viewportSize()!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
  await waitForSettled(page);
  const hit = await button.evaluate((el, [x, y]) => el.contains(document.elementFromPoint(x!, y!)), [box.x + box.width / 2, box.y + box.height / 2]);
  expect(hit).toBe(true);
}

/** Whether a text box's placeholder fits inside it, or is cut off at its edge. */
async function placeholderFit(page: Page, label: string) {
  return page.getByLabel(label).evaluate((el: HTMLInputElement) => {
    const style = getComputedStyle(el, '::placeholder');
    const pen = document.createElement('canvas').getContext('2d')!;
    pen.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const box = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
    return { placeholder: el.placeholder, fits: pen.measureText(el.placeholder).width <= room };
  });
}

describeInBrowser('attendee pages on a narrow phone, with the longest name and interest', () => {
  const rig = useServerAndBrowser();
  // One unbroken word each, as long as the server allows.
  const longName = 'Maximilianobartholomewjohnsonwilliamsxyz';
  const longTopic = 'Supercalifragilisticexpialidocio';

  it('keeps the match card inside the screen and "We found each other" within reach', async () => {
    expect([longName.length, longTopic.length]).toEqual([LIMITS.name, LIMITS.topic]);
    const { event } = await createEvent(rig.server.url, { name: 'Small Screens', topics: [longTopic], spots: ['By the piano'] });
    const max: TrackedPage = await openPage(rig.browser, rig.server.url, NARROW_PHONE);
    const kim: TrackedPage = await openPage(rig.browser, rig.server.url, NARROW_PHONE);
    await joinThroughForm(max.page, event.code, { name: longName, topics: [longTopic], lookFor: 'x'.repeat(LIMITS.lookFor) });
    await joinThroughForm(kim.page, event.code, { name: 'Kim', topics: [longTopic] });
    await expectToFit(max.page, '.view');
    await max.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(max.page, 'waiting');
    await expectToFit(max.page, '.view');
    await kim.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([waitForView(max.page, 'matched'), waitForView(kim.page, 'matched')]);

    // Kim's card names Max, with the long interest in the icebreaker and "You both like".
    await kim.page.locator('[data-partner-name]', { hasText: longName }).waitFor();
    await kim.page.locator('.match-card .chip', { hasText: longTopic }).waitFor();
    await kim.page.locator('.keep-status', { hasText: longName }).waitFor();
    for (const { page } of [kim, max]) {
      await expectToFit(page, '.match-card');
      await expectToFit(page, '.view');
      await expectTappable(page, 'We found each other');
    }

    await kim.page.getByRole('button', { name: 'We found each other' }).tap();
    await Promise.all([waitForView(max.page, 'chatting'), waitForView(kim.page, 'chatting')]);
    await expectToFit(kim.page, '.match-card');
    await expectTappable(kim.page, 'Find someone new');

    // The keep-in-touch sheet, then the after-chat card and People I met on the idle screen.
    await kim.page.getByRole('button', { name: 'Keep in touch' }).tap();
    await expectToFit(kim.page, 'dialog[data-sheet="keep"]');
    await kim.page.getByRole('button', { name: 'Close' }).tap();
    await kim.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(kim.page, 'idle');
    await kim.page.locator('#after-chat').getByText(`Good chat with ${longName}?`).waitFor();
    await expectToFit(kim.page, '#after-chat');
    // The question has the card's width beside its ×, the votes under it: beside the votes it
    // had a third of the width, a word or two a line.
    const [card, question, votes, close] = await Promise.all(
      ['#after-chat', '.after-chat-question', '#after-chat .votes', '#after-chat .notice-close'].map(async (sel) => (await kim.page.locator(sel).first().boundingBox())!),
    );
    expect(question!.width).toBeGreaterThan(card!.width * 0.6);
    expect(votes!.y).toBeGreaterThanOrEqual(question!.y + question!.height - 1);
    expect(close!.y).toBeLessThan(question!.y + question!.height);
    await kim.page.locator('[data-open-people]').tap();
    await kim.page.locator('dialog[data-sheet="people"] [data-person-name]', { hasText: longName }).waitFor();
    await expectToFit(kim.page, 'dialog[data-sheet="people"]');

    expect([...max.errors, ...kim.errors]).toEqual([]);
  });

  it('says the interests are full in words that fit the box, on a small phone and a common one', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Ten Things' });
    for (const device of [NARROW_PHONE, PHONE]) {
      const { page, errors } = await openPage(rig.browser, rig.server.url, device);
      await page.goto(`/e/${event.code}`);
      await waitForView(page, 'join');
      const own = page.getByLabel('Add your own interest');
      for (let i = 1; i <= LIMITS.interests; i++) {
        await own.fill(`Topic ${i}`);
        await own.press('Enter');
      }
      expect(await own.isDisabled()).toBe(true);
      const fit = await placeholderFit(page, 'Add your own interest');
      expect(fit.placeholder).toMatch(new RegExp(`\\b${LIMITS.interests}\\b`));
      expect(fit).toMatchObject({ fits: true });
      expect(errors).toEqual([]);
    }
  });

  it('leaves room for the Cancel bar: a notice and the waiting words, each line brought into view, clear of it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Short Screens', topics: ['Maps'] });
    const ann = await openPage(rig.browser, rig.server.url, SHORT_NARROW_PHONE);
    const bob = await openPage(rig.browser, rig.server.url, SHORT_NARROW_PHONE);
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Maps'] });
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['Maps'] });
    for (const { page } of [ann, bob]) await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([waitForView(ann.page, 'matched'), waitForView(bob.page, 'matched')]);
    // They could not find each other: Ann is looking again, under a notice that says so.
    await bob.page.getByRole('button', { name: "Can't find them" }).tap();
    await waitForView(ann.page, 'waiting');
    await ann.page.locator('#notice', { hasText: "We'll find you someone else." }).waitFor();
    await ann.page.locator('.waiting-others', { hasText: "Nobody's free to pair with you just now." }).waitFor();
    // The screen is taller than the phone: it scrolls, under the bar pinned to the bottom.
    expect(await ann.page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
    expect(await ann.page.locator('.view .action-bar').evaluate((el) => getComputedStyle(el).position)).toBe('sticky');

    const under = await underTheBar(ann.page);
    expect(Object.keys(under)).toContain("Keep this page open — we'll show you here the moment we find someone.");
    expect(Object.entries(under).filter(([, px]) => px > 0)).toEqual([]);
    await expectTappable(ann.page, 'Cancel');
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });
  it('at 320x568, after a chat: the "Good chat?" card and a notice leave the heading in view above the pinned Find bar, and nothing ends under it', async () => {
    // Ann wraps up: Bob is back on the idle screen under a notice saying so, and the card about Ann.
    const { ann, bob, page } = await afterAChat(rig, SHORT_NARROW_PHONE, 'After Words');
    await page.locator('#notice', { hasText: 'Ann wrapped up your chat.' }).waitFor();
    const bar = page.locator('.view .action-bar');
    expect(await bar.evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
    // The screen is taller than the phone: it scrolls, under the bar pinned to the bottom.
    expect(await page.evaluate(() => document.documentElement.scrollHeight > innerHeight)).toBe(true);
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;

    // At the top: the notice first, and the screen's heading whole above the bar.
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const [notice, heading, barAtTop] = [await box('#notice'), await box('.view-title'), await box('.view .action-bar')];
    expect(notice.y).toBeGreaterThanOrEqual(0);
    expect(heading.y + heading.height).toBeLessThanOrEqual(barAtTop.y);
    // The room kept below for lines brought into view is the bar's real height, its button on two lines.
    const room = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom));
    expect(Math.abs(room - barAtTop.height)).toBeLessThan(1);
    await expectTappable(page, 'Find someone to chat to');

    // At the bottom: the screen's last content ends above the bar, and its links are below it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const [last, barAtEnd, links] = [await box('[data-open-people]'), await box('.view .action-bar'), await box('.view .link-row')];
    expect(last.y + last.height).toBeLessThanOrEqual(barAtEnd.y);
    expect(links.y).toBeGreaterThanOrEqual(barAtEnd.y + barAtEnd.height - 1);
    await expectTappable(page, 'Your data');
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  it('at 320x568, after a chat: a three-line announcement on the idle screen comes folded, the heading in view above the pinned bar; Show all opens it', async () => {
    const { created, event, ann, bob, page } = await afterAChat(rig, SHORT_NARROW_PHONE, 'Loud Evening', { bobName: 'Robert', ends: 'bob' });
    const message = 'Talks start in 5 minutes in the main hall.\nPlease finish your chats and head upstairs.\nCoats can stay in the cloakroom.';
    await request(rig.server.url)
      .post(`/api/events/${event.id}/announce`)
      .set('authorization', `Bearer ${created.organiserToken}`)
      .send({ message })
      .expect(200);
    const toggle = page.getByRole('button', { name: 'Show all of the announcement' });
    await toggle.waitFor();
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const [heading, bar] = [await box('.view-title'), await box('.view .action-bar')];
    expect(heading.y).toBeGreaterThanOrEqual(0);
    expect(heading.y + heading.height).toBeLessThanOrEqual(bar.y);
    // Cut on screen only: a screen reader has it whole; a tap shows it whole.
    const text = page.locator('#announcement [data-announcement]');
    expect(await text.textContent()).toBe(message);
    await toggle.tap();
    await page.getByRole('button', { name: 'Show less of the announcement' }).waitFor();
    expect(await text.innerText()).toBe(message);
    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });

  for (const device of [SHORT_NARROW_PHONE, PHONE_360]) {
    const { width, height } = device.viewport;
    it(`at ${width}x${height}, looking again after a chat while matching is paused: the heading and the paused line are in view above the pinned Cancel bar`, async () => {
      const { event, ann, bob, page } = await afterAChat(rig, device, 'Paused Words');
      // The organiser pauses matching; Bob gets in the queue anyway, the card about Ann still up.
      await rig.server.app.services.events.setStatus(event.id, 'paused');
      await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
      await waitForView(page, 'waiting');
      await page.locator('#after-chat').getByText('Good chat with Ann?').waitFor();
      const paused = page.getByText("Matching is paused, back soon. You'll keep your place.");
      await paused.waitFor();
      await waitForSettled(page);
      expect(await page.locator('.view .action-bar').evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
      const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;

      // As the screen opens: its heading and the paused line whole above the bar.
      expect(await page.evaluate(() => scrollY)).toBe(0);
      const [heading, pausedLine, bar] = [await box('[data-view="waiting"] .view-title'), (await paused.boundingBox())!, await box('.view .action-bar')];
      expect(heading.y).toBeGreaterThanOrEqual(0);
      expect(heading.y + heading.height).toBeLessThanOrEqual(bar.y);
      expect(pausedLine.y + pausedLine.height).toBeLessThanOrEqual(bar.y);
      // Each line of the screen, brought into view, clear of the bar; and the bar within reach.
      const under = await underTheBar(page);
      expect(Object.keys(under)).toContain("Keep this page open — we'll show you here the moment we find someone.");
      expect(Object.entries(under).filter(([, px]) => px > 0)).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await expectTappable(page, 'Cancel');
      expect([...ann.errors, ...bob.errors]).toEqual([]);
    });
  }

  it('at 360 px: the event\'s long name is there in full on the idle screen, and "Yes, delete my data" sits on one line', async () => {
    const longEventName = 'The Annual Northern Regional Conference of Independent Booksellers 2026';
    const { event } = await createEvent(rig.server.url, { name: longEventName, topics: ['Maps'] });
    const { page, errors } = await openPage(rig.browser, rig.server.url, PHONE_360);
    await joinThroughForm(page, event.code, { name: 'Ann', topics: ['Maps'] });
    await waitForView(page, 'idle');
    // Shown whole, not cut with an ellipsis: the top bar may shorten it, the idle screen may not.
    const full = page.locator('[data-view="idle"]').getByText(longEventName);
    expect(await full.isVisible()).toBe(true);
    expect(await full.evaluate((el) => el.scrollWidth <= el.clientWidth && getComputedStyle(el).textOverflow !== 'ellipsis')).toBe(true);
    await expectToFit(page, '.view');

    await page.getByRole('button', { name: 'Your data' }).tap();
    await page.getByRole('button', { name: 'Delete my data now' }).tap();
    const yes = page.getByRole('button', { name: 'Yes, delete my data' });
    await yes.waitFor();
    // One line of its text: the button's height is its padding and a single line, not three.
    const fit = await yes.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return { lines: lines.size, height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) || 0 };
    });
    expect(fit.lines).toBe(1);
    expect(fit.height).toBeLessThan(3 * Math.max(fit.lineHeight, 20));
    const box = (await yes.boundingBox())!;
    expect(box.height).toBeLessThan(64);
    await expectToFit(page, 'dialog[data-sheet="privacy"]');
    await expectTappable(page, 'Yes, delete my data');
    expect(errors).toEqual([]);
  });
});
