import { connectAttendee, createEvent, joinEvent, call, type AttendeeSocket } from '../helpers/server';
import { describeInBrowser, openPage, saveScreenshot, type TrackedPage, useServerAndBrowser } from '../helpers/browser';
import { beaconOf, fillJoinForm, joinThroughForm, partnerNames, saveWholeScreen, submitJoin, waitForView } from './steps';

jest.setTimeout(45_000);

describeInBrowser('attendee journey on two phones', () => {
  const sockets: AttendeeSocket[] = [];
  const rig = useServerAndBrowser({ cleanup: () => sockets.forEach((s) => s.disconnect()) });

  it('joins, matches, meets, and finds someone new', async () => {
    const { event } = await createEvent(rig.server.url, {
      name: 'Friday Tech Social',
      topics: ['AI', 'Climbing', 'Startups', 'Design', 'Coffee', 'Open source'],
      spots: ['By the big plant'],
    });
    const ann: TrackedPage = await openPage(rig.browser, rig.server.url);
    const bob: TrackedPage = await openPage(rig.browser, rig.server.url);

    await fillJoinForm(ann.page, event.code, {
      name: 'Ann',
      topics: ['Climbing', 'AI', 'Open source'],
      ownInterests: ['Sourdough'],
      lookFor: 'green jumper, by the bar',
    });
    await ann.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await saveScreenshot(ann.page, 'attendee-join', true);
    await submitJoin(ann.page);
    await joinThroughForm(bob.page, event.code, { name: 'Bob', topics: ['Climbing', 'Coffee'], lookFor: 'red cap' });

    for (const { page } of [ann, bob]) await page.getByRole('button', { name: 'Find someone to chat to' }).tap();
    await Promise.all([waitForView(ann.page, 'matched'), waitForView(bob.page, 'matched')]);

    expect(await partnerNames(ann.page)).toEqual(['Bob']);
    expect(await partnerNames(bob.page)).toEqual(['Ann']);
    await ann.page.getByText('red cap').waitFor();
    const [annBeacon, bobBeacon] = await Promise.all([beaconOf(ann.page), beaconOf(bob.page)]);
    expect(annBeacon.emoji).not.toBe('');
    expect(annBeacon).toEqual(bobBeacon);
    await ann.page.locator('.match-card .chip', { hasText: 'Climbing' }).waitFor();
    // The spot as the organiser wrote it, under a label: "Meet at By the big plant" reads wrong.
    const spot = await ann.page.locator('.match-card .spot').textContent();
    expect(spot).toContain('Meeting spot: By the big plant');
    expect(spot).not.toContain('Meet at');
    await saveWholeScreen(ann.page, 'attendee-match');

    // The beacon, held up: full screen in the match's colour, closed by a tap.
    await ann.page.locator('[data-beacon-emoji]').tap();
    const overlay = ann.page.locator('[data-beacon-overlay]');
    await overlay.getByText(`look for the ${await ann.page.locator('[data-beacon-name]').getAttribute('data-beacon-name')} ${annBeacon.emoji}`).waitFor();
    const background = await overlay.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe(rgb(annBeacon.color));
    // A modal: Tab stays on it, and the screen behind is inert until it closes.
    const appInert = () => ann.page.locator('#app').evaluate((el) => (el as HTMLElement).inert);
    await ann.page.keyboard.press('Tab');
    expect(await ann.page.evaluate(() => document.activeElement?.hasAttribute('data-beacon-overlay'))).toBe(true);
    expect(await appInert()).toBe(true);
    await overlay.tap();
    await overlay.waitFor({ state: 'detached' });
    expect(await appInert()).toBe(false);

    await ann.page.getByRole('button', { name: 'We found each other' }).tap();
    await Promise.all([waitForView(ann.page, 'chatting'), waitForView(bob.page, 'chatting')]);
    await bob.page.getByRole('heading', { name: 'Chatting with Ann' }).waitFor();
    // Ann's tap moved Bob on too, perhaps while he was still crossing the room: the spot and how
    // to spot Ann stay on his screen, without a tap.
    const bobChatting = bob.page.locator('[data-view="chatting"]');
    await bobChatting.locator('.spot', { hasText: 'Meeting spot: By the big plant' }).waitFor();
    await bobChatting.getByText('green jumper, by the bar').waitFor();

    // Ann moves on: she is looking again, and Bob is told, kindly, that she wrapped up the chat
    // to keep mingling ("had to go" is for leaving the event).
    await ann.page.getByRole('button', { name: 'Find someone new' }).tap();
    await waitForView(ann.page, 'waiting');
    await waitForView(bob.page, 'idle');
    await bob.page.getByText('Ann wrapped up your chat to keep mingling.').waitFor();

    // Someone new arrives and is matched with Ann.
    const cy = await joinEvent(rig.server.url, event.code, { name: 'Cy', interests: ['AI'] });
    const cySocket = await connectAttendee(rig.server.url, cy.token);
    sockets.push(cySocket);
    expect(await call(cySocket, 'match:find')).toMatchObject({ ok: true });
    await waitForView(ann.page, 'matched');
    expect(await partnerNames(ann.page)).toEqual(['Cy']);

    expect([...ann.errors, ...bob.errors]).toEqual([]);
  });
});

/** '#7c3aed' -> 'rgb(124, 58, 237)', as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
