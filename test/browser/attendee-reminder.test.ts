import { createEvent } from '../helpers/server';
import { describeInBrowser } from '../helpers/browser';
import { linkNoise, matchTwoPhones, untouchedBuzz, usePhoneRig, waitForView } from './steps';

jest.setTimeout(30_000);

/** 2 min 20 s of a match's 3 minutes: the reminder is due (a minute before the end), with 40 s left. */
const INTO_REMINDER = 140_000;

/**
 * "Found Bob? Tap “We found each other”, or this match ends…": sent once, a minute before an
 * unconfirmed match runs out. The phone that most needs it is the one in a pocket, whose link may
 * have dropped just then; and the event's end must not talk over it.
 */
describeInBrowser('the reminder before a match runs out', () => {
  // A reloaded page buzzes for the reminder before anyone touched it, which Chromium refuses.
  const rig = usePhoneRig((e) => linkNoise(e) || untouchedBuzz(e));

  it('reaches a phone that was offline when it was sent, once it is back', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Pocket Night', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();

    rig.advance(INTO_REMINDER);
    await bob.page.locator('#notice').getByText(/^Found Ann\? Tap “We found each other”, or this match ends in less than a minute\.$/).waitFor();
    await ann.page.context().setOffline(false);
    await ann.page.locator('#notice').getByText(/^Found Bob\? Tap “We found each other”, or this match ends in less than a minute\.$/).waitFor();

    // A reload while it is due shows it again, too.
    await ann.page.reload();
    await waitForView(ann.page, 'matched');
    await ann.page.locator('#notice').getByText(/^Found Bob\? Tap “We found each other”/).waitFor();
  });

  it('stays up, saying so, when the event ends; the thank-you says the match ran out of time', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Late Close', topics: ['Jazz'] });
    const [cat, dan] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cat', 'Dan'], 'Jazz');
    rig.pages.push(cat, dan);
    rig.advance(INTO_REMINDER);
    const reminder = cat.page.locator('#notice').getByText(/^Found Dan\? Tap “We found each other”/);
    await reminder.waitFor();

    await rig.server.app.services.events.setStatus(event.id, 'ended');
    await cat.page.locator('#notice').getByText(/^Late Close has wrapped up\. Found Dan\? Tap “We found each other”, or this match ends in less than a minute\.$/).waitFor();
    expect(await cat.page.getByText('but yours carries on').count()).toBe(0);

    rig.advance(60_000); // nobody tapped: it runs out
    await Promise.all([cat, dan].map(({ page }) => waitForView(page, 'ended')));
    for (const [{ page }, other] of [[cat, 'Dan'], [dan, 'Cat']] as const) {
      await page.locator('#notice').getByText(`Your match with ${other} ran out of time before anyone tapped “We found each other”.`).waitFor();
    }
  });
});
