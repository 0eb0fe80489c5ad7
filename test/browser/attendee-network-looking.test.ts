import { describeInBrowser, openPage } from '../helpers/browser';
import { createEvent } from '../helpers/server';
import { joinThroughForm, linkNoise, partnerNames, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

/**
 * Looking, then the phone loses its network. Only phones with a connection are matched, so the
 * waiting screen must not go on promising a match while it is offline; once it is back,
 * it is matched from the place it kept.
 */
describeInBrowser('looking on a phone that goes offline', () => {
  // Chromium logs each connection attempt refused while offline.
  const rig = usePhoneRig(linkNoise);

  it('says it cannot be matched while offline, keeps its place, and is matched once back', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Cellar Meetup', topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    const bob = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann, bob);
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Jazz'] });
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['Jazz'] });
    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(ann.page, 'waiting');
    await ann.page.getByText("Nobody's free to pair with you just now.").waitFor();

    await ann.page.context().setOffline(true);
    await ann.page.getByText('Reconnecting…').waitFor();
    await ann.page.getByText("You're offline, so we can't match you right now. You keep your place in the queue until you're back.").waitFor();
    expect(await ann.page.getByText("Nobody's free to pair with you just now.").count()).toBe(0);
    expect(await ann.page.getByText('Our best guess').count()).toBe(0);

    // A tap offline is refused at once, and says so: the screen stays as the server last said.
    await ann.page.getByRole('button', { name: 'Cancel' }).tap();
    await ann.page.getByText("You're offline, so that didn't go through.").waitFor({ timeout: 1_000 });
    await waitForView(ann.page, 'waiting');

    // Bob looks meanwhile: he is not matched with a phone that is not there, nor told that
    // someone is free to pair with him.
    await bob.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(bob.page, 'waiting');
    // A whole tick runs with both looking, and pairs nobody.
    await rig.server.app.ticker.tick();
    expect(await rig.server.app.store.listMatches(event.id)).toEqual([]);
    await bob.page.getByText("Nobody's free to pair with you just now.").waitFor();
    expect((await rig.server.app.store.listLooking(event.id)).map((a) => a.name).sort()).toEqual(['Ann', 'Bob']);
    expect(await bob.page.locator('[data-view="matched"]').count()).toBe(0);

    await ann.page.context().setOffline(false);
    await Promise.all([waitForView(ann.page, 'matched'), waitForView(bob.page, 'matched')]);
    expect(await partnerNames(ann.page)).toEqual(['Bob']);
    expect(await partnerNames(bob.page)).toEqual(['Ann']);
    await ann.page.getByText('Reconnecting…').waitFor({ state: 'hidden' });
  });
});
