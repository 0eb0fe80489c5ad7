import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage, PHONE, useServerAndBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';

jest.setTimeout(30_000);

/** Where a panel of the home page sits, in page pixels. */
async function box(page: Page, selector: string): Promise<{ x: number; y: number; bottom: number }> {
  const b = await page.locator(selector).boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return { x: b.x, y: b.y, bottom: b.y + b.height };
}

describeInBrowser('home page layout', () => {
  const rig = useServerAndBrowser();

  it('puts the join-by-code box first on a phone, on the first screen, sent there by the projector', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, PHONE);
    await page.goto('/');
    const join = await box(page, '.panel-join');
    const create = await box(page, '.panel-create');
    expect(join.y).toBeLessThan(create.y);
    expect(join.bottom).toBeLessThanOrEqual(PHONE.viewport!.height);
    expect(await page.getByLabel('Event code').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("on a phone, this device's events come after the join box and before the organiser's form", async () => {
    const created = await createEvent(rig.server.url, { name: 'Phone Organiser' });
    const { page } = await openPage(rig.browser, rig.server.url, PHONE);
    await page.goto('/');
    await page.evaluate(([id, t]) => localStorage.setItem(`mingle:organiser:${id}`, t), [created.event.id, created.organiserToken] as const);
    await page.reload();
    await page.locator('[data-organised-events="checked"]').waitFor();
    const [join, events, create] = [await box(page, '.panel-join'), await box(page, '.panel-organised'), await box(page, '.panel-create')];
    expect(join.bottom).toBeLessThanOrEqual(events.y);
    expect(events.bottom).toBeLessThanOrEqual(create.y);
  });

  it("keeps the laptop's layout: the form on the left, where the keyboard starts; events and join on the right", async () => {
    const created = await createEvent(rig.server.url, { name: 'Laptop Organiser' });
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    const [create, join] = [await box(page, '.panel-create'), await box(page, '.panel-join')];
    expect(create.x).toBeLessThan(join.x);
    expect(create.y).toBe(join.y);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('event-name-input');

    await page.evaluate(([id, t]) => localStorage.setItem(`mingle:organiser:${id}`, t), [created.event.id, created.organiserToken] as const);
    await page.reload();
    await page.locator('[data-organised-events="checked"]').waitFor();
    const [form, events, joinBox] = [await box(page, '.panel-create'), await box(page, '.panel-organised'), await box(page, '.panel-join')];
    expect(events.x).toBe(joinBox.x);
    expect(events.x).toBeGreaterThan(form.x);
    expect(events.y).toBe(form.y);
    expect(events.bottom).toBeLessThanOrEqual(joinBox.y);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('event-name-input');
    expect(errors).toEqual([]);
  });

  it("shows the new event's QR code, links and Open dashboard on a small laptop's first screen, with no scrolling", async () => {
    for (const viewport of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
      const { page, errors } = await openPage(rig.browser, rig.server.url, { ...LAPTOP, viewport });
      await page.goto('/');
      await page.getByLabel('Event name').fill('Small Screen Social');
      await page.getByRole('button', { name: 'Create event' }).click();
      await page.locator('#result-title').waitFor();
      // The next step, and the words about keeping its link private, as the page opens on it.
      for (const selector of ['img.qr', '[data-join-code]', '[data-link="dashboard-link"]', '[data-link="open-dashboard"]']) {
        const where = await box(page, selector);
        expect([selector, where.y >= 0 && where.bottom <= viewport.height]).toEqual([selector, true]);
      }
      const privately = await page.getByText('Keep this link private').boundingBox();
      expect(privately!.y + privately!.height).toBeLessThanOrEqual(viewport.height);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('result-title');
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
