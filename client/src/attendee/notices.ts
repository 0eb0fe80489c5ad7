import type { Match, MatchEnded, Partner } from '../../../shared/schemas';
import { listOfNames } from '../shared/dom';
import type { Notice } from './model';

/** The words for a match that ended; the names come from the match as the phone last saw it. */
export function endedNotice({ matchId, reason }: MatchEnded, match: Match | null): Notice | null {
  const partners = match?.id === matchId ? match.partners.map((p) => p.name) : [];
  switch (reason) {
    case 'partner_left':
      // On their way to a group that broke up before they got there: they are looking again.
      if (match?.id === matchId && match.arriving) {
        const who = partners.length === 1 ? `${partners[0]} had to go` : 'That group wrapped up';
        return { text: `${who} before you got there. We're finding you someone else.`, tone: 'info' };
      }
      return partners.length === 1
        ? { text: `${partners[0]} had to go. Ready for someone new?`, tone: 'info' }
        : { text: 'Your group has wrapped up. Ready for someone new?', tone: 'info' };
    case 'timeout':
      return { text: "That match ran out of time. Tap Find when you're ready to try again.", tone: 'warn' };
    case 'cant_find':
      return { text: "We'll find you someone else.", tone: 'info' };
    case 'done':
      return null;
  }
}

/** Who is in `now` but was not in `before`, when both are the same match (a trio or circle join). */
export function newPartners(before: Match | null, now: Match | null): Partner[] {
  if (!before || !now || before.id !== now.id) return [];
  const known = new Set(before.partners.map((p) => p.id));
  return now.partners.filter((p) => !known.has(p.id));
}

/**
 * Who left a group I am still in, in words: "Cat is no longer coming over" for someone who was
 * on their way (they could not find us, or had to go), "Bob has moved on" otherwise. Null when
 * nobody left.
 */
export function goneNotice(before: Match | null, now: Match | null): Notice | null {
  if (!before || !now || before.id !== now.id) return null;
  const still = new Set(now.partners.map((p) => p.id));
  const gone = before.partners.filter((p) => !still.has(p.id));
  if (gone.length === 0) return null;
  const lost = gone.filter((p) => p.arriving).map((p) => p.name);
  const left = gone.filter((p) => !p.arriving).map((p) => p.name);
  const parts = [
    lost.length > 0 ? `${listOfNames(lost)} ${lost.length > 1 ? "aren't" : "isn't"} coming over after all.` : '',
    left.length > 0 ? `${listOfNames(left)} ${left.length > 1 ? 'have' : 'has'} moved on.` : '',
  ];
  return { text: parts.filter(Boolean).join(' '), tone: 'info' };
}

/** "Dee is coming over to join you. How to spot them: yellow hat." */
export function comingOverNotice(arrived: readonly Partner[]): Notice {
  const names = listOfNames(arrived.map((p) => p.name));
  const hints = arrived.filter((p) => p.lookFor).map((p) => (arrived.length > 1 ? `${p.name}: ${p.lookFor}` : p.lookFor));
  const spot = hints.length > 0 ? ` How to spot them: ${hints.join('; ')}.` : '';
  return { text: `${names} ${arrived.length > 1 ? 'are' : 'is'} coming over to join you.${spot}`, tone: 'info' };
}
