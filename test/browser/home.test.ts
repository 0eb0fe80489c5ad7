import request from 'supertest';
import { describeInBrowser, LAPTOP, openPage, saveScreenshot, useServerAndBrowser } from '../helpers/browser';

jest.setTimeout(30_000);

const PUBLIC_URL = 'https://mingle.example';

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
    expect(await page.getByRole('link', { name: 'Join as attendee' }).getAttribute('href')).toBe(`${PUBLIC_URL}/e/${joinCode}`);
    const dashboard = (await page.locator('[data-link="dashboard-link"]').textContent()) ?? '';
    // The organiser's link carries the token in the fragment, which browsers never send to a rig.server.
    expect(dashboard).toMatch(new RegExp(`^${PUBLIC_URL}/organiser/[^/#]+#token=[A-Za-z0-9_-]{43}$`));
    expect(new URL((await page.locator('[data-link="open-dashboard"]').getAttribute('href')) ?? '').hash).toMatch(/^#token=/);
    await page.getByText('Keep this link private').waitFor();

    await saveScreenshot(page, 'home', true);
    expect(errors).toEqual([]);
  });
});
