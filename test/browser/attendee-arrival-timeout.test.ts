import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { meetOnTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** The notice line at the top of a phone's screen. */
const notice = (page: Page) => page.locator('#notice');

/**
 * Someone sent to join an open circle (`arriving`) who never taps "I found them" is reminded, alone,
 * before their own MATCH_TIMEOUT_MS (3 minutes in tests) runs out, then sent looking again
 * (`match:ended` `timeout`); the circle carries on without them. The server's clock is moved
 * ahead (usePhoneRig's `advance`), so nobody waits minutes, and each step waits for what the
 * phones show, not for time to pass.
 */
describeInBrowser('Sent to a circle and never tapping "I found them"', () => {
  const rig = usePhoneRig();

  it('is reminded, then told it ran out and is looking again; the circle no longer lists them', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Lost Wanderer Social', topics: ['Jazz'] });
    const [dee, eve] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Dee', 'Eve'], 'Jazz');
    rig.pages.push(dee, eve);
    const fay = await sendToOpenCircle(rig.browser, rig.server.url, event.code, dee, { name: 'Fay', topics: ['Jazz'] });
    rig.pages.push(fay);
    for (const { page } of [dee, eve]) await page.locator('.partner', { hasText: 'Fay' }).getByText('on their way').waitFor();

    // Fay chats on the way and forgets the tap: 2 min 20 s of her 3 minutes go by. The reminder
    // names those already there (not Fay herself), and says what happens next.
    rig.advance(140_000);
    await notice(fay.page)
      .getByText(/^Found (Dee and Eve|Eve and Dee)\? Tap “I found them”, or in less than a minute we'll find you someone else\.$/)
      .waitFor();
    expect(await fay.page.getByRole('button', { name: 'I found them' }).isVisible()).toBe(true);
    // Dee and Eve met long ago: the reminder is Fay's alone.
    for (const { page } of [dee, eve]) expect(await notice(page).getByText(/^Found /).count()).toBe(0);

    // Her time runs out: the server has her looking again, and her phone says why.
    rig.advance(41_000);
    await notice(fay.page).getByText("You didn't tap “I found them” in time, so we're finding you someone else.").waitFor();
    await waitForView(fay.page, 'waiting');
    expect(await notice(fay.page).getByText(/^Found /).count()).toBe(0);

    // Dee and Eve carry on, a pair again: Fay is no longer listed, nor on her way.
    for (const [{ page }, other] of [[dee, 'Eve'], [eve, 'Dee']] as const) {
      await page.locator('.partner', { hasText: 'Fay' }).waitFor({ state: 'detached' });
      await waitForView(page, 'chatting');
      expect(await page.locator('.view-title').textContent()).toBe(`Chatting with ${other}`);
      // Only the notice still names her, to say so.
      await notice(page).getByText("Fay isn't coming over after all.").waitFor();
      expect(await page.locator('#app').getByText('Fay').count()).toBe(0);
    }
  });
  it('after the event has ended, the reminder promises nobody new, and the timeout ends on the thank-you screen', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Last Circle', topics: ['Jazz'] });
    const [dee, eve] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Dee', 'Eve'], 'Jazz');
    rig.pages.push(dee, eve);
    const fay = await sendToOpenCircle(rig.browser, rig.server.url, event.code, dee, { name: 'Fay', topics: ['Jazz'] });
    rig.pages.push(fay);
    await rig.server.app.services.events.setStatus(event.id, 'ended');
    await notice(fay.page).getByText(/has wrapped up/).waitFor();

    rig.advance(140_000);
    await notice(fay.page)
      .getByText(/^Found (Dee and Eve|Eve and Dee)\? Tap “I found them”, or in less than a minute you'll be taken off the group\.$/)
      .waitFor();
    rig.advance(41_000);
    await waitForView(fay.page, 'ended');
    expect(await fay.page.getByText("we'll find you someone else").count()).toBe(0);
    expect(await fay.page.getByText("we're finding you someone else").count()).toBe(0);
  });
});
