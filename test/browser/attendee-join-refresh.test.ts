import type { Page } from 'playwright-core';
import request from 'supertest';
import type { State } from '../../shared/schemas';
import { JOIN_REFRESH_MS } from '../../client/src/attendee/join-refresh';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { connectOrganiser, control, createEvent, type OrganiserSocket } from '../helpers/server';
import { fillJoinForm, setVisible, tokenOf, waitForView } from './steps';

jest.setTimeout(30_000);

/** The topic chips the join form offers, and whether each is picked. */
const interestChips = (page: Page) =>
  page.locator('[data-chips="interests"] [data-chip]').evaluateAll((els) => els.map((el) => [el.getAttribute('data-chip'), el.getAttribute('aria-pressed')]));

/** The phone puts the page away and takes it out again (locked, another app, another tab). */
async function hideAndShow(page: Page): Promise<void> {
  await setVisible(page, false);
  await setVisible(page, true);
}

describeInBrowser('an open join form takes the organiser’s new topics', () => {
  const sockets: OrganiserSocket[] = [];
  const rig = useServerAndBrowser({ cleanup: () => sockets.forEach((s) => s.disconnect()) });

  /** An event with a misspelt topic, and its organiser's dashboard socket. */
  async function eventWithTypo() {
    const created = await createEvent(rig.server.url, { name: 'Topic Edit Night', topics: ['Pyhton', 'Jazz'] });
    const dashboard = await connectOrganiser(rig.server.url, created.organiserToken, created.event.id);
    sockets.push(dashboard);
    return { event: created.event, edit: (topics: string[]) => control(dashboard, 'event:update', { topics }) };
  }

  it('when the page comes back into view, keeping what was typed and picked, and saying what went', async () => {
    const { event, edit } = await eventWithTypo();
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    await fillJoinForm(page, event.code, { name: 'Ann', topics: ['Pyhton', 'Jazz'], ownInterests: ['Knitting'], lookFor: 'red scarf' });
    await page.getByLabel('Add your own interest').fill('Cho'); // still typing one

    expect(await edit(['Python', 'Jazz', 'Rust'])).toMatchObject({ ok: true });
    await hideAndShow(page);

    await page.locator('[data-chips="interests"] [data-chip="Python"]').waitFor();
    expect(await interestChips(page)).toEqual([
      ['Python', 'false'],
      ['Jazz', 'true'],
      ['Rust', 'false'],
      ['Knitting', 'true'],
    ]);
    await page.locator('[data-topics-note]').getByText("“Pyhton” is no longer one of this event's topics, so we took it off. You can add it back as your own.").waitFor();
    expect(await page.locator('[data-topics-note]').getAttribute('role')).toBe('status');
    // Nothing typed is lost.
    expect(await page.getByLabel('Your first name').inputValue()).toBe('Ann');
    expect(await page.getByLabel('How to spot me').inputValue()).toBe('red scarf');
    expect(await page.getByLabel('Add your own interest').inputValue()).toBe('Cho');

    await page.locator('[data-chips="interests"] [data-chip="Rust"]').tap();
    await page.getByRole('button', { name: 'Join', exact: true }).tap();
    await waitForView(page, 'idle');
    const { body } = await request(rig.server.url).get('/api/me').set('authorization', `Bearer ${await tokenOf(page, event.code)}`).expect(200);
    expect((body as State).me).toMatchObject({ name: 'Ann', interests: ['Jazz', 'Knitting', 'Rust', 'Cho'], lookFor: 'red scarf' });
    expect(errors).toEqual([]);
  });

  it('while the form stays open on screen, and a typed interest now offered becomes that topic', async () => {
    const { event, edit } = await eventWithTypo();
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    page.setDefaultTimeout(10_000);
    // The page's timers run on a clock the test moves: no waiting out the real interval.
    await page.clock.install();
    await fillJoinForm(page, event.code, { name: 'Bo', topics: ['Jazz'], ownInterests: ['rust'] });

    expect(await edit(['Pyhton', 'Jazz', 'Rust'])).toMatchObject({ ok: true });
    await page.clock.runFor(JOIN_REFRESH_MS);
    await page.locator('[data-chips="interests"] [data-chip="Rust"]').waitFor();
    expect(await interestChips(page)).toEqual([
      ['Pyhton', 'false'],
      ['Jazz', 'true'],
      ['Rust', 'true'],
    ]);
    expect(await page.locator('[data-topics-note]').textContent()).toBe('');
    expect(errors).toEqual([]);
  });
});
