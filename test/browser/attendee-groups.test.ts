import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { accessibleNode } from './a11y-probes/screen-reader';
import { joinThroughForm, meetOnTwoPhones, matchTwoPhones, partnerNames, sendToOpenCircle, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

describeInBrowser('attendee pages for trios and open circles', () => {
  // The server's clock can move ahead: a trio needs someone who has waited 20 s.
  const rig = usePhoneRig();
  const { pages } = rig;

  it('sends someone to an open circle: they see whom to join and how to spot them, and the circle sees them coming', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Circles', topics: ['Jazz', 'Chess'], spots: ['By the piano'] });
    const [dee, eve] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, ['Dee', 'Eve'], 'Jazz');
    pages.push(dee, eve);
    // A thumb taps the switch's track, which covers the input itself.
    await dee.page.locator('.switch', { hasText: 'Open to one more' }).tap();
    await dee.page.getByText('Someone looking may be sent to join you.').waitFor();
    expect(await dee.page.getByRole('switch', { name: 'Open to one more' }).isChecked()).toBe(true);

    const fay = await openPage(rig.browser, rig.server.url);
    pages.push(fay);
    await joinThroughForm(fay.page, event.code, { name: 'Fay', topics: ['Jazz'], lookFor: 'yellow raincoat' });
    // Eve is holding up the beacon when Fay is sent (see below).
    await eve.page.locator('button.beacon').tap();
    await eve.page.locator('[data-beacon-overlay]').waitFor();
    await fay.page.getByRole('button', { name: 'Find someone to chat to' }).tap();

    // Fay: who to join, how to spot them, where, and why.
    await waitForView(fay.page, 'chatting');
    await fay.page.getByRole('heading', { name: /Go and join (Dee and Eve|Eve and Dee)/ }).waitFor();
    expect((await partnerNames(fay.page)).sort()).toEqual(['Dee', 'Eve']);
    await fay.page.locator('.match-card .spot', { hasText: 'By the piano' }).waitFor();
    await fay.page.locator('.match-card .reasons li').first().waitFor();
    await fay.page.getByRole('heading', { name: 'Why you three' }).waitFor();
    // The server knows she is on her way: a reload still says whom to go and join.
    await fay.page.reload();
    await fay.page.getByRole('heading', { name: /Go and join (Dee and Eve|Eve and Dee)/ }).waitFor();

    // Behind the beacon, the page and its notice are inert, out of a screen reader's reach: Eve
    // hears who is coming from the beacon itself, and sees it once she puts the beacon down.
    const coming = 'Fay is coming over to join you. How to spot them: yellow raincoat.';
    await eve.page.locator('[data-beacon-overlay] [role="status"]', { hasText: coming }).waitFor({ state: 'attached' });
    expect((await accessibleNode(eve.page, '[data-beacon-overlay] [role="status"]')).ignored).toBe(false);
    expect((await accessibleNode(eve.page, '#notice')).ignored).toBe(true);
    await eve.page.locator('[data-beacon-overlay]').tap();
    await eve.page.locator('[data-beacon-overlay]').waitFor({ state: 'detached' });
    expect((await accessibleNode(eve.page, '#notice')).ignored).toBe(false);

    // Dee and Eve: told who is coming and how to spot her, and she is on their card.
    for (const { page } of [dee, eve]) {
      await page.locator('#notice').getByText(coming).waitFor();
      await page.locator('[data-partner-name]', { hasText: 'Fay' }).waitFor();
      await page.locator('.partner', { hasText: 'Fay' }).getByText('yellow raincoat').waitFor();
    }

    await fay.page.getByRole('button', { name: 'I found them' }).tap();
    await fay.page.getByRole('heading', { name: /Chatting with (Dee and Eve|Eve and Dee)/ }).waitFor();
    // Keeping in touch with a group speaks to all of them, not to "you both".
    await fay.page.locator('.keep-status', { hasText: /^Swap details with (Dee and Eve|Eve and Dee), only if you all want to\.$/ }).waitFor();
    await fay.page.getByRole('button', { name: 'Keep in touch' }).tap();
    await fay.page.locator('dialog[data-sheet="keep"]').getByText(/^(Dee and Eve|Eve and Dee) see your details only if they both share theirs too\./).waitFor();
    await fay.page.getByRole('button', { name: 'Close' }).tap();

    // Once she has found them, "Fay is coming over" no longer holds: it goes, and she stays on their card.
    for (const { page } of [dee, eve]) {
      await page.locator('#notice').getByText(coming).waitFor({ state: 'detached' });
      await page.locator('[data-partner-name]', { hasText: 'Fay' }).waitFor();
    }

    // Fay moves on; Dee and Eve carry on. Her "Good chat?" stays, but swapping details is
    // closed to her: Dee and Eve's offers would name only each other.
    await fay.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(fay.page, 'idle');
    const after = fay.page.locator('#after-chat');
    await after.getByText(/Good chat with (Dee and Eve|Eve and Dee)\?/).waitFor();
    await after.getByText("carried on without you, so it's too late to swap details").waitFor();
    expect(await after.locator('.after-chat-keep').count()).toBe(0);
    await dee.page.getByRole('heading', { name: 'Chatting with Eve' }).waitFor();
    await dee.page.locator('#notice').getByText('Fay has moved on.').waitFor();
  });

  /**
   * The first two meet and open their circle; the third joins the event and taps Find, and is
   * sent to join them (their card says whom to go and join). Returns the three pages.
   */
  async function sentToCircle(eventName: string, topic: string, [a, b, newcomer]: [string, string, string]) {
    const { event } = await createEvent(rig.server.url, { name: eventName, topics: [topic] });
    const [first, second] = await meetOnTwoPhones(rig.browser, rig.server.url, event.code, [a, b], topic);
    pages.push(first, second);
    const third = await sendToOpenCircle(rig.browser, rig.server.url, event.code, first, { name: newcomer, topics: [topic] });
    pages.push(third);
    await third.page.getByRole('heading', { name: new RegExp(`Go and join (${a} and ${b}|${b} and ${a})`) }).waitFor();
    return [first, second, third] as const;
  }

  it("someone sent to a circle who can't find it goes back to looking, and the circle is told", async () => {
    const [hal, ida, jo] = await sentToCircle('Crowded Bar', 'Chess', ['Hal', 'Ida', 'Jo']);
    await jo.page.getByRole('button', { name: "Can't find them" }).tap();

    // Looking again, with no "Good chat?" about people she never found.
    await waitForView(jo.page, 'waiting');
    expect(await jo.page.locator('#after-chat').isHidden()).toBe(true);
    for (const { page } of [hal, ida]) {
      await page.locator('#notice').getByText("Jo isn't coming over after all.").waitFor();
    }
    await hal.page.getByRole('heading', { name: 'Chatting with Ida' }).waitFor();
  });

  it('someone on their way to a circle that breaks up before they get there is told, and looks again', async () => {
    const [kim, lee, max] = await sentToCircle('Late Arrival', 'Go', ['Kim', 'Lee', 'Max']);
    await kim.page.locator('#notice').getByText('Max is coming over to join you.').waitFor();

    // Kim moves on, then Lee: Max is still crossing the room.
    await kim.page.getByRole('button', { name: 'Done chatting' }).tap();
    await waitForView(kim.page, 'idle');
    await max.page.getByRole('heading', { name: 'Go and join Lee' }).waitFor();
    // Lee, alone waiting for Max, has no chat to be done with: she can't wait.
    await lee.page.getByRole('button', { name: "I can't wait" }).tap();
    await waitForView(lee.page, 'idle');

    await waitForView(max.page, 'waiting');
    await max.page.locator('#notice').getByText("Lee wrapped up before you got there. We're finding you someone else.").waitFor();
    expect(await max.page.locator('#after-chat').isHidden()).toBe(true);
  });

  it('adds a third to a pair: "you\'re a three" for them, and the pair sees who joined', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Trios', topics: ['Climbing'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Climbing');
    pages.push(ann, bob);

    const cy = await openPage(rig.browser, rig.server.url);
    pages.push(cy);
    await joinThroughForm(cy.page, event.code, { name: 'Cy', topics: ['Climbing'], lookFor: 'green beanie' });
    await cy.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(cy.page, 'waiting');
    // Cy has now waited past the trio threshold (20 s), with nobody new to pair with.
    rig.advance(21_000);

    await waitForView(cy.page, 'matched');
    await cy.page.getByRole('heading', { name: "You're a three" }).waitFor();
    expect((await partnerNames(cy.page)).sort()).toEqual(['Ann', 'Bob']);
    await cy.page.locator('.match-card .reasons li').first().waitFor();
    await cy.page.getByRole('heading', { name: 'Why you three' }).waitFor();

    for (const { page } of [ann, bob]) {
      await page.getByRole('heading', { name: "You're a three" }).waitFor();
      await page.locator('#notice').getByText('Cy is coming over to join you. How to spot them: green beanie.').waitFor();
      await page.locator('.partner', { hasText: 'Cy' }).getByText('green beanie').waitFor();
    }
  });
});
