import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { joinThroughForm, socketPerson, usePhoneRig, waitForView } from './steps';

jest.setTimeout(45_000);

/**
 * A three still finding each other (a third was added to a pair before anyone tapped "We found
 * each other"), and one of them taps "Can't find them": the others never met them, so their
 * phones say so as a pair's would ("can't make it after all"), not that they "moved on".
 */
describeInBrowser('attendee: someone leaves a three before anyone has found anyone', () => {
  const rig = usePhoneRig();

  it("says they can't make it after all", async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Three Night', topics: ['Jazz'] });
    const bob = await openPage(rig.browser, rig.server.url);
    rig.pages.push(bob);
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['Jazz'] });
    const ann = await socketPerson(rig, event.code, 'Ann');
    const cat = await socketPerson(rig, event.code, 'Cat');
    const annFound = waitFor(ann, 'match:found');
    expect(await call(ann, 'match:find')).toMatchObject({ ok: true });
    await bob.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    const match = await annFound;
    await waitForView(bob.page, 'matched');

    // Cat, with nobody new to pair with, is added to them as a third once she has waited the trio time.
    const catFound = waitFor(cat, 'match:found');
    expect(await call(cat, 'match:find')).toMatchObject({ ok: true });
    rig.advance(25_000);
    expect((await catFound).id).toBe(match.id);
    await bob.page.getByRole('heading', { name: "You're a three" }).waitFor();

    expect(await call(ann, 'match:leave', { matchId: match.id, reason: 'cant_find' })).toMatchObject({ ok: true });
    await bob.page.getByRole('heading', { name: 'Meet Cat' }).waitFor();
    await bob.page.locator('#notice').getByText("Ann can't make it after all.", { exact: true }).waitFor();
  });
});
