import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { call, createEvent } from '../helpers/server';
import { ariaOutline, descriptionOf, holdsFocus, nameOf } from './a11y-probes/aria-outline';
import { organiserLink, openDashboard, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** The whole page, as a screen reader lists it: every control named, one h1 (this one), no level skipped. */
async function expectOutline(page: Page, h1: string): Promise<void> {
  const o = await ariaOutline(page.locator('body'));
  expect({ h1, unnamed: o.unnamed, h1s: o.headings.filter((h) => h.startsWith('h1 ')), skips: o.skips }).toEqual({ h1, unnamed: [], h1s: [`h1 ${h1}`], skips: [] });
}

/** `opener` opens a dialog named `name` (and described by words with `description`) that takes the focus; Escape closes it and gives the focus back. */
async function expectDialog(page: Page, opener: Locator, name: string | RegExp, description?: string): Promise<void> {
  await opener.click();
  const dialog = page.getByRole('dialog', { name, exact: true });
  await dialog.waitFor();
  expect({ name, focused: await holdsFocus(dialog), unnamed: (await ariaOutline(dialog)).unnamed }).toEqual({ name, focused: true, unnamed: [] });
  // What will happen is read as the dialog opens, before the choice.
  if (description) expect(await descriptionOf(dialog)).toContain(description);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect({ name, back: await holdsFocus(opener) }).toEqual({ name, back: true });
}

/**
 * `target` (found by its words, with or without an icon before them) is named by its words
 * alone: the icon is drawn, not read out ("down arrow Download CSV").
 */
async function expectNamedInWords(target: Locator, words: string): Promise<void> {
  await target.waitFor();
  expect({ words, name: await nameOf(target) }).toEqual({ words, name: words });
}

/**
 * A status or hint line led by a drawn icon (✓, 🔒, ⚠️, 🎉) is read as its words alone, not
 * "check mark Saved" or "lock Anyone with…": what a screen reader reads of it, with no icon in it.
 */
async function expectReadWithoutIcon(line: Locator, words: string | RegExp): Promise<void> {
  await line.waitFor();
  const read = await line.ariaSnapshot();
  expect({ read, icon: /[✓🔒⚠🎉]/u.test(read) }).toEqual({ read: expect.stringMatching(words), icon: false });
}

/**
 * What a screen reader's user gets on the organiser's laptop: the dashboard with people in it,
 * its dialogs, and the pages before it (home, and the dashboard without its link).
 */
describeInBrowser('accessibility: the dashboard and home page through a screen reader', () => {
  const { rig, attendees } = useDashboardRig();

  it('dashboard: every control named, one h1, chips say their state once, dialogs take the focus and give it back', async () => {
    const created = await createEvent(rig.server.url, { name: 'Screen Reader Dashboard', topics: ['AI', 'Jazz'], spots: ['By the bar'] });
    const cy = await simulateAttendee(rig.server.url, created.event.code, { name: 'Cy', interests: ['AI'], lookFor: 'red hat' });
    attendees.push(cy);
    expect((await call(cy.socket, 'match:find')).ok).toBe(true);
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const remove = page.getByRole('button', { name: 'Remove Cy from the event' });
    await remove.waitFor();
    await expectOutline(page, 'Screen Reader Dashboard');

    // Icons drawn before words are not read out with them.
    for (const [target, words] of [
      [page.getByRole('button', { name: 'Projector mode' }), 'Projector mode'],
      [page.getByRole('link', { name: 'QR code (PNG)' }), 'QR code (PNG)'],
      [page.getByRole('button', { name: 'Download CSV' }), 'Download CSV'],
      [page.getByRole('button', { name: 'Full stats JSON' }), 'Full stats JSON (names and reports)'],
      [page.getByRole('region', { name: 'Waiting longest' }), 'Waiting longest — go and say hello'],
    ] as const) {
      await expectNamedInWords(target, words);
    }
    // The 👀 in a waiting row means "how to spot them": said in those words, not as "eyes".
    const cyRow = page.locator(`[data-attendee-id="${cy.id}"]`);
    expect(await cyRow.ariaSnapshot()).toContain('How to spot them: red hat');
    expect(await cyRow.ariaSnapshot()).not.toContain('👀');

    // A chosen topic is a pressed toggle named by its topic: the drawn tick is not read out too.
    const topics = page.getByRole('group', { name: 'Topics', exact: true });
    for (const topic of ['AI', 'Jazz']) {
      expect({ topic, pressed: await topics.getByRole('button', { name: topic, exact: true, pressed: true }).count() }).toEqual({ topic, pressed: 1 });
    }
    // The figures' explanations are read with their buttons.
    expect(await descriptionOf(page.getByRole('button', { name: 'About “Looking”' }))).not.toBe('');

    // Sent: the line under the box says so in words, without "check mark".
    await page.getByLabel('Message', { exact: true }).fill('Pizza is here');
    await page.getByRole('button', { name: 'Send to every phone' }).click();
    await expectReadWithoutIcon(page.getByText(/^✓ Sent at/), /^- status: "?Sent at \d\d:\d\d: “Pizza is here”"?$/);

    await expectDialog(page, page.getByRole('button', { name: 'End event…' }), 'End the event?', 'Matching stops for good');
    // The name may come in Unicode isolates (a right-to-left name cannot turn the question round).
    await expectDialog(page, remove, /^Remove \W?Cy\W?\?$/);
    await expectDialog(page, page.getByRole('button', { name: /Projector mode/ }), 'Projector view');
    expect(errors).toEqual([]);
  });

  it('home page and the dashboard without its link: every control named, one h1 each', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await page.getByLabel('Event name').waitFor();
    await expectOutline(page, 'Find someone to chat to');
    await page.getByLabel('Event name').fill('Outline Night');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.locator('#result-title:focus').waitFor();
    await expectReadWithoutIcon(page.getByText(/Keep this link private/), /^- paragraph: "?Keep this link private: anyone/);
    const created = await ariaOutline(page.locator('body'));
    expect({ unnamed: created.unnamed, skips: created.skips, h1s: created.headings.filter((h) => h.startsWith('h1 ')).length }).toEqual({ unnamed: [], skips: [], h1s: 1 });

    const link = organiserLink(await createEvent(rig.server.url, { name: 'No Link Night' }));
    await page.goto(link.split('#')[0]!);
    await page.getByLabel('Organiser link or token').waitFor();
    await expectOutline(page, 'Organiser dashboard');
    await expectReadWithoutIcon(page.getByText(/Anyone with this link can run your event/), /^- paragraph: "?Anyone with this link/);
    expect(errors).toEqual([]);
  });
});
