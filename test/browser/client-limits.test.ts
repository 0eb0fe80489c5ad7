import request from 'supertest';
import { AnnouncePayload, CreateEventBody, JoinBody, PLANNED_END_MAX_DAYS, type State } from '../../shared/schemas';
import { LIMITS } from '../../client/src/shared/limits';
import { describeInBrowser, LAPTOP, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { dashboardReady, openDashboard } from './organiser-steps';
import { tokenOf, waitForView } from './steps';

jest.setTimeout(30_000);

/** Lengths as the server counts them: in code points, so an emoji is one. */
const length = (s: string) => Array.from(s).length;
const HALF_AN_EMOJI = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The client's form limits (client/src/shared/limits.ts) must match the server's schemas. */
describe('client form limits', () => {
  const word = (n: number) => 'x'.repeat(n);
  const many = (n: number, len = 5) => Array.from({ length: n }, (_, i) => `${i}${word(len)}`);

  it('match JoinBody', () => {
    const ok = { name: word(LIMITS.name), interests: many(LIMITS.interests), lookFor: word(LIMITS.lookFor), offers: many(LIMITS.offers), asks: many(LIMITS.asks) };
    expect(JoinBody.safeParse(ok).success).toBe(true);
    expect(JoinBody.safeParse({ ...ok, interests: [word(LIMITS.topic)] }).success).toBe(true);
    for (const tooMuch of [
      { name: word(LIMITS.name + 1) },
      { interests: many(LIMITS.interests + 1) },
      { interests: [word(LIMITS.topic + 1)] },
      { lookFor: word(LIMITS.lookFor + 1) },
      { offers: many(LIMITS.offers + 1) },
      { asks: many(LIMITS.asks + 1) },
    ]) {
      expect(JoinBody.safeParse({ ...ok, ...tooMuch }).success).toBe(false);
    }
  });

  it('match CreateEventBody', () => {
    const ok = { name: word(LIMITS.eventName), topics: many(LIMITS.eventTopics), spots: [word(LIMITS.spot), ...many(LIMITS.spots - 1)] };
    expect(CreateEventBody.safeParse(ok).success).toBe(true);
    for (const tooMuch of [
      { name: word(LIMITS.eventName + 1) },
      { topics: many(LIMITS.eventTopics + 1) },
      { topics: [word(LIMITS.topic + 1)] },
      { spots: many(LIMITS.spots + 1) },
      { spots: [word(LIMITS.spot + 1)] },
    ]) {
      expect(CreateEventBody.safeParse({ ...ok, ...tooMuch }).success).toBe(false);
    }
  });

  it('match the planned end’s reach (PlannedEnd, and the cap from creation on a change)', () => {
    expect(LIMITS.endsAtDays).toBe(PLANNED_END_MAX_DAYS);
  });

  it('match AnnouncePayload', () => {
    expect(AnnouncePayload.safeParse({ message: word(LIMITS.announcement) }).success).toBe(true);
    expect(AnnouncePayload.safeParse({ message: word(LIMITS.announcement + 1) }).success).toBe(false);
  });

  it('count an emoji as one, as the forms do', () => {
    const emoji = (n: number) => '🎸'.repeat(n);
    expect(JoinBody.safeParse({ name: emoji(LIMITS.name), interests: [emoji(LIMITS.topic)], lookFor: emoji(LIMITS.lookFor) }).success).toBe(true);
    expect(JoinBody.safeParse({ name: emoji(LIMITS.name + 1) }).success).toBe(false);
    expect(JoinBody.safeParse({ name: 'Ann', interests: [emoji(LIMITS.topic + 1)] }).success).toBe(false);
    expect(CreateEventBody.safeParse({ name: emoji(LIMITS.eventName), topics: [emoji(LIMITS.topic)], spots: [emoji(LIMITS.spot)] }).success).toBe(true);
    expect(CreateEventBody.safeParse({ name: emoji(LIMITS.eventName + 1) }).success).toBe(false);
  });

  it('allow an end time as far ahead as the server does', () => {
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    expect(CreateEventBody.safeParse({ name: 'E', endsAt: at(LIMITS.endsAtDays * 86_400_000 - 60_000) }).success).toBe(true);
    expect(CreateEventBody.safeParse({ name: 'E', endsAt: at(LIMITS.endsAtDays * 86_400_000 + 60_000) }).success).toBe(false);
  });
});

describeInBrowser('client form limits, with emoji', () => {
  const rig = useServerAndBrowser();
  const emoji = (n: number) => '🎸'.repeat(n);

  it('let a name, a typed interest and "how to spot me" have their full length in emoji', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Emoji Night' });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await page.goto(`/e/${event.code}`);
    await waitForView(page, 'join');
    const name = page.getByLabel('Your first name');
    await name.fill(emoji(LIMITS.name + 5));
    expect(length(await name.inputValue())).toBe(LIMITS.name);
    const own = page.getByLabel('Add your own interest');
    await own.fill(emoji(LIMITS.topic + 5));
    expect(length(await own.inputValue())).toBe(LIMITS.topic);
    await own.press('Enter');
    const lookFor = page.getByLabel('How to spot me');
    await lookFor.fill(emoji(LIMITS.lookFor + 5));
    expect(length(await lookFor.inputValue())).toBe(LIMITS.lookFor);
    // Plain letters stop at the same place.
    await name.fill('x'.repeat(LIMITS.name + 5));
    expect(await name.inputValue()).toBe('x'.repeat(LIMITS.name));
    await name.fill(emoji(LIMITS.name));

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    expect((body as State).me).toMatchObject({ name: emoji(LIMITS.name), interests: [emoji(LIMITS.topic)], lookFor: emoji(LIMITS.lookFor) });
    expect(errors).toEqual([]);
  });

  it('take a suggested topic longer than 32 UTF-16 units whole, never half an emoji', async () => {
    // Both fit the server's 32 (code points); both are over 32 in UTF-16 units.
    const topics = [emoji(20), `${'x'.repeat(LIMITS.topic - 1)}🎸`];
    const { event } = await createEvent(rig.server.url, { name: 'Long Topics', topics });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await page.goto(`/e/${event.code}`);
    await waitForView(page, 'join');
    await page.getByLabel('Your first name').fill('Ivy');
    const chips = page.locator('[data-chips="interests"] [data-chip]');
    for (const topic of topics) await page.locator(`[data-chips="interests"] [data-chip="${topic}"]`).tap();
    // The two suggestions, now on: no truncated extra chip beside them.
    expect(await chips.evaluateAll((els) => els.map((el) => [el.getAttribute('data-chip'), el.getAttribute('aria-pressed')]))).toEqual(
      topics.map((t) => [t, 'true']),
    );
    // Typing a suggestion picks it too.
    const own = page.getByLabel('Add your own interest');
    await page.locator(`[data-chips="interests"] [data-chip="${topics[1]}"]`).tap(); // off again
    await own.fill(topics[1]!.toUpperCase());
    await own.press('Enter');
    expect(await chips.count()).toBe(2);

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    const { interests } = (body as State).me;
    expect(interests).toEqual(topics);
    expect(interests.some((t) => HALF_AN_EMOJI.test(t))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('let an event name have its full length in emoji', async () => {
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    const name = page.getByLabel('Event name');
    await name.fill(emoji(LIMITS.eventName + 5));
    expect(length(await name.inputValue())).toBe(LIMITS.eventName);
  });
});

describeInBrowser('organiser form limits, with emoji', () => {
  const rig = useServerAndBrowser();
  const emoji = (n: number) => '🎸'.repeat(n);

  it('let an announcement and the event name have their full length in emoji, counted as one each', async () => {
    const created = await createEvent(rig.server.url, { name: 'Emoji Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    await dashboardReady(page, 'Emoji Night');
    const text = page.locator('#announce-text');
    await text.fill(emoji(LIMITS.announcement + 5));
    expect(length(await text.inputValue())).toBe(LIMITS.announcement);
    await page.locator('#announce-count').getByText(`${LIMITS.announcement} / ${LIMITS.announcement}`).waitFor();
    const name = page.locator('#edit-name');
    await name.fill(emoji(LIMITS.eventName + 5));
    expect(length(await name.inputValue())).toBe(LIMITS.eventName);
    expect(errors).toEqual([]);
  });
});
