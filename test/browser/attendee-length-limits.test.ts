import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { State } from '../../shared/schemas';
import { LIMITS } from '../../client/src/shared/limits';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { tokenOf, waitForView } from './steps';

jest.setTimeout(30_000);

/** The length guide under a box (client/src/shared/length-guide.ts): its count and its note. */
function guideOf(page: Page, boxId: string) {
  const guide = page.locator(`[data-limit-of="${boxId}"]`);
  return {
    guide,
    count: guide.locator('.field-limit-count'),
    note: guide.locator('.field-limit-note[role="status"]'),
  };
}

/** The texts `box`'s aria-describedby points at, joined. */
const description = (box: Locator) =>
  box.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

describeInBrowser('the join form says when a name or interest is too long', () => {
  const rig = useServerAndBrowser();

  async function joinForm() {
    const { event } = await createEvent(rig.server.url, { name: 'Long Names Night', topics: ['Tea'] });
    const opened = await openPage(rig.browser, rig.server.url);
    opened.page.setDefaultTimeout(10_000);
    await opened.page.goto(`/e/${event.code}`);
    await waitForView(opened.page, 'join');
    return { ...opened, event };
  }

  it('counts a name near its cap, and says so, with the field, when the rest was left off', async () => {
    const { page, errors, event } = await joinForm();
    const name = page.getByLabel('Your first name');
    const { guide, count, note } = guideOf(page, 'join-name');

    // A short name: nothing to say, and nothing on screen.
    await name.fill('Ann');
    expect(await count.textContent()).toBe('');
    expect(await note.textContent()).toBe('');
    expect(await guide.isVisible()).toBe(false);

    // Near the cap: a count, on screen and read with the field.
    await name.fill('x'.repeat(LIMITS.name - 4));
    expect(await count.textContent()).toBe(`${LIMITS.name - 4} / ${LIMITS.name}`);
    expect(await count.isVisible()).toBe(true);
    expect(await description(name)).toContain(`${LIMITS.name - 4} / ${LIMITS.name}`);

    // Past it: cut at the cap, never in silence.
    const long = 'Maximiliana Alexandrina Konstantinopoulou-Featherstonehaugh';
    expect(long.length).toBeGreaterThan(LIMITS.name);
    await name.fill(long);
    expect(await name.inputValue()).toBe(long.slice(0, LIMITS.name));
    const said = `A name can be up to ${LIMITS.name} characters, so the rest was left off.`;
    await note.getByText(said).waitFor();
    expect(await note.isVisible()).toBe(true);
    expect(await description(name)).toContain(said);

    // Typing on under the cap puts the note away.
    await name.press('Backspace');
    await note.getByText(said).waitFor({ state: 'detached' });
    expect(await count.textContent()).toBe(`${LIMITS.name - 1} / ${LIMITS.name}`);

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    expect((body as State).me.name).toBe(long.slice(0, LIMITS.name - 1));
    expect(errors).toEqual([]);
  });

  it('says when a typed interest, offer or ask was cut, typed or pasted as a list', async () => {
    const { page, errors, event } = await joinForm();
    await page.getByLabel('Your first name').fill('Bo');
    const own = page.getByLabel('Add your own interest');
    const { count, note } = guideOf(page, 'chip-input-interests');
    const said = `An interest can be up to ${LIMITS.topic} characters, so the rest was left off.`;

    const long = 'Competitive sourdough baking and fermentation';
    expect(long.length).toBeGreaterThan(LIMITS.topic);
    await own.fill(long);
    expect(await own.inputValue()).toBe(long.slice(0, LIMITS.topic));
    await note.getByText(said).waitFor();
    expect(await count.textContent()).toBe(`${LIMITS.topic} / ${LIMITS.topic}`);
    await own.press('Enter');
    const chips = page.locator('[data-chips="interests"] [data-chip]');
    await chips.filter({ hasText: long.slice(0, LIMITS.topic) }).waitFor();

    // A pasted list is split into chips: one too long is cut there, and that is said too.
    await own.fill('Go');
    await note.getByText(said).waitFor({ state: 'detached' });
    const tooLong = 'Distributed systems and consensus algorithms';
    await own.fill(`${tooLong}, Chess`);
    await chips.filter({ hasText: tooLong.slice(0, LIMITS.topic) }).waitFor();
    await note.getByText(said).waitFor();

    // "More about you": offers and asks are capped the same way, and say so the same way.
    await page.getByText('More about you (optional)').tap();
    const offer = page.getByLabel('Something you can help with');
    await offer.fill('x'.repeat(LIMITS.topic + 3));
    await guideOf(page, 'chip-input-offers').note.getByText(`Each one can be up to ${LIMITS.topic} characters, so the rest was left off.`).waitFor();
    expect(await offer.inputValue()).toBe('x'.repeat(LIMITS.topic));

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    expect((body as State).me).toMatchObject({
      interests: [long.slice(0, LIMITS.topic), tooLong.slice(0, LIMITS.topic), 'Chess'],
      offers: ['x'.repeat(LIMITS.topic)],
    });
    expect(errors).toEqual([]);
  });
});
