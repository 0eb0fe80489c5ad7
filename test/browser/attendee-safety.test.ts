import type { Match } from '../../shared/schemas';
import { call, connectAttendee, createEvent, joinEvent, waitFor, type AttendeeSocket } from '../helpers/server';
import { describeInBrowser, openPage, useServerAndBrowser } from '../helpers/browser';
import { joinThroughForm, partnerNames, waitForView } from './steps';

jest.setTimeout(30_000);

const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_LOOK = '<b>bold</b><script>alert(2)</script>';

describeInBrowser('attendee page shows what people type as text', () => {
  let mallory: AttendeeSocket | undefined;
  const rig = useServerAndBrowser({ cleanup: () => mallory?.disconnect() });

  it('renders a partner named like markup as literal text', async () => {
    const { event } = await createEvent(rig.server.url, { name: 'Safe Social', topics: ['Security'] });
    const ann = await openPage(rig.browser, rig.server.url);
    await joinThroughForm(ann.page, event.code, { name: 'Ann', topics: ['Security'] });

    const joined = await joinEvent(rig.server.url, event.code, { name: HOSTILE_NAME, interests: ['Security'], lookFor: HOSTILE_LOOK });
    mallory = await connectAttendee(rig.server.url, joined.token);
    const found = waitFor(mallory, 'match:found');
    expect(await call(mallory, 'match:find')).toMatchObject({ ok: true });
    await ann.page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    const match = (await found) as Match;
    await waitForView(ann.page, 'matched');

    expect(await partnerNames(ann.page)).toEqual([HOSTILE_NAME]);
    await ann.page.getByRole('heading', { name: `Meet ${HOSTILE_NAME}` }).waitFor();
    await ann.page.locator('.partner-look', { hasText: HOSTILE_LOOK }).waitFor();

    // The partner leaves before they met: the notice names them, still as text.
    expect(await call(mallory, 'match:leave', { matchId: match.id, reason: 'done' })).toMatchObject({ ok: true });
    await ann.page.getByText(`${HOSTILE_NAME} can't make it after all`).waitFor();

    expect(await ann.page.locator('img, script:not([type="module"]), b').count()).toBe(0);
    expect(ann.dialogs).toEqual([]);
    expect(ann.errors).toEqual([]);
  });
});
