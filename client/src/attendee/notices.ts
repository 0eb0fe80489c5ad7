import type { Match, MatchEnded, Partner, State } from '../../../shared/schemas';
import { listOfNames, sentence } from '../shared/dom';
import type { Notice, Outcome, SeenMatch } from './model';

/** A match as {@link endedNotice} reads it: as in `state`, or as kept for an end the phone missed ({@link SeenMatch}). */
type EndedMatch = Pick<Match, 'id' | 'arriving'> & {
  /** Absent for a match kept from before (SeenMatch): taken as one that got going. */
  status?: Match['status'];
  partners: readonly (Pick<Partner, 'name'> & { arriving?: boolean })[];
};

/**
 * The words for a match that ended; the names come from the match as the phone last saw it (its
 * `state`, or as kept for an end it missed: {@link SeenMatch}).
 */
export function endedNotice({ matchId, reason, partnerFinding, partnerLeftEvent }: MatchEnded, match: EndedMatch | null): Notice | null {
  const mine = match?.id === matchId ? match : null;
  const partners = mine ? mine.partners.map((p) => p.name) : [];
  switch (reason) {
    case 'partner_left': {
      // "Had to go" is only for someone who left the event; one who tapped "Find someone new" is
      // still here, and one who tapped "Done chatting" only ended this chat (as does one from an
      // older server, which never says which). Going on to someone new is said as kindly as
      // "wrapped up": "went to meet someone new" read as being swapped for someone better.
      const left = partnerLeftEvent ? 'had to go' : partnerFinding ? 'moved on to keep mingling' : 'wrapped up';
      // On their way to a group that broke up before they got there: they are looking again.
      if (mine?.arriving) {
        const who = partners.length === 1 ? `${partners[0]} ${left}` : 'That group wrapped up';
        return { text: `${who} before you got there. We're finding you someone else.`, tone: 'info' };
      }
      if (!mine || partners.length !== 1) return { text: 'Your group has wrapped up. Ready for someone new?', tone: 'info' };
      const name = partners[0]!;
      if (partnerFinding && !partnerLeftEvent) return { text: `${name} wrapped up your chat to keep mingling. Find someone else to chat to?`, tone: 'info' };
      return { text: `${partnerLeft(name, mine, partnerLeftEvent === true)} Ready for someone new?`, tone: 'info' };
    }
    case 'timeout':
      // On their way to a group, and never said they found it: the server has them looking again.
      if (match?.id === matchId && match.arriving) {
        return { text: "You didn't tap “I found them” in time, so we're finding you someone else.", tone: 'info' };
      }
      return { text: "That match ran out of time. Tap Find when you're ready to try again.", tone: 'warn' };
    case 'cant_find':
      return { text: "We'll find you someone else.", tone: 'info' };
    case 'done':
      return null;
  }
}

/**
 * Why my one partner is gone, when they did not go to meet someone new. A chat that never got
 * going was not "wrapped up": they were still on their way to me (as `goneNotice` says it in a
 * group), or we had not yet found each other.
 */
function partnerLeft(name: string, match: EndedMatch, leftEvent: boolean): string {
  if (leftEvent) return `${name} had to go.`;
  if (match.partners[0]?.arriving) return `${name} isn't coming over after all.`;
  if (match.status === 'matched') return `${name} can't make it after all.`;
  return `${name} wrapped up your chat.`;
}

/**
 * "Found Bob? Tap “We found each other”, or this match ends in about a minute." People who found
 * each other and got talking often forget the tap, and the match would time out under them.
 */
export function reminderNotice(match: Match, endsInMs: number, eventEnded = false, justEnded: string | null = null): Notice {
  const minutes = Math.round(endsInMs / 60_000);
  const when = endsInMs < 45_000 ? 'less than a minute' : minutes <= 1 ? 'about a minute' : `about ${minutes} minutes`;
  const about = { kind: 'reminder', matchId: match.id } as const;
  // `justEnded` (the event's name): it ended while this showed. Its own news ("yours carries on")
  // must not talk over a match running out, so this says both.
  const wrapped = justEnded === null ? '' : `${justEnded} has wrapped up. `;
  // On my way to a group that has met: only my own arrival is running out.
  if (match.arriving) {
    const names = listOfNames(match.partners.filter((p) => !p.arriving).map((p) => p.name));
    // After the event's end nobody else is found for them: they go to the thank-you screen.
    const next = eventEnded || justEnded !== null ? "you'll be taken off the group" : "we'll find you someone else";
    return { text: `${wrapped}Found ${names}? Tap “I found them”, or in ${when} ${next}.`, tone: 'warn', about };
  }
  const names = listOfNames(match.partners.map((p) => p.name));
  return { text: `${wrapped}Found ${names}? Tap “We found each other”, or this match ends in ${when}.`, tone: 'warn', about };
}

/**
 * On the thank-you screen: my match ran out of time after the event's end, nobody having tapped
 * "We found each other" (the screen alone would only say I met nobody). Heard live, or from the
 * `state` of a phone that was away (`matchTimedOut`).
 */
export function ranOutAfterEndNotice(match: { partners: readonly { name: string }[] }): Notice {
  return { text: `Your match with ${listOfNames(match.partners.map((p) => p.name))} ran out of time before anyone tapped “We found each other”.`, tone: 'info' };
}

/** The event ended while this phone is in a match, which carries on (the organiser's end says so). */
export function wrappedUpNotice(eventName: string, matchId: string): Notice {
  return { text: `${eventName} has wrapped up: no new matches from here, but yours carries on.`, tone: 'info', about: { kind: 'carriesOn', matchId } };
}

/** Who is in `now` but was not in `before`, when both are the same match (a trio or circle join). */
export function newPartners(before: Match | null, now: Match | null): Partner[] {
  if (!before || !now || before.id !== now.id) return [];
  const known = new Set(before.partners.map((p) => p.id));
  return now.partners.filter((p) => !known.has(p.id));
}

/**
 * Who left a group I am still in, in words: "Cat is no longer coming over" for someone who was
 * on their way (they could not find us, or had to go), "Bob has moved on" otherwise, or "Bob
 * can't make it after all" while nobody in it has found anyone yet. Null when nobody left.
 */
export function goneNotice(before: Match | null, now: Match | null): Notice | null {
  if (!before || !now || before.id !== now.id) return null;
  const still = new Set(now.partners.map((p) => p.id));
  const gone = before.partners.filter((p) => !still.has(p.id));
  if (gone.length === 0) return null;
  const lost = gone.filter((p) => p.arriving).map((p) => p.name);
  const left = gone.filter((p) => !p.arriving).map((p) => p.name);
  // Before anyone has found anyone ("Can't find them" in a three still finding each other), nobody
  // "moved on" from a chat that never got going: said as for a pair (`partnerLeft`).
  const moved = now.status === 'matched' ? "can't make it after all" : left.length > 1 ? 'have moved on' : 'has moved on';
  const parts = [
    lost.length > 0 ? `${listOfNames(lost)} ${lost.length > 1 ? "aren't" : "isn't"} coming over after all.` : '',
    left.length > 0 ? `${listOfNames(left)} ${moved}.` : '',
  ];
  // Said while someone was on their way: once they have found us, the group is whole again.
  const onTheWay = now.partners.filter((p) => p.arriving).map((p) => p.id);
  return { text: parts.filter(Boolean).join(' '), tone: 'info', about: { kind: 'gone', matchId: now.id, ids: onTheWay } };
}

/**
 * "Dee is coming over to join you. How to spot them: yellow hat." `withdrawn`: I had offered to
 * swap details in this match, and the server dropped the offer as they joined (see
 * `contact:share` in docs/PROTOCOL.md); otherwise "Swap details with…" would come back unexplained.
 */
export function comingOverNotice(matchId: string, arrived: readonly Partner[], withdrawn = false): Notice {
  const names = listOfNames(arrived.map((p) => p.name));
  const many = arrived.length > 1;
  // Each hint as typed, less a full stop of its own before the "; " (the sentence gets one at its end).
  const hints = arrived.filter((p) => p.lookFor).map((p) => (many ? `${p.name}: ${p.lookFor.replace(/\.+$/u, '')}` : p.lookFor));
  const spot = hints.length > 0 ? ` How to spot them: ${sentence(hints.join('; '))}` : '';
  const offer = withdrawn ? ` Your offer to swap details was withdrawn because ${names} joined — share again if you like.` : '';
  return {
    text: `${names} ${many ? 'are' : 'is'} coming over to join you.${spot}${offer}`,
    tone: 'info',
    about: { kind: 'coming', matchId, ids: arrived.map((p) => p.id) },
  };
}

/** Whether `match` is `matchId` and still waits for my "we found each other": not yet met, or I am still on my way to it. */
export function awaitsMet(match: Match | null, matchId: string): boolean {
  return match?.id === matchId && (match.status === 'matched' || match.arriving);
}

/**
 * Whether what `notice` says of a match still holds in `state`: any of them only while the match
 * lasts; "Fay is coming over" until she has found the group (or a pair joined as a three has
 * met), "Eve has moved on", said while Fay was on her way, until Fay has found us, "Found Bob? Tap…" until someone has (or, on my way to a group, until I have), "We'll send “We found each other”" while the
 * match still waits for it. Why my last match went while this phone was away (`missed`), while
 * I am looking or have a match that has not yet got going: those are what it explains. A
 * notice about no match holds until replaced or dismissed.
 */
export function stillHolds(notice: Notice | null, state: State): boolean {
  if (notice?.missed) return state.status === 'looking' || state.status === 'matched';
  const about = notice?.about;
  if (!about) return true;
  const match = state.match;
  if (match?.id !== about.matchId) return false;
  switch (about.kind) {
    case 'carriesOn':
    case 'profile':
      return true;
    case 'reminder':
      return awaitsMet(match, about.matchId);
    case 'metKept':
      return awaitsMet(match, about.matchId);
    case 'coming':
      return match.status === 'matched' || match.partners.some((p) => p.arriving && about.ids.includes(p.id));
    case 'gone':
      return about.ids.length === 0 || match.partners.some((p) => p.arriving && about.ids.includes(p.id));
  }
}

/**
 * A match that ended while this phone was away, so no `match:ended` said how. `met`: whom the
 * server counts me as having met in it; nobody when it never got going (not found, timed out,
 * or a group that broke up before I got there). `looking`: the server has me looking again.
 * `timedOut`: the server says it ran out of time with nobody having found anyone
 * (`State.matchTimedOut`).
 */
export function missedEndNotice(seen: SeenMatch, met: readonly string[], looking: boolean, timedOut = false): Notice {
  if (met.length > 0) return { text: `Your chat with ${listOfNames(met)} ended while you were offline.`, tone: 'info' };
  const next = looking ? "We're finding you someone else." : 'Ready for someone new?';
  const names = listOfNames(seen.partners.map((p) => p.name));
  if (timedOut) {
    const nobody = seen.partners.length > 1 ? 'nobody' : 'neither of you';
    return { text: `Your match with ${names} ran out of time while you were away: ${nobody} tapped “We found each other”. ${next}`, tone: 'info' };
  }
  return { text: `Your match with ${names} ended while you were away. ${next}`, tone: 'info' };
}

/** The server no longer knows this phone's token (forgotten elsewhere, or the event's data is gone). */
export const signedOutNotice: Notice = { text: 'This phone is no longer signed in to the event. Please join again.', tone: 'warn' };

/** A refused action's message, as the notice; one refused for want of a connection clears once it is back. */
export function refusalNotice(outcome: Extract<Outcome, { ok: false }>): Notice {
  return { text: outcome.message, tone: 'error', connection: outcome.connection };
}
