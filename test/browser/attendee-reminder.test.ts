import { createEvent } from '../helpers/server';
import { describeInBrowser } from '../helpers/browser';
import { buzzesOf, linkNoise, matchTwoPhones, recordBuzzes, usePhoneRig, waitForView } from './steps';

jest.setTimeout(30_000);

/** 2 min 20 s of a match's 3 minutes: the reminder is due (a minute before the end), with 40 s left. */
const INTO_REMINDER = 140_000;

/**
 * "Found Bob? Tap “We found each other”, or this match ends…": sent once, a minute before an
 * unconfirmed match runs out. The phone that most needs it is the one in a pocket, whose link may
 * have dropped just then; and the event's end must not talk over it.
 */
describeInBrowser('the reminder before a match runs out', () => {
  const rig = usePhoneRig(linkNoise);

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

    // A reload while it is due shows it again, too, but does not buzz for it a second time.
    await recordBuzzes(ann.page.context());
    await ann.page.reload();
    await waitForView(ann.page, 'matched');
    await ann.page.locator('#notice').getByText(/^Found Bob\? Tap “We found each other”/).waitFor();
    expect(await buzzesOf(ann.page)).toEqual([]);
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

    // Nobody taps, and it runs out: Cat hears it live, Dan's phone, away just then, once it is back.
    await dan.page.context().setOffline(true);
    await dan.page.getByText('Reconnecting…').waitFor();
    rig.advance(60_000);
    await waitForView(cat.page, 'ended');
    await cat.page.locator('#notice').getByText('Your match with Dan ran out of time before anyone tapped “We found each other”.').waitFor();
    await dan.page.context().setOffline(false);
    await waitForView(dan.page, 'ended');
    await dan.page.locator('#notice').getByText('Your match with Cat ran out of time before anyone tapped “We found each other”.').waitFor();
  });

  it('is not kept over a match that met while the phone was away, when the event ends', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Met Meanwhile', topics: ['Jazz'] });
    const [cat, dan] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Cat', 'Dan'], 'Jazz');
    rig.pages.push(cat, dan);
    rig.advance(INTO_REMINDER);
    await cat.page.locator('#notice').getByText(/^Found Dan\? Tap/).waitFor();
    await cat.page.context().setOffline(true);
    await cat.page.getByText('Reconnecting…').waitFor();
    await dan.page.getByRole('button', { name: 'We found each other' }).tap();
    await waitForView(dan.page, 'chatting');
    await rig.server.app.services.events.setStatus(event.id, 'ended');

    await cat.page.context().setOffline(false);
    await waitForView(cat.page, 'chatting');
    await cat.page.locator('#notice').getByText('Met Meanwhile has wrapped up: no new matches from here, but yours carries on.').waitFor();
    expect(await cat.page.getByText(/Found Dan\?/).count()).toBe(0);
  });

  it('is not shown for a "We found each other" tapped offline and on its way', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Dead Wifi', topics: ['Jazz'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Jazz');
    rig.pages.push(ann, bob);
    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();
    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    rig.advance(INTO_REMINDER);
    await bob.page.locator('#notice').getByText(/^Found Ann\? Tap/).waitFor();
    // Every notice Ann's phone shows from here.
    await ann.page.evaluate(() => {
      const w = window as unknown as { said: string[] };
      w.said = [];
      const notice = document.querySelector('#notice')!;
      new MutationObserver(() => w.said.push(notice.textContent ?? '')).observe(notice, { subtree: true, childList: true, characterData: true });
    });

    await ann.page.context().setOffline(false);
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
    expect((await ann.page.evaluate(() => (window as unknown as { said: string[] }).said)).filter((t) => t.includes('Found Bob?'))).toEqual([]);
  });
});
