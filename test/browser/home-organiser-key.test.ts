import type { Page } from 'playwright-core';
import { describeInBrowser, LAPTOP, openPage, useServerAndBrowser } from '../helpers/browser';
import { descriptionOf, holdsFocus } from './a11y-probes/aria-outline';

jest.setTimeout(30_000);

const KEY = 'sekrit-key-123';

/** Names the event and presses Create, then waits for the outcome: the new event, or a refusal. */
async function create(page: Page, name: string): Promise<'created' | string> {
  await page.getByLabel('Event name').fill(name);
  await page.getByRole('button', { name: 'Create event' }).click();
  const outcome = page.locator('#result-title, .form-error:not(:empty)').first();
  await outcome.waitFor();
  return (await outcome.getAttribute('id')) === 'result-title' ? 'created' : ((await outcome.textContent()) ?? '');
}

describeInBrowser('home page: a Mingle that needs the organiser key', () => {
  const rig = useServerAndBrowser({ config: { organiserKey: KEY } });

  it('asks for the key once, tells a wrong key from none, and keeps it for the next event in this tab only', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    const key = page.getByLabel('Organiser key');
    expect(await key.isVisible()).toBe(false);

    const hint = 'This Mingle asks for a key before creating events. This tab remembers it until you close it.';
    /** What a screen reader hears of the key's box, where the focus goes: whether it is wrong, and why. */
    const heard = async () => ({ focused: await holdsFocus(key), invalid: await key.getAttribute('aria-invalid'), description: await descriptionOf(key) });
    expect(await create(page, 'First Night')).toBe('Creating events needs the organiser key.');
    expect(await key.isVisible()).toBe(true);
    expect(await heard()).toEqual({ focused: true, invalid: 'true', description: `Creating events needs the organiser key. ${hint}` });
    await key.fill('not-the-key-1');
    expect(await heard()).toEqual({ focused: true, invalid: null, description: hint });
    expect(await create(page, 'First Night')).toBe("That organiser key isn't right.");
    expect(await heard()).toEqual({ focused: true, invalid: 'true', description: `That organiser key isn't right. ${hint}` });
    // An error about another field is not the key's.
    await page.getByLabel('Event name').fill('');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.getByText('Give your event a name.').waitFor();
    expect(await key.getAttribute('aria-invalid')).toBeNull();
    expect(await descriptionOf(key)).toBe(hint);
    await key.fill(KEY);
    expect(await create(page, 'First Night')).toBe('created');

    // The next event needs nothing typed again: the key is there, shown, and sent.
    await page.getByRole('button', { name: 'Create another event' }).click();
    expect(await key.isVisible()).toBe(true);
    expect(await create(page, 'Second Night')).toBe('created');
    expect(await page.locator('#result-title').textContent()).toBe('Second Night');
    // This server has no PUBLIC_URL and no local-network address: its links say localhost, and
    // the page says phones cannot open them.
    await page.locator('[data-localhost-warning]').getByText("phones can't open it").waitFor();

    // A reload of the tab still knows it; the key is never kept beyond the tab.
    await page.goto('/');
    expect(await key.isVisible()).toBe(true);
    expect(await create(page, 'Third Night')).toBe('created');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(KEY);

    // Another tab (a fresh session) has to be given the key again.
    const other = await openPage(rig.browser, rig.server.url, LAPTOP);
    await other.page.goto('/');
    expect(await other.page.getByLabel('Organiser key').isVisible()).toBe(false);
    // Only the refused creates' own 401s, which the browser reports as failed loads.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('forgets a remembered key the server no longer takes, and asks for it again', async () => {
    const { page } = await openPage(rig.browser, rig.server.url, LAPTOP);
    await page.goto('/');
    // A key kept earlier in this tab, before the server's key was changed.
    await page.evaluate(() => sessionStorage.setItem('mingle:organiser-key', 'an-old-key-99'));
    await page.reload();
    const key = page.getByLabel('Organiser key');
    expect(await key.isVisible()).toBe(true);
    expect(await create(page, 'Rotated')).toBe("That organiser key isn't right.");
    expect(await page.evaluate(() => sessionStorage.getItem('mingle:organiser-key'))).toBeNull();
    await key.fill(KEY);
    expect(await create(page, 'Rotated')).toBe('created');
  });
});
