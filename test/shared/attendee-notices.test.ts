import type { SeenMatch } from '../../client/src/attendee/model';
import { comingOverNotice, endedNotice, goneNotice, missedEndNotice } from '../../client/src/attendee/notices';
import { sentence } from '../../client/src/shared/dom';
import type { MatchEnded } from '../../shared/schemas';

/** A match with Bob as the phone last saw it: talking, unless `over` says otherwise. */
const withBob = (over: { status?: 'matched' | 'chatting'; arriving?: boolean; bobArriving?: boolean } = {}) => ({
  id: 'm1',
  arriving: over.arriving ?? false,
  status: over.status ?? ('chatting' as const),
  partners: [{ name: 'Bob', arriving: over.bobArriving ?? false }],
});
const left = (flags: Partial<MatchEnded> = {}): MatchEnded => ({ matchId: 'm1', reason: 'partner_left', ...flags });
const words = (ended: MatchEnded, match: Parameters<typeof endedNotice>[1]) => endedNotice(ended, match)?.text;

/**
 * What the phone says when its partner ends a match: "had to go" only when the server says they
 * left the event (`partnerLeftEvent`), never for someone who only tapped "Done chatting".
 */
describe('the words for a partner who left', () => {
  test('"Done chatting": they wrapped up the chat, not had to go', () => {
    expect(words(left(), withBob())).toBe('Bob wrapped up your chat. Ready for someone new?');
  });

  test('left the event (forgotten or removed): they had to go', () => {
    expect(words(left({ partnerLeftEvent: true }), withBob())).toBe('Bob had to go. Ready for someone new?');
    // Whether or not the chat had got going, or they were still on their way.
    expect(words(left({ partnerLeftEvent: true }), withBob({ status: 'matched' }))).toBe('Bob had to go. Ready for someone new?');
    expect(words(left({ partnerLeftEvent: true }), withBob({ bobArriving: true }))).toBe('Bob had to go. Ready for someone new?');
  });

  test('"Find someone new": they wrapped up the chat to keep mingling, said as kindly as "Done chatting"', () => {
    expect(words(left({ partnerFinding: true }), withBob())).toBe('Bob wrapped up your chat to keep mingling. Find someone else to chat to?');
  });

  test('a chat that never got going is not said to be wrapped up', () => {
    expect(words(left(), withBob({ status: 'matched' }))).toBe("Bob can't make it after all. Ready for someone new?");
    expect(words(left(), withBob({ bobArriving: true }))).toBe("Bob isn't coming over after all. Ready for someone new?");
  });

  test('on my way to join them, each reason before I got there', () => {
    const onMyWay = withBob({ arriving: true });
    const next = "before you got there. We're finding you someone else.";
    expect(words(left(), onMyWay)).toBe(`Bob wrapped up ${next}`);
    expect(words(left({ partnerLeftEvent: true }), onMyWay)).toBe(`Bob had to go ${next}`);
    expect(words(left({ partnerFinding: true }), onMyWay)).toBe(`Bob moved on to keep mingling ${next}`);
  });

  test('a match kept from before a reload (no status) reads as one that got going', () => {
    const seen: SeenMatch = { id: 'm1', arriving: false, chatting: true, partners: [{ id: 'b', name: 'Bob', arriving: false }] };
    expect(words(left(), seen)).toBe('Bob wrapped up your chat. Ready for someone new?');
  });

  test('a group, or a match this phone does not know, keeps its words', () => {
    const group = { ...withBob(), partners: [{ name: 'Bob' }, { name: 'Cat' }] };
    expect(words(left({ partnerLeftEvent: true }), group)).toBe('Your group has wrapped up. Ready for someone new?');
    expect(words(left(), null)).toBe('Your group has wrapped up. Ready for someone new?');
  });
});

/** A match that ended while the phone was away: why, when the server says (`State.matchTimedOut`). */
describe('the words for a match that ended while the phone was away', () => {
  const seen = (names: string[]): SeenMatch => ({
    id: 'm1',
    arriving: false,
    chatting: false,
    partners: names.map((name) => ({ id: name.toLowerCase(), name, arriving: false })),
  });

  test('timed out: says it ran out of time and why, then what next', () => {
    expect(missedEndNotice(seen(['Hal']), [], false, true).text).toBe(
      'Your match with Hal ran out of time while you were away: neither of you tapped “We found each other”. Ready for someone new?',
    );
    expect(missedEndNotice(seen(['Ivy', 'Jon']), [], false, true).text).toBe(
      'Your match with Ivy and Jon ran out of time while you were away: nobody tapped “We found each other”. Ready for someone new?',
    );
  });

  test('not known to have timed out (another end, or an older server): as before', () => {
    expect(missedEndNotice(seen(['Hal']), [], false).text).toBe('Your match with Hal ended while you were away. Ready for someone new?');
    expect(missedEndNotice(seen(['Fin']), [], true).text).toBe("Your match with Fin ended while you were away. We're finding you someone else.");
  });

  test('a chat the server counts as met says so, whatever else', () => {
    expect(missedEndNotice(seen(['Hal']), ['Hal'], false, true).text).toBe('Your chat with Hal ended while you were offline.');
  });
});

/** Typed text closing one of our sentences gets one full stop, its own or ours (9b6a0a8). */
describe('typed text at the end of a sentence', () => {
  test('sentence() adds a full stop only where the text does not end a sentence already', () => {
    expect(sentence('blue scarf')).toBe('blue scarf.');
    for (const typed of ['Red cap.', 'Took my cap off!', 'Where am I?', 'By the bar…', 'Said "hi."', '(by the door.)']) expect(sentence(typed)).toBe(typed);
  });

  const partner = (name: string, lookFor: string) => ({ id: name, name, interests: [], lookFor, arriving: true });

  test('two coming over: each hint as typed, less a full stop of its own before the "; "', () => {
    const text = comingOverNotice('m1', [partner('Cat', 'Blue scarf.'), partner('Dee', 'Took my cap off!')]).text;
    expect(text).toBe('Cat and Dee are coming over to join you. How to spot them: Cat: Blue scarf; Dee: Took my cap off!');
    const last = comingOverNotice('m1', [partner('Cat', 'Big hat!'), partner('Dee', 'Green coat..')]).text;
    expect(last).toBe('Cat and Dee are coming over to join you. How to spot them: Cat: Big hat!; Dee: Green coat.');
  });
});

/** Who left a three still finding each other: they never met, so nobody "moved on" (f0dc97f). */
describe('someone leaving a group', () => {
  const person = (name: string) => ({ id: name, name, interests: [], lookFor: '', arriving: false });
  const group = (status: 'matched' | 'chatting', names: string[]) =>
    ({ id: 'm1', status, partners: names.map(person) }) as unknown as Parameters<typeof goneNotice>[0];

  test("before anyone found anyone: they can't make it after all, one or two", () => {
    expect(goneNotice(group('matched', ['Ann', 'Cat']), group('matched', ['Cat']))?.text).toBe("Ann can't make it after all.");
    expect(goneNotice(group('matched', ['Ann', 'Cat', 'Dee']), group('matched', ['Dee']))?.text).toBe("Ann and Cat can't make it after all.");
  });

  test('a chatting group: they have moved on', () => {
    expect(goneNotice(group('chatting', ['Ann', 'Cat']), group('chatting', ['Cat']))?.text).toBe('Ann has moved on.');
    expect(goneNotice(group('chatting', ['Ann', 'Cat', 'Dee']), group('chatting', ['Dee']))?.text).toBe('Ann and Cat have moved on.');
  });
});
