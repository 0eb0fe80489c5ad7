import type { Notice } from '../../client/src/attendee/model';
import { profileChangedNotice, profileChanges } from '../../client/src/attendee/profile-changes';
import type { Match, Partner } from '../../shared/schemas';

const person = (id: string, name: string, lookFor = ''): Partner => ({ id, name, lookFor, interests: [], arriving: false });
const match = (id: string, ...partners: Partner[]): Match => ({
  id,
  partners,
  sharedTopics: [],
  icebreaker: 'Hi',
  spot: null,
  beacon: { color: '#123456', emoji: '🦊', colorName: 'navy' },
  createdAt: '2026-01-01T00:00:00.000Z',
  reasons: [],
  status: 'matched',
  open: false,
  arriving: false,
});
const words = (before: Match | null, now: Match | null, standing: Notice | null = null) =>
  now ? (profileChangedNotice(now.id, profileChanges(before, now), standing)?.text ?? null) : null;

/** What a phone says when someone it is matched with edits their name or how to spot them. */
describe('a partner who edited their profile', () => {
  test('how to spot them, their name, both, or taken away', () => {
    const ann = person('a', 'Ann', 'red coat');
    expect(words(match('m', ann), match('m', { ...ann, lookFor: 'blue scarf' }))).toBe('Ann updated how to spot them: blue scarf.');
    expect(words(match('m', ann), match('m', { ...ann, name: 'Anna' }))).toBe('Ann changed their name to Anna.');
    expect(words(match('m', ann), match('m', { ...ann, name: 'Anna', lookFor: 'blue scarf' }))).toBe(
      'Ann changed their name to Anna and updated how to spot them: blue scarf.',
    );
    expect(words(match('m', ann), match('m', { ...ann, lookFor: '' }))).toBe('Ann no longer says how to spot them.');
  });

  test('nothing on a first state, a new match, someone new in it, or another change (their interests)', () => {
    const ann = person('a', 'Ann', 'red coat');
    expect(words(null, match('m', ann))).toBeNull();
    expect(words(match('m', ann), match('n', { ...ann, lookFor: 'blue scarf' }))).toBeNull();
    expect(words(match('m', ann), match('m', ann, person('c', 'Cat', 'hat')))).toBeNull();
    expect(words(match('m', ann), match('m', { ...ann, interests: ['Jazz'], arriving: true }))).toBeNull();
  });

  test('in a group, each who changed; a reminder that still holds is kept after the words, once', () => {
    const [ann, bob] = [person('a', 'Ann'), person('b', 'Bob', 'cap')];
    const before = match('m', ann, bob);
    expect(words(before, match('m', { ...ann, lookFor: 'tall' }, { ...bob, name: 'Rob' }))).toBe(
      'Ann updated how to spot them: tall. Bob changed their name to Rob.',
    );
    const reminder: Notice = { text: 'Found Ann? Tap it.', tone: 'warn', about: { kind: 'reminder', matchId: 'm' } };
    const once = profileChangedNotice('m', profileChanges(before, match('m', { ...ann, lookFor: 'tall' }, bob)), reminder)!;
    expect(once).toMatchObject({ text: 'Ann updated how to spot them: tall. Found Ann? Tap it.', tone: 'warn', about: reminder.about });
    const twice = profileChangedNotice('m', profileChanges(before, match('m', { ...ann, lookFor: 'short' }, bob)), once)!;
    expect(twice.text).toBe('Ann updated how to spot them: short. Found Ann? Tap it.');
    // Any other notice gives way.
    const saved: Notice = { text: 'Your profile is saved.', tone: 'info' };
    expect(profileChangedNotice('m', profileChanges(before, match('m', { ...ann, lookFor: 'tall' }, bob)), saved)).toEqual({
      text: 'Ann updated how to spot them: tall.',
      tone: 'info',
      about: { kind: 'profile', matchId: 'm' },
    });
  });
});
