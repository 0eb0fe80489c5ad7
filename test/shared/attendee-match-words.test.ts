import { chattingLede, showsBeaconHint, waitingForArrivals } from '../../client/src/attendee/views/match-parts';
import type { Match, Partner } from '../../shared/schemas';

const person = (name: string, arriving = false): Partner => ({ id: name.toLowerCase(), name, interests: [], lookFor: '', arriving });

/** A match as a phone gets it: talking, by the bar, with `partners`. */
const matchWith = (partners: Partner[], over: Partial<Match> = {}): Match => ({
  id: 'm1',
  partners,
  sharedTopics: [],
  icebreaker: 'What brought you here?',
  spot: 'By the bar',
  beacon: { color: '#336699', emoji: '🌻', colorName: 'blue' },
  createdAt: '2026-11-27T05:00:00.000Z',
  reasons: [],
  status: 'chatting',
  open: false,
  arriving: false,
  ...over,
});

/**
 * The chat screen's words when a group empties around someone on their way: Ann and Ben met,
 * Cat was sent to join, and Ben left before Cat got there. Nobody is "already talking".
 */
describe('the chat lede (chattingLede)', () => {
  test('sent to join a group still talking: they are already talking', () => {
    const m = matchWith([person('Ann'), person('Ben')], { arriving: true });
    expect(chattingLede(m)).toBe("They're already talking and know you're coming. Look for your beacon colour and say hello.");
  });

  test('sent to join one person left: they are waiting for me, at the meeting spot if there is one', () => {
    const m = matchWith([person('Ann')], { arriving: true });
    expect(chattingLede(m)).toBe("Ann is waiting for you at the meeting spot and knows you're coming. Look for your beacon colour and say hello.");
    expect(chattingLede({ ...m, spot: null })).toBe("Ann is waiting for you and knows you're coming. Look for your beacon colour and say hello.");
    // Another newcomer on the way too changes nothing: only Ann is there.
    expect(chattingLede(matchWith([person('Ann'), person('Dan', true)], { arriving: true }))).toMatch(/^Ann is waiting for you/);
  });

  test('alone, with someone on the way: wait for them, not "enjoy it"', () => {
    const m = matchWith([person('Cat', true)]);
    expect(waitingForArrivals(m)).toBe(true);
    expect(chattingLede(m)).toBe("Wait at the meeting spot so Cat can find you, and hold up your beacon. If you can't wait, say so and we'll find Cat someone else.");
    expect(chattingLede({ ...m, spot: null })).toBe("Stay where you are so Cat can find you, and hold up your beacon. If you can't wait, say so and we'll find Cat someone else.");
    expect(chattingLede(matchWith([person('Cat', true), person('Dan', true)]))).toMatch(/^Wait at the meeting spot so Cat and Dan can find you.* find Cat and Dan someone else\.$/);
    // After the event has ended nobody is found anyone else.
    expect(chattingLede(m, true)).toBe('Wait at the meeting spot so Cat can find you, and hold up your beacon.');
  });

  test('talking with someone: enjoy it, whoever else is on the way', () => {
    const enjoy = "Enjoy it. When you're ready, move on — no need to make an excuse.";
    expect(chattingLede(matchWith([person('Ben')]))).toBe(enjoy);
    expect(chattingLede(matchWith([person('Ben'), person('Cat', true)]))).toBe(enjoy);
    expect(waitingForArrivals(matchWith([person('Ben'), person('Cat', true)]))).toBe(false);
  });
});

/**
 * "Look for your beacon colour on their phone." under someone with no description: for those I
 * still have to find, not those I am standing with.
 */
describe('the beacon line under a partner (showsBeaconHint)', () => {
  test('a group already talking: not for those there, still for someone on their way', () => {
    const m = matchWith([person('Ben'), person('Cat', true)]);
    expect(showsBeaconHint(m, m.partners[0]!)).toBe(false);
    expect(showsBeaconHint(m, m.partners[1]!)).toBe(true);
  });

  test('before the group has met, or when I am the one on my way: for everyone', () => {
    const matched = matchWith([person('Ben'), person('Cat')], { status: 'matched' });
    expect(matched.partners.map((p) => showsBeaconHint(matched, p))).toEqual([true, true]);
    const joining = matchWith([person('Ann'), person('Ben')], { arriving: true });
    expect(joining.partners.map((p) => showsBeaconHint(joining, p))).toEqual([true, true]);
  });
});
