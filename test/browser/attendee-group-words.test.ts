import type { Page } from 'playwright-core';
import { describeInBrowser } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { meetOnTwoPhones, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

const ledeOf = (page: Page) => page.locator('.lede').first().textContent();
const BEACON_LINE = 'Look for your beacon colour on their phone.';
/** The beacon line under one person on the card. */
const beaconLineFor = (page: Page, name: string) => page.locator('.partner', { hasText: name }).getByText(BEACON_LINE);

/**
 * Ann and Ben meet by the bar; Ann opens the pair to one more and Cat is sent over; Ben taps
 * "Done chatting" while Cat walks. Nobody is "already talking" now: Cat is told Ann is waiting,
 * and Ann to wait for Cat, with a way to say she can't.
 */
describeInBrowser('a group that empties while someone is on the way', () => {
  const rig = usePhoneRig();

  async function annWaitsForCat(name: string) {
    const { event } = await createEvent(rig.server.url, { name, topics: ['Jazz'], spots: ['By the bar'] });
    const [ann, ben] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Ben'], 'Jazz');
    rig.pages.push(ann, ben);
    const cat = await sendToOpenCircle(rig.browser, rig.server.url, event.code, ann, { name: 'Cat', topics: ['Jazz'] });
    rig.pages.push(cat);
    await ann.page.locator('.partner', { hasText: 'Cat' }).getByText('on their way').waitFor();

    // Talking with Ben, Cat on the way: the beacon line is for Cat only; Cat has both to find.
    expect(await ledeOf(ann.page)).toBe("Enjoy it. When you're ready, move on — no need to make an excuse.");
    await beaconLineFor(ann.page, 'Cat').waitFor();
    expect(await beaconLineFor(ann.page, 'Ben').count()).toBe(0);
    expect(await beaconLineFor(ben.page, 'Ann').count()).toBe(0);
    for (const name of ['Ann', 'Ben']) await beaconLineFor(cat.page, name).waitFor();
    expect(await ledeOf(cat.page)).toBe("They're already talking and know you're coming. Look for your beacon colour and say hello.");

    await ben.page.getByRole('button', { name: 'Done chatting' }).tap();
    await cat.page.getByRole('heading', { name: 'Go and join Ann', exact: true }).waitFor();
    await ann.page.getByRole('heading', { name: 'Cat is on the way', exact: true }).waitFor();
    return { ann, ben, cat };
  }

  it('tells Cat that Ann is waiting, and Ann to wait at the spot; then they chat', async () => {
    const { ann, cat } = await annWaitsForCat('Bar Night');
    expect(await ledeOf(cat.page)).toBe("Ann is waiting for you at the meeting spot and knows you're coming. Look for your beacon colour and say hello.");
    await cat.page.getByText('By the bar').waitFor();
    expect(await ledeOf(ann.page)).toBe(
      "Wait at the meeting spot so Cat can find you, and hold up your beacon. If you can't wait, say so and we'll find Cat someone else.",
    );
    await ann.page.getByText('By the bar').waitFor();
    await beaconLineFor(ann.page, 'Cat').waitFor();
    // No chat to be done with while Cat walks over: "I can't wait" (or someone new instead).
    await ann.page.getByRole('button', { name: "I can't wait" }).waitFor();
    await ann.page.getByRole('button', { name: 'Find someone new' }).waitFor();
    expect(await ann.page.getByRole('button', { name: 'Done chatting' }).count()).toBe(0);
    // Nobody here yet to swap details with, nor a circle to open to one more.
    expect(await ann.page.getByRole('button', { name: 'Keep in touch' }).count()).toBe(0);
    expect(await ann.page.getByRole('switch', { name: 'Open to one more' }).count()).toBe(0);
    await ann.page.locator('#notice').getByText('Ben has moved on.').waitFor();

    await cat.page.getByRole('button', { name: 'I found them' }).tap();
    await waitForView(cat.page, 'chatting');
    await ann.page.getByRole('heading', { name: 'Chatting with Cat', exact: true }).waitFor();
    expect(await ledeOf(ann.page)).toBe("Enjoy it. When you're ready, move on — no need to make an excuse.");
    expect(await ledeOf(cat.page)).toBe("Enjoy it. When you're ready, move on — no need to make an excuse.");
    await ann.page.getByRole('button', { name: 'Done chatting' }).waitFor();
    // Cat is here: the two can swap details, and Ben's going is old news.
    await ann.page.getByRole('button', { name: 'Keep in touch' }).waitFor();
    await ann.page.locator('#notice').getByText('Ben has moved on.').waitFor({ state: 'detached' });
  });

  it('"I can’t wait" ends it for Ann, and Cat is found someone else', async () => {
    const { ann, cat } = await annWaitsForCat('Short Night');
    await ann.page.getByRole('button', { name: "I can't wait" }).tap();
    await waitForView(ann.page, 'idle');
    await waitForView(cat.page, 'waiting');
    await cat.page.locator('#notice').getByText("Ann wrapped up before you got there. We're finding you someone else.").waitFor();
  });
});
