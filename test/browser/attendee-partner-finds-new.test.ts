import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { meetOnTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/** The notice line at the top of a phone's screen. */
const notice = (page: Page) => page.locator('#notice');

/**
 * "Had to go" is for someone who left the event. A partner who tapped "Find someone new" is still
 * here, looking for their next chat: the other phone says so (`match:ended` `partnerFinding`,
 * docs/PROTOCOL.md), kindly, instead.
 */
describeInBrowser('a partner who taps "Find someone new"', () => {
  const rig = usePhoneRig();

  it('is said to have wrapped up the chat to keep mingling, as kindly as "Done chatting", not to have had to go', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Next Round Social', topics: ['Jazz'] });
    const [ann, sam] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Sam'], 'Jazz');
    rig.pages.push(ann, sam);

    await sam.page.getByRole('button', { name: 'Find someone new' }).tap();
    await waitForView(sam.page, 'waiting');
    await waitForView(ann.page, 'idle');
    await notice(ann.page).getByText('Sam wrapped up your chat to keep mingling. Find someone else to chat to?', { exact: true }).waitFor();
    expect(await ann.page.getByText(/had to go/).count()).toBe(0);
  });

  it('before I got there, on my way to join them: says so, and that we are finding me someone else', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Crossing Over', topics: ['Poetry'] });
    const [ivy, jon] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ivy', 'Jon'], 'Poetry');
    rig.pages.push(ivy, jon);
    const kit = await sendToOpenCircle(rig.browser, rig.server.url, event.code, ivy, { name: 'Kit', topics: ['Poetry'] });
    rig.pages.push(kit);
    // Ivy is done; Jon, left alone waiting for Kit, moves on to someone new before she arrives.
    await ivy.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(ivy.page, 'idle');
    await kit.page.getByRole('heading', { name: 'Go and join Jon' }).waitFor();
    await jon.page.getByRole('button', { name: 'Find someone new' }).tap();

    await waitForView(kit.page, 'waiting');
    await notice(kit.page).getByText("Jon moved on to keep mingling before you got there. We're finding you someone else.", { exact: true }).waitFor();
    expect(await kit.page.getByText(/had to go/).count()).toBe(0);
  });
});
