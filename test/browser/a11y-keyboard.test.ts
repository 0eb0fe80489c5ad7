import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { tabThrough } from './a11y-probes/keyboard';
import { openDashboard, simulateAttendee, useDashboardRig } from './organiser-steps';

jest.setTimeout(30_000);

/** Visible, enabled controls a keyboard should reach, named as tabThrough names them. */
const controls = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select, [tabindex="0"]')]
      .filter((el) => !(el as HTMLButtonElement).disabled && !el.closest('[inert]') && el.getBoundingClientRect().width > 0)
      .map((el) => (el.getAttribute('aria-label') || el.textContent || el.id).trim().slice(0, 40)),
  );

/** Landmarks, headings, and controls with no accessible name, from Chromium's accessibility tree. */
async function structure(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ ignored: boolean; role?: { value: string }; name?: { value: string }; properties?: Array<{ name: string; value: { value: unknown } }> }>;
  };
  const shown = nodes.filter((n) => !n.ignored);
  const role = (n: (typeof nodes)[number]) => n.role?.value ?? '';
  const headings = shown.filter((n) => role(n) === 'heading').map((n) => Number(n.properties?.find((p) => p.name === 'level')?.value.value));
  return {
    landmarks: shown.filter((n) => ['banner', 'main', 'complementary', 'contentinfo'].includes(role(n))).map((n) => role(n)),
    h1s: headings.filter((l) => l === 1).length,
    skipsALevel: headings.some((l, i) => i > 0 && l > headings[i - 1]! + 1),
    unnamed: shown.filter((n) => ['button', 'textbox', 'link', 'combobox', 'checkbox', 'switch'].includes(role(n)) && !n.name?.value?.trim()).map(role),
  };
}

describeInBrowser('accessibility: keyboard and screen readers', () => {
  const { rig, attendees } = useDashboardRig();

  it('home page: every control in reach of Tab, in order; landmarks and headings; errors tied to their field', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await page.getByLabel('Event name').waitFor();
    const stops = await tabThrough(page);
    expect(stops.map((s) => s.name)).toEqual(await controls(page));
    const home = await structure(page);
    expect(home).toEqual({ landmarks: ['banner', 'main', 'contentinfo'], h1s: 1, skipsALevel: false, unnamed: [] });

    // The chips' hint ("Press Enter or type a comma after each") is read with the box.
    expect(await page.getByLabel('Add a topic').evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toContain(
      'Press Enter or type a comma',
    );

    // No name: the focus goes back to the box, which says it is invalid, and why.
    await page.getByRole('button', { name: 'Create event' }).press('Enter');
    const name = page.getByLabel('Event name');
    await page.locator('#event-name-input:focus').waitFor();
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((el) => el.getAttribute('aria-describedby')?.split(' ').map((id) => document.getElementById(id)?.textContent).join(' '))).toBe(
      'Give your event a name.',
    );
    // Typing the name takes the error away: it no longer says what is wrong.
    await name.fill('Keyboard Night');
    expect(await name.getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator('#create-error').textContent()).toBe('');
    await page.keyboard.press('Enter');
    await page.locator('#result-title:focus').waitFor();
    expect(await name.isVisible()).toBe(false);
    const created = await structure(page);
    expect(created.unnamed).toEqual([]);
    expect(created.skipsALevel).toBe(false);
    expect(errors).toEqual([]);
  });

  it('dashboard: every control in reach of Tab; landmarks, headings and names', async () => {
    const created = await createEvent(rig.server.url, { name: 'Keyboard Dashboard Night', topics: ['AI', 'Rust'], spots: ['By the bar'] });
    const ann = await simulateAttendee(rig.server.url, created.event.code, { name: 'Ann', lookFor: 'red scarf' });
    attendees.push(ann);
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const stops = await tabThrough(page);
    expect(stops.map((s) => s.name)).toEqual(await controls(page));
    expect(await structure(page)).toEqual({ landmarks: ['banner', 'main', 'complementary'], h1s: 1, skipsALevel: false, unnamed: [] });
    expect(errors).toEqual([]);
  });

  it('End event: a dialog that holds the focus, reads what will happen, closes on Escape and gives the focus back', async () => {
    const created = await createEvent(rig.server.url, { name: 'Dialog Keys Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    const end = page.locator('[data-control="end"]');
    await end.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'End the event?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    // Its body is its description, read as it opens.
    expect(await dialog.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent)).toMatch(/^Matching stops for good/);
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !document.activeElement || document.activeElement === document.body || !!document.activeElement.closest('dialog'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.locator('dialog').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.control)).toBe('end');
    expect(await page.locator('#event-status').getAttribute('data-status')).toBe('open');
    expect(errors).toEqual([]);
  });

  it('projector view: opened from the keyboard, holds the focus, Escape closes it and the focus goes back', async () => {
    const created = await createEvent(rig.server.url, { name: 'Projector Keys Night' });
    const { page, errors } = await openDashboard(rig.browser, rig.server.url, created);
    await page.locator('[data-control="projector"]').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Projector view' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('projector-exit'))).toBe(true);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !document.activeElement || document.activeElement === document.body || !!document.activeElement.closest('[data-projector]'))).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.locator('[data-projector]').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.control)).toBe('projector');
    expect(errors).toEqual([]);
  });
});
