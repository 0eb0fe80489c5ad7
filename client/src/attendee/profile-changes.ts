import type { Match } from '../../../shared/schemas';
import { sentence } from '../shared/dom';
import type { Notice } from './model';

/** Someone in my match who edited their profile ("Edit profile"): what they were called, and what changed. */
export interface ProfileChange {
  id: string;
  /** Their name as my card last showed it. */
  was: string;
  /** Their new name, if it changed. */
  name?: string;
  /** Their new "how to spot me" (empty when they took it away), if it changed. */
  lookFor?: string;
}

/**
 * Whose name or "how to spot me" changed between two `state`s of the same match: the same match
 * id and the same person in both. Nothing on a first `state` (a page just opened or reloaded),
 * for a new match, nor for someone who has just joined or left it.
 */
export function profileChanges(before: Match | null, now: Match | null): ProfileChange[] {
  if (!before || !now || before.id !== now.id) return [];
  return now.partners.flatMap((p) => {
    const was = before.partners.find((b) => b.id === p.id);
    if (!was || (was.name === p.name && was.lookFor === p.lookFor)) return [];
    return [{ id: p.id, was: was.name, ...(was.name !== p.name ? { name: p.name } : {}), ...(was.lookFor !== p.lookFor ? { lookFor: p.lookFor } : {}) }];
  });
}

/**
 * "Ann updated how to spot them: blue scarf." "Ann changed their name to Anna." Said so that the
 * partner looking for them notices: the card alone changes under their eyes without a word.
 * `standing`: a notice that still holds and asks something of me ("Found Ann? Tap…"), kept after
 * these words rather than replaced, so the change does not cost the match its reminder.
 */
export function profileChangedNotice(matchId: string, changes: readonly ProfileChange[], standing: Notice | null = null): Notice | null {
  if (changes.length === 0) return null;
  const text = changes.map(changeWords).join(' ');
  const keep = standing?.about?.kind === 'reminder' || standing?.about?.kind === 'metKept';
  // Said in front of its own words (`base`), not of those a change before this one was said in front of.
  const base = standing?.base ?? standing?.text;
  if (standing && keep) return { ...standing, text: `${text} ${base}`, base };
  return { text, tone: 'info', about: { kind: 'profile', matchId } };
}

function changeWords({ was, name, lookFor }: ProfileChange): string {
  const look = lookFor === undefined ? '' : lookFor ? `updated how to spot them: ${lookFor}` : 'no longer says how to spot them';
  if (name === undefined) return sentence(`${was} ${look}`);
  return sentence(`${was} changed their name to ${name}${look ? ` and ${look}` : ''}`);
}
