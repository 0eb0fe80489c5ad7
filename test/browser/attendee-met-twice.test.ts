import { describeInBrowser, openPage } from '../helpers/browser';
import { call, createEvent, waitFor } from '../helpers/server';
import { joinThroughForm, socketPerson, usePhoneRig, waitForView } from './steps';

jest.setTimeout(45_000);

/**
 * Ann and Bob meet, and, nobody new being free, are paired again and meet a second time. People
 * I met lists both chats, but she met one person: not "People I met · 2", nor "You met 2 people".
 */
describeInBrowser('attendee: the same person met twice', () => {
  const rig = usePhoneRig();

  it('counts them once on the idle screen and the thank-you screen', async () => {
    const { event, organiserToken } = await createEvent(rig.server.url, { name: 'Twice Night', topics: ['Jazz'] });
    const ann = await openPage(rig.browser, rig.server.url);
    rig.pages.push(ann);
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Jazz'] });
    const bobSocket = await socketPerson(rig, event.code, 'Bob');

    for (const round of [1, 2]) {
      const found = waitFor(bobSocket, 'match:found');
      expect(await call(bobSocket, 'match:find')).toMatchObject({ ok: true });
      await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
      if (round === 2) {
        // They have met before: paired again only once both have waited the trio time.
        await waitForView(ann.page, 'waiting');
        rig.advance(25_000);
      }
      const match = await found;
      await waitForView(ann.page, 'matched');
      expect(await call(bobSocket, 'match:met', { matchId: match.id })).toMatchObject({ ok: true });
      expect(await call(bobSocket, 'match:leave', { matchId: match.id, reason: 'done' })).toMatchObject({ ok: true });
      await waitForView(ann.page, 'idle');
    }
    await ann.page.getByRole('button', { name: 'People I met · 1', exact: true }).waitFor();
    await ann.page.getByRole('button', { name: 'People I met · 1', exact: true }).tap();
    // Both chats are listed, each with its own Keep in touch.
    await ann.page.waitForFunction(() => document.querySelectorAll('[data-person]').length === 2);
    await ann.page.keyboard.press('Escape');

    const ended = await fetch(`${rig.server.url}/api/events/${event.id}/end`, { method: 'POST', headers: { authorization: `Bearer ${organiserToken}` } });
    expect(ended.status).toBe(200);
    await waitForView(ann.page, 'ended');
    await ann.page.getByRole('heading', { name: /^You met 1 person (tonight|today)$/ }).waitFor();
  });
});
