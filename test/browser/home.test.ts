import request from 'supertest';
import { describeInBrowser, LAPTOP, openPage, saveScreenshot, useServerAndBrowser } from '../helpers/browser';

jest.setTimeout(30_000);

const PUBLIC_URL = 'https://mingle.example';
const DAY = 86_400_000;

/** A time as a datetime-local input holds it: local, to the minute. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describeInBrowser('home page', () => {
  const rig = useServerAndBrowser({ config: { publicUrl: PUBLIC_URL } });

  it('creates an event and shows its QR code, join link and organiser link', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    await page.getByLabel('Event name').fill('Friday Tech Social');
    const topics = page.getByLabel('Add a topic');
    await topics.pressSequentially('AI, Climbing, Startups, Design, ');
    await topics.fill('Open source');
    await topics.press('Enter');
    await page.getByLabel('Add a meeting spot').fill('By the bar');
    await page.getByRole('button', { name: 'Create event' }).click();

    const code = page.locator('[data-join-code]');
    await code.waitFor();
    const joinCode = (await code.textContent()) ?? '';
    expect(joinCode).toMatch(/^[23456789A-HJKMNP-Z]{6}$/);

    // Commas made chips; the spot typed without Enter was still added on submit.
    const { body } = await request(rig.server.url).get(`/api/events/${joinCode}`).expect(200);
    expect(body.event).toMatchObject({
      name: 'Friday Tech Social',
      topics: ['AI', 'Climbing', 'Startups', 'Design', 'Open source'],
      spots: ['By the bar'],
    });

    const qr = page.locator('img.qr');
    expect(await qr.getAttribute('src')).toBe(`/api/events/${joinCode}/qr.svg`);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img.qr');
      return !!img && img.complete && img.naturalWidth > 0;
    });

    const joinLink = page.locator('[data-link="join-link"]');
    expect(await joinLink.textContent()).toBe(`${PUBLIC_URL}/e/${joinCode}`);
    // A link phones can open: no localhost warning.
    expect(await page.locator('[data-localhost-warning]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Join as attendee' }).getAttribute('href')).toBe(`${PUBLIC_URL}/e/${joinCode}`);
    const dashboard = (await page.locator('[data-link="dashboard-link"]').textContent()) ?? '';
    // The organiser's link carries the token in the fragment, which browsers never send to a rig.server.
    expect(dashboard).toMatch(new RegExp(`^${PUBLIC_URL}/organiser/[^/#]+#token=[A-Za-z0-9_-]{43}$`));
    expect(new URL((await page.locator('[data-link="open-dashboard"]').getAttribute('href')) ?? '').hash).toMatch(/^#token=/);
    await page.getByText('Keep this link private').waitFor();

    await saveScreenshot(page, 'home', true);
    expect(errors).toEqual([]);
  });

  it('checks the end time before creating: it must be a whole date and time, from now to 14 days ahead', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, { ...LAPTOP, locale: 'en-US' });
    page.setDefaultTimeout(10_000);
    const created: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/events') && created.push(r.url()));
    await page.goto('/');
    await page.getByLabel('Event name').fill('Timekeepers');
    const endsAt = page.getByLabel('Planned end');
    const create = page.getByRole('button', { name: 'Create event' });
    const error = page.locator('.panel-create [role="alert"]');
    const isFocused = () => endsAt.evaluate((el) => el === document.activeElement);

    // The picker offers only what the server takes.
    const [min, max] = [await endsAt.getAttribute('min'), await endsAt.getAttribute('max')];
    expect(Math.abs(Date.parse(min ?? '') - Date.now())).toBeLessThan(2 * 60_000);
    expect(Math.abs(Date.parse(max ?? '') - (Date.now() + 14 * DAY))).toBeLessThan(2 * 60_000);

    await endsAt.fill(localInput(Date.now() - 3_600_000));
    await create.click();
    await error.getByText('That time has passed').waitFor();
    expect(await isFocused()).toBe(true);
    expect(await error.textContent()).not.toContain('endsAt');

    await endsAt.fill(localInput(Date.now() + 15 * DAY));
    await create.click();
    await error.getByText('within the next 14 days').waitFor();
    expect(await isFocused()).toBe(true);

    // A date with no time: the input's value is empty, but it is not blank.
    await endsAt.fill('');
    await endsAt.focus();
    await page.keyboard.type(localInput(Date.now() + DAY).slice(0, 10).replace(/^(\d{4})-(\d\d)-(\d\d)$/, '$2$3$1'));
    expect(await endsAt.evaluate((el: HTMLInputElement) => el.validity.badInput)).toBe(true);
    await create.click();
    await error.getByText('Add a time as well as the date').waitFor();
    expect(await isFocused()).toBe(true);
    expect(created).toEqual([]);

    const end = Date.now() + 2 * 3_600_000;
    await endsAt.fill(localInput(end));
    await create.click();
    const code = (await page.locator('[data-join-code]').textContent()) ?? '';
    const { body } = await request(rig.server.url).get(`/api/events/${code}`).expect(200);
    expect(Math.abs(Date.parse(body.event.endsAt) - end)).toBeLessThan(60_000);
    expect(created).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it("says in words, on the field, when the server refuses an end time this laptop's slow clock let through", async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    page.setDefaultTimeout(10_000);
    // This laptop's clock two hours slow: half an hour from "now" here is long past for Mingle.
    await page.addInitScript((slow) => {
      const real = Date.now.bind(Date);
      Date.now = () => real() - slow;
    }, 2 * 3_600_000);
    await page.goto('/');
    await page.getByLabel('Event name').fill('Slow Clock');
    const endsAt = page.getByLabel('Planned end');
    await endsAt.fill(localInput(Date.now() - 90 * 60_000));
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/events') && r.status() === 400);
    await page.getByRole('button', { name: 'Create event' }).click();
    await refused;
    const error = page.locator('.panel-create [role="alert"]');
    await error.getByText("this laptop's clock may be off").waitFor();
    expect(await error.textContent()).not.toContain('endsAt');
    expect(await endsAt.getAttribute('aria-invalid')).toBe('true');
    expect(await endsAt.evaluate((el) => el === document.activeElement)).toBe(true);
    // The one console line is the browser's own about the refused request.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});
