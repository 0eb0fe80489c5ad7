import type { Page } from 'playwright-core';
import { describeInBrowser, openPage, useServerAndBrowser, type TrackedPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, meetOnTwoPhones, partnerNames } from './steps';

jest.setTimeout(60_000);

/** The hint under "Open to one more". */
const switchHint = (page: Page) => page.locator('.field-switch .field-hint');
/** "Open to one more", however many are shown (none for someone on their way, or a full group). */
const openSwitch = (page: Page) => page.getByRole('switch', { name: 'Open to one more' });

describeInBrowser('"Open to one more", from a pair to a full circle', () => {
  const rig = useServerAndBrowser();

  it('promises only what the matcher does, marks who is on their way, and says when the group is full', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Full Circle', topics: ['Jazz'], spots: ['By the piano'] });
    const [dee, eve] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Dee', 'Eve'], 'Jazz');
    const pages: TrackedPage[] = [dee, eve];

    // Off, it promises nothing either way: the matcher may still send a third to a pair that has
    // just met. On, someone looking (not only someone on their own) may be sent over.
    expect(await switchHint(dee.page).textContent()).toBe("Turn it on if you'd welcome someone who's looking.");
    await dee.page.locator('.switch', { hasText: 'Open to one more' }).tap();
    await switchHint(dee.page).getByText('Someone looking may be sent to join you.').waitFor();
    expect(await dee.page.getByText(/Let someone on their own|Someone on their own may be sent/).count()).toBe(0);

    // Fay is sent over. Until she has found them she has no switch (it is not her group yet),
    // and Dee and Eve see that she is still on her way.
    const fay = await openPage(rig.browser, rig.server.url);
    pages.push(fay);
    await joinThroughForm(fay.page, event.code, { name: 'Fay', topics: ['Jazz'], lookFor: 'yellow raincoat' });
    await fay.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await fay.page.getByRole('heading', { name: /^Go and join/ }).waitFor();
    expect(await openSwitch(fay.page).count()).toBe(0);
    // Nor keeping in touch with people she has not found yet.
    expect(await fay.page.getByRole('button', { name: /Keep in touch/ }).count()).toBe(0);
    for (const [{ page }, other] of [[dee, 'Eve'], [eve, 'Dee']] as const) {
      await page.locator('.partner', { hasText: 'Fay' }).getByText('on their way').waitFor();
      // Next to the name, not in it: the name stays a name.
      expect((await partnerNames(page)).sort()).toEqual([other, 'Fay'].sort());
      expect(await page.locator('.partner', { hasText: other }).getByText('on their way').count()).toBe(0);
    }

    await fay.page.getByRole('button', { name: 'I found them' }).tap();
    await fay.page.getByRole('heading', { name: /^Chatting with/ }).waitFor();
    await fay.page.getByRole('button', { name: /Keep in touch/ }).waitFor();
    for (const { page } of [dee, eve]) {
      await page.locator('.partner', { hasText: 'Fay' }).getByText('on their way').waitFor({ state: 'detached' });
    }
    // One more means one: Fay's joining closed the circle, so everyone's switch is off now, Fay's
    // too (three of four: still room for one more, should they want it).
    for (const { page } of [dee, eve, fay]) {
      await page.locator('#open-to-one-more:not(:checked)').waitFor({ state: 'attached' });
      expect(await openSwitch(page).isChecked()).toBe(false);
      await switchHint(page).getByText("Turn it on if you'd welcome someone who's looking.").waitFor();
    }
    // To take another, someone turns it on again (here Fay, now one of the group).
    await fay.page.locator('.switch', { hasText: 'Open to one more' }).tap();
    await switchHint(fay.page).getByText('Someone looking may be sent to join you.').waitFor();
    for (const { page } of [dee, eve]) await page.locator('#open-to-one-more:checked').waitFor({ state: 'attached' });

    // Gus makes four, the most a circle takes: nobody is offered a switch that can do nothing.
    const gus = await openPage(rig.browser, rig.server.url);
    pages.push(gus);
    await joinThroughForm(gus.page, event.code, { name: 'Gus', topics: ['Jazz'] });
    await gus.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await gus.page.getByRole('heading', { name: /^Go and join/ }).waitFor();
    expect(await openSwitch(gus.page).count()).toBe(0);
    for (const { page } of [dee, eve, fay]) {
      await page.getByText('Your group is full').waitFor();
      expect(await openSwitch(page).count()).toBe(0);
    }
    await gus.page.getByRole('button', { name: 'I found them' }).tap();
    await gus.page.getByRole('heading', { name: /^Chatting with/ }).waitFor();
    await gus.page.getByText('Your group is full').waitFor();
    expect(await openSwitch(gus.page).count()).toBe(0);

    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
