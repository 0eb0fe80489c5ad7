import type { Announcement, Event, Match, MatchEnded, MatchReminder, State, Waiting } from '../../../shared/schemas';
import type { Aftercare } from './aftercare';
import { Announcements } from './announcements';
import { nudge } from './attention';
import { exchangeOf } from './exchange';
import type { ModelHost, Notice, SeenMatch } from './model';
import { awaitsMet, comingOverNotice, endedNotice, goneNotice, newPartners, ranOutAfterEndNotice, reminderNotice, stillHolds, wrappedUpNotice } from './notices';
import { profileChangedNotice, profileChanges } from './profile-changes';
import { loadKeptMet, loadReminded, loadSeenMatch, saveLastState, saveReminded, saveSeenMatch } from './storage';

/** What {@link Updates} needs of the session it works for. */
export interface UpdatesHost extends ModelHost {
  /** After the chat: told of each new state, of a join, and of an end this phone missed. */
  care: Pick<Aftercare, 'followState' | 'joined' | 'missedEnd'>;
  /** A match was just made: buzz the phone, flag the tab. */
  matchFound(match: Match): void;
}

/**
 * What the server tells this phone, applied to the model: its `state` (pushed, or in an action's
 * ack), a new match, a match's end, the queue, and the organiser's announcements. The server's
 * `state` is the truth; this keeps the last one and never guesses ahead of it.
 */
export class Updates {
  /** The last match a `match:ended` told this phone about: its end needs no other explaining. */
  private endHeard: string | null = null;
  /** The last match this phone buzzed for, whichever message brought it first. */
  private attended: string | null = null;
  /** When (this phone's clock) that match runs out, by its reminder. */
  private remindedEndsAt = 0;
  private readonly announcements: Announcements;

  constructor(private readonly host: UpdatesHost) {
    this.announcements = new Announcements(host.model().code);
  }

  /** A new `state`: the screen follows it, with words for what changed since the last one. */
  applyState(state: State): void {
    const m = this.host.model();
    // One kept from before (a page opened offline) is no word from the server on this page: the
    // first `state` is told as on any page opened afresh.
    const before = m.stateKept ? null : m.state;
    // The match this phone last saw: on this page, or as kept from before a reload.
    const seen = before ? seenOf(before) : loadSeenMatch(m.code);
    // It is over, and no `match:ended` said how: this phone was away when it ended.
    const over = seen && seen.id !== state.match?.id && seen.id !== this.endHeard;
    const missed = over && state.event.status !== 'ended' ? seen : null;
    // Over after the event's end, no tap having come: the thank-you says it ran out of time.
    const ranOut =
      over && state.event.status === 'ended' && !seen.arriving && state.matchTimedOut === seen.id ? ranOutAfterEndNotice(seen) : null;
    // That end was my arrival running out (the server keeps it: `arrivalTimedOut`): said in the
    // words its `match:ended` would have brought ("we're finding you someone else"), while that
    // still holds: looking, or matched with someone new. Stopped looking since (another tab's
    // Cancel, a new chat under way), it is told as any other missed end.
    const stillFinding = state.status === 'looking' || state.status === 'matched';
    const timedOut =
      missed?.arriving && state.arrivalTimedOut === missed.id && stillFinding ? endedNotice({ matchId: missed.id, reason: 'timeout' }, missed) : null;
    // Queue reports go only to phones that are looking: one from before I started looking
    // would miscount me, and one kept after I stopped would go stale.
    const stillLooking = state.status === 'looking' && before?.status === 'looking';
    // The thank-you screen has nothing to act on: "Ready for someone new?" would only confuse.
    const ended = state.event.status === 'ended' && before?.event.status !== 'ended';
    // Someone was sent to join us: say who, and how to spot them. Someone left: say so, in place
    // of a "coming over" that no longer holds.
    const arrived = newPartners(before?.match ?? null, state.match);
    const gone = goneNotice(before?.match ?? null, state.match);
    // Someone in the match edited their name or how to spot them: the card changes, and this says so.
    const changed = state.match
      ? profileChangedNotice(state.match.id, profileChanges(before?.match ?? null, state.match), stillHolds(m.notice, state) ? m.notice : null)
      : null;
    // The server dropped my offer to swap details as they joined: say why it is gone.
    const withdrawn = arrived.length > 0 && !!state.match && exchangeOf(m, state.match.id).status === 'shared';
    if (arrived.length > 0) nudge();
    // A match that ended before anyone found anyone (it ran out of time, "Can't find them") is in
    // nobody's People I met, and the server refuses details there: its Keep in touch sheet closes,
    // showing the screen that says how it ended.
    const neverMet = before?.status === 'matched' && before.match && before.match.id !== state.match?.id ? before.match.id : null;
    const closeKeep = neverMet !== null && m.sheet?.kind === 'keep' && m.sheet.matchId === neverMet;
    this.host.set({
      state,
      stateKept: false,
      screen: { name: 'live' },
      ...(closeKeep ? { sheet: null } : {}),
      ...(stillLooking ? {} : { waiting: null }),
      // Once it has ended, what the organisers said before (say, "back in 5 minutes") no longer holds.
      ...(ended
        ? { notice: state.match ? this.wrappedUp(state.match, state.event.name, m.notice) : ranOut, announcement: null }
        : arrived.length > 0 && state.match
          ? { notice: comingOverNotice(state.match.id, arrived, withdrawn) }
          : gone
            ? { notice: gone }
            : changed
              ? { notice: changed }
              : timedOut
                ? { notice: { ...timedOut, missed: true } }
                : ranOut
                  ? { notice: ranOut }
                  : stillHolds(m.notice, state)
                  ? {}
                  : { notice: null }),
    });
    saveLastState(m.code, state);
    const seenNow = seenOf(state);
    if (JSON.stringify(seenNow) !== JSON.stringify(seen)) saveSeenMatch(m.code, seenNow);
    // New to a page that was already showing a state, it is news, as if it had come live: sent
    // while the link was down, or this state overtook its `event:announcement`. On the page's
    // first state it may be one seen before a reload: not news.
    this.announce(state.event.announcement, before !== null);
    if (arrived.length > 0 && state.match) this.host.care.joined(state.match.id);
    // Someone on their way never met anyone there: nothing more to ask about it.
    if (missed && !timedOut) void this.host.care.missedEnd(missed);
    else this.host.care.followState(before, state);
    // A match this phone has never shown, first heard of here rather than in `match:found`: made
    // while the link was dead before the server noticed, or while a dropped tab was closed. It
    // gets the same buzz; one already shown (kept as `seen`, say before a reload) never does.
    if (state.match && state.match.id !== seen?.id && state.event.status !== 'ended') this.attend(state.match);
  }

  /**
   * A new match (sent to join people who are already talking, too): clears the way to its card,
   * buzzes the phone and flags the tab. Once per match, whether `match:found` or a `state`
   * told of it first.
   */
  attend(match: Match): void {
    if (this.attended === match.id) return;
    this.attended = match.id;
    // A sheet about the last chat (keeping in touch, the people met) would hide the new card;
    // one with something half-typed or half-decided (a report, forget me) stays.
    const { sheet } = this.host.model();
    const aside = sheet?.kind === 'keep' || sheet?.kind === 'people';
    const { notice, announcement } = this.host.model();
    // The organisers' words stay, folded to one line (a tap opens them again): a long one, or one
    // simply not dismissed, would push the partner's name and "We found each other" out of view.
    const folded = announcement ? { announcementFolded: true } : {};
    this.host.set({ notice: notice?.missed ? notice : null, afterChat: null, ...folded, ...(aside ? { sheet: null } : {}) });
    this.host.matchFound(match);
  }

  /** `match:ended`: how it ended, said once; the `state` that follows needs to explain nothing more. */
  ended(ended: MatchEnded): void {
    const m = this.host.model();
    this.endHeard = ended.matchId;
    // The thank-you screen has no Find button to tap, and what was said of the match (say, "Cal
    // has moved on") is over with it: the screen lists the people met.
    if (m.state?.event.status === 'ended') {
      const mine = m.state.match?.id === ended.matchId ? m.state.match : null;
      // Except that it ran out of time: the screen alone would only say I met nobody.
      if (ended.reason === 'timeout' && mine && !mine.arriving) this.host.set({ notice: ranOutAfterEndNotice(mine) });
      else if (m.notice && !m.notice.connection) this.host.set({ notice: null });
      return;
    }
    this.host.set({ notice: endedNotice(ended, m.state?.match ?? null) });
  }

  /**
   * `match:reminder`: the match is about to time out with nobody having tapped "We found each
   * other", or, on my way to a group, my arrival is, with me not having tapped "I found them".
   */
  reminder({ matchId, endsInMs }: MatchReminder): void {
    const { state, notice, code } = this.host.model();
    const match = state?.match ?? null;
    if (!match || !awaitsMet(match, matchId) || isReminder(notice, matchId)) return;
    // Tapped offline and kept, it is on its way (offline.ts): nothing to ask for.
    if (loadKeptMet(code) === matchId) return;
    // Likely in a pocket by now, mid-conversation. Sent again to a phone that connects, or
    // reloads, while it is due (it may have missed it), it shows again, without a second buzz.
    if (loadReminded(code) !== matchId) nudge();
    saveReminded(code, matchId);
    this.remindedEndsAt = Date.now() + endsInMs;
    this.host.set({ notice: reminderNotice(match, endsInMs, state?.event.status === 'ended') });
  }

  /** The event has just ended with me in `match`: it carries on, and a reminder showing for it stays, saying so. */
  private wrappedUp(match: Match, eventName: string, notice: Notice | null): Notice {
    if (!isReminder(notice, match.id) || !awaitsMet(match, match.id)) return wrappedUpNotice(eventName, match.id);
    return reminderNotice(match, Math.max(0, this.remindedEndsAt - Date.now()), true, eventName);
  }

  /** `match:waiting`: the queue as it stands, for "3 others are looking". */
  waiting(waiting: Waiting): void {
    this.host.set({ waiting });
  }

  /** `event:updated`: the event changed (say, it started or ended), and the rest of `state` holds. */
  eventUpdated(event: Event): void {
    const { state } = this.host.model();
    if (state) this.applyState({ ...state, event });
  }

  /**
   * The organiser's latest announcement, as `event:announcement` or a `state` carries it. Shown
   * once, unless dismissed before. `news`: it came as it was sent, or in a `state` to a page that
   * was already showing one (sent while the link was down), not in a page's first `state`, which
   * may bring one seen before a reload. News buzzes the phone, and over a match card is marked new.
   */
  announce(announcement: Announcement | null, news: boolean): void {
    const m = this.host.model();
    // The end takes down the one that was up ("matching resumes in 5 minutes" no longer holds;
    // see the `ended` step above, and the server's end does so too). So one an ended event still
    // has was sent since (say, where the party moves on to): shown on the thank-you screen, live
    // or to a phone that comes back, or reloads, after it was sent.
    if (!this.announcements.isNew(announcement, m.announcement)) return;
    if (news) nudge();
    // Over a match card (walking over, or talking) it comes folded to its first line, as a new
    // match folds it: a long one would push the partner's name and "We found each other" out of
    // view. News, it is marked new on screen; the alert region still reads it whole.
    // After the end it is where the evening goes next: whole.
    const overCard = !!m.state?.match && m.state.event.status !== 'ended';
    this.host.set({ announcement, announcementFolded: overCard ? true : null, announcementNew: overCard && news });
  }

  /** The organiser took down the announcement sent at `at`: off the screen, if it is the one there. */
  withdrawn(at: string): void {
    if (this.host.model().announcement?.at === at) this.host.set({ announcement: null });
  }

  /** The announcement on screen is dismissed, and stays so after a reload. */
  dismissAnnouncement(): void {
    this.announcements.dismiss(this.host.model().announcement);
    this.host.set({ announcement: null });
  }
}

/** What a phone keeps of the match in `state`, to explain its end should it miss it. */
function seenOf({ match, status }: State): SeenMatch | null {
  if (!match) return null;
  const partners = match.partners.map(({ id, name, arriving }) => ({ id, name, arriving }));
  return { id: match.id, arriving: match.arriving, chatting: status === 'chatting', partners };
}

/** Whether `notice` is the reminder to confirm `matchId`. */
function isReminder(notice: Notice | null, matchId: string): boolean {
  return notice?.about?.kind === 'reminder' && notice.about.matchId === matchId;
}
