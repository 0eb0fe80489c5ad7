import request from 'supertest';
import { describeInBrowser, LAPTOP, openPage, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { waitForView } from './steps';

jest.setTimeout(30_000);

describeInBrowser('a mistyped join code', () => {
  const rig = useServerAndBrowser();

  it('is refused as 400 VALIDATION_FAILED when malformed, 404 NOT_FOUND when merely unknown (docs/PROTOCOL.md)', async () => {
    for (const code of ['K7QX3', 'K7QX3O', 'K7QX3M-']) {
      const { body } = await request(rig.server.url).get(`/api/events/${code}`).expect(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    }
    const { body } = await request(rig.server.url).get('/api/events/K7QX3M').expect(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('gets the same plain words on the attendee page, however it is wrong', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    // Too short; a letter codes never use; well-formed but nobody's.
    for (const code of ['K7QX3', 'K7QX3O', 'K7QX3M']) {
      await page.goto(`/e/${code}`);
      await waitForView(page, 'missing');
      await page.getByText(`We couldn't find an event with the code ${code}. Check the poster and try again.`).waitFor();
      expect(await page.locator('[data-view="missing"]').textContent()).not.toMatch(/Too small|not a join code|code:/);
    }
    expect(errors.filter((e) => !/status of 40[04]/.test(e))).toEqual([]);
  });

  it('can be typed again right there, instead of reloading the same wrong code', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Second Try' });
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await page.goto('/e/K7QX3M');
    await waitForView(page, 'missing');
    const code = page.getByLabel('Event code');
    // The wrong code is there to correct, not to retype from scratch.
    expect(await code.inputValue()).toBe('K7QX3M');

    // One that cannot be a code is explained without leaving the page.
    await code.fill('K7QX3O');
    await page.getByRole('button', { name: 'Open event' }).tap();
    await page.locator('[data-view="missing"] [role="alert"]').getByText('Event codes never use “O”').waitFor();
    expect(new URL(page.url()).pathname).toBe('/e/K7QX3M');

    await code.fill(event.code.toLowerCase());
    await page.getByRole('button', { name: 'Open event' }).tap();
    await page.waitForURL(`**/e/${event.code}`);
    await waitForView(page, 'join');
    await page.getByRole('heading', { name: 'Second Try' }).waitFor();
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });

  it('is explained on the home page before it leaves it', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Code Club' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    page.setDefaultTimeout(10_000);
    await page.goto('/');
    const panel = page.locator('.panel-join');
    const code = panel.getByLabel('Event code');
    const join = panel.getByRole('button', { name: 'Join' });
    const hint = panel.getByRole('alert');

    await code.fill('k7qx3');
    await join.click();
    await hint.getByText('Event codes have 6 characters').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await code.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await code.getAttribute('aria-invalid')).toBe('true');

    await code.fill('K7QX3O');
    await join.click();
    await hint.getByText('Event codes never use “O”').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // Typing again clears the complaint.
    await code.fill(event.code.toLowerCase().replace(/^(...)/, '$1 '));
    expect(await page.locator('#join-code-error').textContent()).toBe('');
    expect(await code.getAttribute('aria-invalid')).toBeNull();
    await join.click();
    await page.waitForURL(`**/e/${event.code}`);
    await waitForView(page, 'join');
    expect(errors).toEqual([]);
  });
});
