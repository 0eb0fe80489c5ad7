import type { Page } from 'playwright-core';
import request from 'supertest';
import type { CreateEventResponse, EventStatus } from '../../shared/schemas';
import { describeInBrowser, LAPTOP, openPage, PHONE, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';

jest.setTimeout(30_000);

/**
 * Puts an event in this browser's storage as the home page saves one it created, `savedAt` ms
 * after the epoch, so the test decides which is "newest".
 */
async function remember(page: Page, created: CreateEventResponse, savedAt: number): Promise<void> {
  const { id, name, code } = created.event;
  await page.evaluate(
    ([eventId, token, details]) => {
      localStorage.setItem(`mingle:organiser:${eventId}`, token);
      localStorage.setItem(`mingle:organiser-event:${eventId}`, details);
    },
    [id, created.organiserToken, JSON.stringify({ name, code, savedAt })] as const,
  );
}

/** The names listed, in order, of the entries shown (not those tucked away). */
const shownNames = (page: Page) =>
  page.locator('.organised-event:visible .organised-name').evaluateAll((els) => els.map((el) => el.textContent));

/** Waits until the home page has asked the server about every remembered event. */
const listChecked = (page: Page) => page.locator('[data-organised-events="checked"]').waitFor();

describeInBrowser('home page: the list of events on this device', () => {
  const rig = useServerAndBrowser({ config: { eventsPerHourPerAddress: 100 } });

  /**
   * The home page on `device`, in a browser that remembers `events` (the first the newest), once
   * it has asked the server about each of them.
   */
  async function homeRemembering(device: typeof LAPTOP, events: CreateEventResponse[]) {
    const tracked = await openPage(rig.browser, rig.server.url, device);
    await tracked.page.goto('/');
    for (const [i, created] of events.entries()) await remember(tracked.page, created, 1_000 - i);
    await tracked.page.reload();
    await listChecked(tracked.page);
    return tracked;
  }

  /** Creates an event through the API and takes it to `status` with its organiser token. */
  async function eventIn(name: string, status: EventStatus): Promise<CreateEventResponse> {
    const created = await createEvent(rig.server.url, { name });
    const route = { open: null, paused: 'pause', ended: 'end' }[status];
    if (route) {
      await request(rig.server.url)
        .post(`/api/events/${created.event.id}/${route}`)
        .set('authorization', `Bearer ${created.organiserToken}`)
        .expect(200);
    }
    return created;
  }

  it('badges each event Live, Paused or Ended, lists live ones first and ended ones last, and tucks the rest away', async () => {
    // Remembered newest first in an order that mixes the statuses.
    const saved = [
      await eventIn('Old Social', 'ended'),
      await eventIn('Quiz Night', 'open'),
      await eventIn('Last Week', 'ended'),
      await eventIn('Book Club', 'paused'),
      await eventIn('Board Games', 'open'),
    ];
    const { page, errors } = await homeRemembering(LAPTOP, saved);

    // At most three at first: the live and paused ones; the ended ones behind "Show all".
    expect(await shownNames(page)).toEqual(['Quiz Night', 'Board Games', 'Book Club']);
    const toggle = page.getByRole('button', { name: 'Show all (5)' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // The join box no longer sinks below the first screen of a laptop.
    const join = await page.locator('.panel-join').boundingBox();
    expect(join!.y).toBeLessThan(LAPTOP.viewport!.height);

    await toggle.click();
    expect(await shownNames(page)).toEqual(['Quiz Night', 'Board Games', 'Book Club', 'Old Social', 'Last Week']);
    const badges = await page.locator('.organised-event .organised-status').evaluateAll((els) => els.map((el) => el.textContent));
    expect(badges).toEqual(['Live', 'Live', 'Paused', 'Ended', 'Ended']);
    const fewer = page.getByRole('button', { name: 'Show fewer' });
    expect(await fewer.getAttribute('aria-expanded')).toBe('true');
    await fewer.click();
    expect(await shownNames(page)).toEqual(['Quiz Night', 'Board Games', 'Book Club']);
    expect(errors).toEqual([]);
  });

  it('shows every event, with no toggle, when there are only a few', async () => {
    const saved = [await eventIn('Done Already', 'ended'), await eventIn('Still Going', 'open')];
    const { page } = await homeRemembering(PHONE, saved);
    expect(await shownNames(page)).toEqual(['Still Going', 'Done Already']);
    expect(await page.getByRole('button', { name: /^Show all/ }).count()).toBe(0);
  });

  it('forgets an event on this device only: gone after a reload, still on the server', async () => {
    const keep = await eventIn('Keep Me', 'open');
    const drop = await eventIn('Drop Me', 'open');
    const { page, errors } = await homeRemembering(PHONE, [keep, drop]);

    const forget = page.getByRole('button', { name: 'Forget Drop Me' });
    // Its description says that the event itself carries on.
    const description = await forget.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toMatch(/doesn.t delete/i);
    expect(await forget.getAttribute('title')).toMatch(/doesn.t delete/i);
    await forget.click();
    await page.locator(`[data-organised-event="${drop.event.id}"]`).waitFor({ state: 'detached' });
    expect(await shownNames(page)).toEqual(['Keep Me']);

    await page.reload();
    await listChecked(page);
    expect(await shownNames(page)).toEqual(['Keep Me']);
    expect(await page.evaluate((id) => localStorage.getItem(`mingle:organiser:${id}`), drop.event.id)).toBeNull();
    expect(await page.evaluate((id) => localStorage.getItem(`mingle:organiser-event:${id}`), drop.event.id)).toBeNull();

    // Mingle still has it: its token still opens it, and it is still open.
    const res = await request(rig.server.url)
      .get(`/api/events/${drop.event.id}/organiser`)
      .set('authorization', `Bearer ${drop.organiserToken}`)
      .expect(200);
    expect(res.body.event).toMatchObject({ name: 'Drop Me', status: 'open' });
    expect(errors).toEqual([]);
  });

  it('takes a forget back with Undo', async () => {
    const only = await eventIn('Only One', 'paused');
    const { page } = await homeRemembering(LAPTOP, [only]);
    await page.getByRole('button', { name: 'Forget Only One' }).click();
    const undo = page.getByRole('button', { name: 'Undo forgetting Only One' });
    // Focus stays in the list, on the way back.
    await page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
    await undo.click();
    await page.getByRole('button', { name: 'Forget Only One' }).waitFor();
    await page.reload();
    await listChecked(page);
    expect(await shownNames(page)).toEqual(['Only One']);
    expect(await page.locator('.organised-status').textContent()).toBe('Paused');
  });

  it('says a forgotten live event still runs, and never says so of one that has ended', async () => {
    const live = await eventIn('Still On', 'open');
    const done = await eventIn('All Over', 'ended');
    const { page, errors } = await homeRemembering(LAPTOP, [live, done]);

    await page.getByRole('button', { name: 'Forget Still On' }).click();
    await page.locator('.organised-forgotten', { hasText: 'Forgot “Still On” on this device. It still runs on Mingle.' }).waitFor();
    await page.getByRole('button', { name: 'Forget All Over' }).click();
    const ended = page.locator('.organised-forgotten', { hasText: 'Forgot “All Over” on this device.' });
    await ended.waitFor();
    expect(await ended.textContent()).not.toMatch(/runs/);
    expect(await ended.textContent()).toMatch(/Mingle keeps its record until its data is deleted\./);
    expect(errors).toEqual([]);
  });
});
