import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent, findEachOther, joinAndConnect, type AttendeeSocket } from '../helpers/server';
import { joinThroughForm, matchTwoPhones, partnerNames, tokenOf, usePhoneRig, waitForView } from './steps';

jest.setTimeout(60_000);

const OVERDUE = "It's taking longer than usual. We'll match you as soon as someone new is free.";
const NOBODY_FREE = "Nobody's free to pair with you just now. We'll match you as soon as someone is, or we may add you to a pair or group.";

/**
 * The waiting screen's words hold whoever else is looking: it counts only those this person could
 * be paired with (`match:waiting` `available`), and a match may come with nobody tapping Find, as
 * a third to a pair. "You're first in line… as soon as someone else taps Find" promised neither.
 */
describeInBrowser('The waiting screen', () => {
  const rig = usePhoneRig();
  const sockets: AttendeeSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('says it is taking longer than usual, not "about 5 seconds", once a long wait has passed its guess', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Quiet Corner', topics: ['Maps'] });
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Maps'] });
    // Cy and Dee, who will not be put with Ann (a silent block each), meet: a match rate of two
    // people placed in five minutes, someone new every 150 s.
    const [cy, dee] = [
      await joinAndConnect(rig.server, event.code, { name: 'Cy', interests: ['Maps'] }, sockets),
      await joinAndConnect(rig.server, event.code, { name: 'Dee', interests: ['Maps'] }, sockets),
    ];
    const { id: attendeeId } = await rig.server.app.services.attendees.authenticate(await tokenOf(ann.page, event.code));
    for (const p of [cy, dee]) expect(await call(p.socket, 'attendee:block', { attendeeId })).toMatchObject({ ok: true });
    const match = await findEachOther(cy.socket, dee.socket);
    expect(await call(cy.socket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });

    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(ann.page, 'waiting');
    await ann.page.locator('.waiting-estimate').getByText(/^Our best guess: about /).waitFor();
    // Four minutes on, with nobody new: no countdown to one tick, and no number.
    rig.advance(240_000);
    await ann.page.locator('.waiting-estimate').getByText(OVERDUE, { exact: true }).waitFor();
    expect(await ann.page.getByText('Our best guess').count()).toBe(0);
  });

  it('says nobody is free, not "first in line", when the only others looking cannot be paired with you', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Crowded Foyer', topics: ['Maps'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Maps');
    rig.pages.push(ann, bob);
    // They could not find each other: both look again, and are not paired again for a while.
    await bob.page.getByRole('button', { name: "Can't find them" }).tap();
    for (const { page } of [ann, bob]) {
      await waitForView(page, 'waiting');
      await page.locator('.waiting-others').getByText(NOBODY_FREE, { exact: true }).waitFor();
      expect(await page.getByText('first in line').count()).toBe(0);
      expect(await page.getByText('looking too').count()).toBe(0);
    }
  });

  it('says a match may come as a third to a pair, and one does, with nobody tapping Find', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Odd Numbers', topics: ['Kayaks'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Kayaks');
    const cy = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann, bob, cy);
    await joinThroughForm(cy.page, event.code, { name: 'Cy', topics: ['Kayaks'] });
    await cy.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await waitForView(cy.page, 'waiting');
    await cy.page.locator('.waiting-others').getByText(NOBODY_FREE, { exact: true }).waitFor();
    // The server's hint is the wait for a trio: a guess, not what usually happens.
    await cy.page.locator('.waiting-estimate').getByText('Our best guess: about 20 seconds', { exact: true }).waitFor();

    // Nobody else taps Find; Cy has waited past the trio threshold (20 s).
    rig.advance(21_000);
    await waitForView(cy.page, 'matched');
    expect((await partnerNames(cy.page)).sort()).toEqual(['Ann', 'Bob']);
  });

  it('from an older server, with no `available` in the hint, counts the others looking', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Old Hall', topics: ['Maps'] });
    const [ann, bob] = await matchTwoPhones(rig.browser, rig.server.url, event.code, ['Ann', 'Bob'], 'Maps');
    rig.pages.push(ann, bob);
    // Ann's phone hears a server from before `available`: each `match:waiting` loses it on the way.
    await ann.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (typeof message !== 'string' || !message.includes('"match:waiting"')) return ws.send(message);
        const start = message.indexOf('[');
        const [name, waiting] = JSON.parse(message.slice(start)) as [string, Record<string, unknown>];
        delete waiting.available;
        ws.send(message.slice(0, start) + JSON.stringify([name, waiting]));
      });
    });
    await ann.page.reload();
    await waitForView(ann.page, 'matched');
    await bob.page.getByRole('button', { name: "Can't find them" }).tap();
    // Both looking, Ann and Bob not to be paired again for a while: the newer server says nobody
    // is free for Bob; the older one can only say who else is looking, Bob, for Ann.
    await waitForView(bob.page, 'waiting');
    await bob.page.locator('.waiting-others').getByText(NOBODY_FREE, { exact: true }).waitFor();
    await waitForView(ann.page, 'waiting');
    await ann.page.locator('.waiting-others').getByText('1 other person looking too', { exact: true }).waitFor();
  });
});
