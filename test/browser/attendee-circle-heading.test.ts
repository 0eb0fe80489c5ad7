import type { Page } from 'playwright-core';
import { listOf } from '../../shared/list';
import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, meetOnTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** The screen's heading, as written (right-to-left names keep their isolates). */
const headingOf = (page: Page) => page.locator('.view-title').textContent();

/** `heading` is `Chatting with <present, in either order><rest>`. */
function chattingWith(present: [string, string], rest = ''): string[] {
  return [`Chatting with ${listOf(present)}${rest}`, `Chatting with ${listOf([present[1], present[0]])}${rest}`];
}

/**
 * Someone sent to join an open circle is not there yet: the heading names those present only, and
 * says apart who is on the way, as the list beneath marks them. Names stay text, a right-to-left
 * one set apart as everywhere else.
 */
describeInBrowser('The chat heading while someone is on the way', () => {
  const rig = usePhoneRig();

  it('names those present, and says who is on the way apart, until they arrive', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Round Table', topics: ['Jazz'] });
    const [dee, sara] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Dee', 'سارة'], 'Jazz');
    rig.pages.push(dee, sara);
    const fay = await sendToOpenCircle(rig.browser, rig.server.url, event.code, dee, { name: 'Fay', topics: ['Jazz'] });
    rig.pages.push(fay);
    // A pair with a third on the way: "Chatting with سارة · Fay is on the way".
    await dee.page.locator('.partner', { hasText: 'Fay' }).getByText('on their way').waitFor();
    expect(await headingOf(dee.page)).toBe(`Chatting with ${listOf(['سارة'])} · Fay is on the way`);
    await fay.page.getByRole('button', { name: 'I found them' }).tap();
    await waitForView(fay.page, 'chatting');
    await dee.page.locator('.partner', { hasText: 'Fay' }).getByText('on their way').waitFor({ state: 'detached' });
    expect(chattingWith(['سارة', 'Fay'])).toContain(await headingOf(dee.page));

    // Fay's joining closed the circle (one more means one): Dee opens it again, and a fourth is
    // sent over. Those present are named, and Gus is on the way.
    await dee.page.locator('#open-to-one-more:not(:checked)').waitFor({ state: 'attached' });
    await dee.page.locator('.switch', { hasText: 'Open to one more' }).tap();
    await dee.page.getByText('Someone looking may be sent to join you.').waitFor();
    const gus = await openPage(rig.browser, rig.server.url);
    rig.pages.push(gus);
    await joinThroughForm(gus.page, event.code, { name: 'Gus', topics: ['Jazz'] });
    await gus.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await gus.page.getByRole('heading', { name: /^Go and join / }).waitFor();
    for (const [{ page }, present] of [
      [dee, ['سارة', 'Fay']],
      [sara, ['Dee', 'Fay']],
      [fay, ['Dee', 'سارة']],
    ] as const) {
      await page.locator('.partner', { hasText: 'Gus' }).getByText('on their way').waitFor();
      expect(chattingWith([...present], ' · Gus is on the way')).toContain(await headingOf(page));
    }
    expect(await gus.page.getByRole('heading', { name: /^Go and join / }).textContent()).not.toContain('·');

    await gus.page.getByRole('button', { name: 'I found them' }).tap();
    await dee.page.locator('.partner', { hasText: 'Gus' }).getByText('on their way').waitFor({ state: 'detached' });
    expect(await headingOf(dee.page)).toMatch(/^Chatting with .*, .* and .*$/);
    expect(await headingOf(dee.page)).toContain('Gus');
  });
});
