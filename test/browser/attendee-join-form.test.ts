import type { Page } from 'playwright-core';
import request from 'supertest';
import type { State } from '../../shared/schemas';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { fillJoinForm, joinThroughForm, tokenOf, waitForView } from './steps';

jest.setTimeout(30_000);

/** What has keyboard focus: its id, else its text. */
const focused = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  return !el || el === document.body ? 'body' : el.id || el.textContent?.trim() || el.tagName;
});

describeInBrowser('the join form', () => {
  const rig = useServerAndBrowser();

  /** The join form of an event offering the topics Jazz and Go, for the keyboard tests. */
  async function keyboardJoinForm() {
    const { event } = await createEvent(rig.server.url, { name: 'Keyboard Social', topics: ['Jazz', 'Go'] });
    const opened = await openPage(rig.browser, rig.server.url);
    opened.page.setDefaultTimeout(10_000);
    await opened.page.goto(`/e/${event.code}`);
    await waitForView(opened.page, 'join');
    return { ...opened, event };
  }

  it('takes Enter ("next") in the name field to the next field, not to joining', async () => {
    const { page, errors, event } = await keyboardJoinForm();
    const name = page.getByLabel('Your first name');
    expect(await name.getAttribute('enterkeyhint')).toBe('next');
    await name.fill('Kit');
    await name.press('Enter');
    expect(await focused(page)).toBe('Jazz'); // the first interest chip
    await waitForView(page, 'join');

    // So Kit can go on to fill in the rest, and joins with it.
    await page.keyboard.press('Enter'); // on the focused chip: picks Jazz
    await page.getByLabel('How to spot me').fill('yellow hat');
    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    expect((body as State).me).toMatchObject({ name: 'Kit', interests: ['Jazz'], lookFor: 'yellow hat' });
    expect(errors).toEqual([]);
  });

  it('keeps focus on a chip toggled with Space, so the keyboard carries on from there', async () => {
    const { page, errors } = await keyboardJoinForm();
    const pressed = () => page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'));
    await page.getByLabel('Your first name').fill('Kit');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Jazz');
    await page.keyboard.press('Space');
    expect(await focused(page)).toBe('Jazz');
    expect(await pressed()).toBe('true');

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Go');
    await page.keyboard.press('Space');
    await page.keyboard.press('Space'); // and off again
    expect([await focused(page), await pressed()]).toEqual(['Go', 'false']);
    expect(errors).toEqual([]);
  });

  it('with no topics to tap, Enter in the name field goes on to "add your own"', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Blank Slate' });
    const { page } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await page.goto(`/e/${event.code}`);
    await waitForView(page, 'join');
    await page.getByLabel('Your first name').fill('Lou');
    await page.getByLabel('Your first name').press('Enter');
    expect(await focused(page)).toBe('chip-input-interests');
    await waitForView(page, 'join');
  });

  it('keeps focus on the Join button when joining fails, so another try is one key away', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Patchy Signal' });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await fillJoinForm(page, event.code, { name: 'Mo' });
    const join = page.getByRole('button', { name: 'Join', exact: true });
    const alert = page.locator('[data-view="join"] [role="alert"]');

    await page.route('**/attendees', (route) => route.abort('internetdisconnected'));
    await join.focus();
    await page.keyboard.press('Enter');
    await alert.getByText("Can't reach Mingle right now").waitFor();
    expect(await join.isEnabled()).toBe(true);
    expect(await focused(page)).toBe('Join');

    await page.unroute('**/attendees');
    await page.route('**/attendees', (route) =>
      route.fulfill({ status: 429, contentType: 'application/json', body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests; try again in 1 minute.' } }) }),
    );
    await page.keyboard.press('Enter');
    await alert.getByText('Too many requests; try again in 1 minute.').waitFor();
    expect(await focused(page)).toBe('Join');

    await page.unroute('**/attendees');
    await page.keyboard.press('Enter');
    await waitForView(page, 'idle');
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('shows the thank-you screen when the event ended while the form was open', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Closing Time' });
    const { page } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await fillJoinForm(page, event.code, { name: 'Nell', ownInterests: ['Chess'] });
    await rig.server.app.services.events.setStatus(event.id, 'ended'); // while Nell was typing

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'ended');
    await page.getByText('Closing Time has wrapped up').waitFor();
    expect(await page.locator('form').count()).toBe(0);
  });

  it('says truthfully what the organisers see', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Open Books' });
    const { page } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await fillJoinForm(page, event.code, { name: 'Ola' });
    // Next to "How to spot me", which the dashboard shows with the first name of whoever waits.
    const spotHint = page.locator('#join-look-for ~ .field-hint');
    expect(await spotHint.textContent()).toMatch(/organisers see it too, with your name/i);

    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    await page.getByRole('button', { name: 'Your data' }).tap();
    const sheet = page.locator('dialog[data-sheet="privacy"]');
    await sheet.getByText('how to spot you').first().waitFor();
    const text = (await sheet.textContent()) ?? '';
    expect(text).not.toContain('The organisers see counts, and reports, but never your contact details.');
    expect(text).toMatch(/wait for a match they see your name and how to spot you/i);
    expect(text).toMatch(/if someone reports you, your first name and the report/i);
    expect(text).toContain('They never see your contact details.');
  });
});
