import type { Connection, ConnectionsResponse, Contact, ContactRevealed, ReportReason, State } from '../../../shared/schemas';
import { ApiError, request } from '../shared/api';
import { listOfNames, tidy } from '../shared/dom';
import { downloadWithToken, slug } from '../shared/download';
import { nudge } from './attention';
import { peopleOf } from './exchange';
import type { Model, ModelHost, Outcome, Person, Screen, SeenMatch, SendAction } from './model';
import { missedEndNotice } from './notices';
import { forgetEvent, loadApart, saveApart, saveShared } from './storage';

/** What {@link Aftercare} needs of the session it works for. */
export interface AftercareHost extends ModelHost {
  /** Sends an action and applies the state it answers with. */
  send: SendAction;
  /** The attendee token in use, for the HTTP routes; null when signed out. */
  token(): string | null;
  disconnect(): void;
  reconnect(): void;
  /** Everything about this person is gone from the phone too: show `screen`. */
  signedOut(screen: Screen): void;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** How long a chat's end waits for the server's list before asking "Good chat?" about whom this phone saw. */
const LIST_GRACE_MS = 1_500;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * After the chat: keeping in touch, the people I met, "Good chat?", block and report, and
 * forget me. Nothing here shows anyone's details before the server has revealed them.
 */
export class Aftercare {
  /** The refresh in flight, with any asked for meanwhile; true once the list is the server's latest. */
  private loading: Promise<boolean> | null = null;
  private stale = false;

  constructor(private readonly host: AftercareHost) {}

  async shareContact(matchId: string, contact: Contact): Promise<Outcome> {
    const outcome = await this.host.send('contact:share', { matchId, contact });
    if (outcome.ok) this.setShared(matchId, true);
    // Say, they have left the event: the list says so, and the sheet shows it in place of the form.
    else if (outcome.code === 'CONFLICT') await this.refreshConnections();
    return outcome;
  }

  async withdrawContact(matchId: string): Promise<Outcome> {
    const outcome = await this.host.send('contact:withdraw', { matchId });
    if (outcome.ok) this.setShared(matchId, false);
    // Refused once everyone has shared: the list then has their details.
    else void this.refreshConnections();
    return outcome;
  }

  /** Everyone in the match has shared: their details, for this match's sheet and the list. */
  revealed({ matchId, contacts }: ContactRevealed): void {
    const m = this.host.model();
    const looking = m.sheet?.kind === 'keep' && m.sheet.matchId === matchId;
    nudge();
    // Swapped: my offer there waits for nothing any more.
    if (m.shared.includes(matchId)) this.setShared(matchId, false);
    this.host.set({
      revealed: { ...m.revealed, [matchId]: contacts },
      revealedSinceList: [...new Set([...m.revealedSinceList, matchId])],
      ...(looking ? {} : { notice: { text: `You swapped details with ${listOfNames(contacts.map((c) => c.name))}. ${whereToSee(m, matchId)}`, tone: 'info' } }),
    });
    void this.refreshConnections();
  }

  /**
   * Follows each new state. A chat that ended, however it ended (done, find new, they left, a
   * resync after a reconnect), asks how it went; "we found each other" adds to People I met.
   */
  followState(before: State | null, after: State): void {
    const chatting = (s: State | null) => (s?.status === 'chatting' ? s.match : null);
    const was = chatting(before);
    const now = chatting(after);
    // Someone who never found the group they were sent to has no chat to look back on.
    if (was && was.id !== now?.id && !was.arriving) {
      // Nor with someone who was still on their way to us.
      const met = was.partners.filter((p) => !p.arriving);
      // Two or more left behind carry on without me (a pair's match ends with the leave); one
      // left waiting for someone on their way has not carried on with anyone.
      const leftGroup = met.length > 1 && after.match?.id !== was.id;
      // The card asks about those the server's list names, once it comes: everyone I chatted with
      // there (whoever left before me is no longer among the partners). Else, about whom this
      // phone saw (who may since have left the event, which the card then says), if the list is
      // slow (LIST_GRACE_MS), fails, or names none of them; never about whom I keep apart, which
      // the list may just have told this phone (reported from another phone of mine).
      let shown = false;
      const showSeen = () => {
        const m = this.host.model();
        const apart = this.apart();
        const people = peopleOf(met).filter((p) => !apart.has(p.id));
        if (shown || people.length === 0 || m.state?.match || (m.afterChat && m.afterChat.matchId !== was.id)) return;
        shown = true;
        this.host.set({ afterChat: { matchId: was.id, people, feedback: 'ask', leftGroup } });
      };
      const grace = setTimeout(showSeen, LIST_GRACE_MS);
      void this.refreshConnections().then((fresh) => {
        clearTimeout(grace);
        if (fresh) {
          // Asked for once the chat was over, the list speaks for it, even naming none of them
          // (they have left the event: see `closedOf`).
          const { connectionsCover } = this.host.model();
          if (!connectionsCover.includes(was.id)) this.host.set({ connectionsCover: [...connectionsCover, was.id] });
          this.metFromList(was.id, leftGroup, shown);
        }
        if (this.host.model().afterChat?.matchId !== was.id) showSeen();
      });
    } else if (now && (now.id !== was?.id || (was.arriving && !now.arriving))) {
      // A new match, or I have just found the group I was sent to: whether its people swapped
      // details before I came (`notInSwap`) is on the list, and the match card says so. In a
      // group, the card waits for it (`listAwaited`) rather than offer Keep in touch meanwhile.
      const group = now.partners.length > 1;
      if (group) this.host.set({ listAwaited: now.id });
      void this.refreshConnections().then(() => {
        if (group && this.host.model().listAwaited === now.id) this.host.set({ listAwaited: null });
      });
    }
  }

  /**
   * The after-chat card of a match that just ended for me, with everyone the server says I met in
   * it. `shown`: a card was up already, so none now means it was dismissed. Not over a newer card,
   * nor once another chat has begun.
   */
  private metFromList(matchId: string, leftGroup: boolean, shown: boolean): void {
    const m = this.host.model();
    // The list leaves out whoever I blocked or reported (see `loadConnections`).
    const people: Person[] = (m.connections ?? []).filter((c) => c.matchId === matchId).map((c) => ({ id: c.attendeeId, name: c.name }));
    const card = m.afterChat;
    if (people.length === 0 || (card ? card.matchId !== matchId : shown || m.state?.match)) return;
    if (card && JSON.stringify(card.people) === JSON.stringify(people)) return;
    this.host.set({ afterChat: card ? { ...card, people } : { matchId, people, feedback: 'ask', leftGroup } });
  }

  /**
   * A match ended while this phone was away, so no `match:ended` explained it: say so, and ask
   * "Good chat?" when the server counts us as having met (this phone may never have seen the
   * chat start, nor anyone on their way count). Both wait for the server's list, and come together.
   */
  async missedEnd(seen: SeenMatch): Promise<void> {
    const fresh = await this.refreshConnections();
    const m = this.host.model();
    // Moved on meanwhile (a new match, the event's end, signed out): that screen says enough.
    if (!m.state || m.state.match || m.state.event.status === 'ended' || !this.host.token()) return;
    const apart = this.apart();
    const met: Person[] = fresh
      ? (m.connections ?? []).filter((c) => c.matchId === seen.id).map((c) => ({ id: c.attendeeId, name: c.name }))
      : // No list to go by: what this phone saw.
        seen.chatting && !seen.arriving ? peopleOf(seen.partners.filter((p) => !p.arriving && !apart.has(p.id))) : [];
    const card = met.length > 0 && m.afterChat?.matchId !== seen.id;
    this.host.set({
      notice: missedEndNotice(seen, met.map((p) => p.name), m.state.status === 'looking', !seen.arriving && m.state.matchTimedOut === seen.id),
      // The group did not carry on without me: it ended, or I would still be in it.
      ...(card ? { afterChat: { matchId: seen.id, people: met, feedback: 'ask' as const, leftGroup: false } } : {}),
    });
  }

  async sendFeedback(good: boolean): Promise<Outcome> {
    const after = this.host.model().afterChat;
    if (!after) return { ok: true };
    const outcome = await this.host.send('match:feedback', { matchId: after.matchId, good });
    if (!outcome.ok) this.host.set({ notice: { text: outcome.message, tone: 'error' } });
    else if (this.host.model().afterChat?.matchId === after.matchId) this.host.set({ afterChat: { ...after, feedback: 'thanks' } });
    return outcome;
  }

  /** Silent for them; for me, the match with them (if any) ends and the sheet closes. */
  async block(person: Person): Promise<Outcome> {
    const outcome = await this.host.send('attendee:block', { attendeeId: person.id });
    if (!outcome.ok) return outcome;
    this.keepApart(person.id);
    this.host.set({ sheet: null, notice: { text: `Done. You won't be matched with ${person.name} again.`, tone: 'info' } });
    return outcome;
  }

  /** A report blocks them too (the server keeps us apart, and no details are swapped). */
  async report(person: Person, reason: ReportReason, text: string): Promise<Outcome> {
    const said = tidy(text);
    const outcome = await this.host.send('attendee:report', { attendeeId: person.id, reason, ...(said ? { text: said } : {}) });
    if (outcome.ok) this.keepApart(person.id);
    return outcome;
  }

  /**
   * People blocked or reported from this phone: never on an after-chat card, nor in People I met,
   * again. Read from storage each time, so a reload keeps them apart, and whoever joins here after
   * a sign-out (which forgets them) starts with nobody.
   */
  private apart(): Set<string> {
    return new Set(loadApart(this.host.model().code));
  }

  /** No "Good chat?", nor keeping in touch, about someone I have just blocked or reported. */
  private keepApart(id: string): void {
    const { code, afterChat, connections } = this.host.model();
    saveApart(code, [...this.apart().add(id)]);
    const patch: Partial<Model> = {};
    if (connections?.some((c) => c.attendeeId === id)) patch.connections = connections.filter((c) => c.attendeeId !== id);
    if (afterChat?.people.some((p) => p.id === id)) {
      const people = afterChat.people.filter((p) => p.id !== id);
      patch.afterChat = people.length > 0 ? { ...afterChat, people } : null;
    }
    if (Object.keys(patch).length > 0) this.host.set(patch);
  }

  /** Deletes me on the server, then everything this phone kept about the event. */
  async forgetMe(): Promise<Outcome> {
    const token = this.host.token();
    const { code, state } = this.host.model();
    if (!token) return { ok: false, message: 'This phone is not signed in to the event.' };
    // Closed first, so the server closing it is not taken for a dropped connection.
    this.host.disconnect();
    try {
      await request('DELETE', '/api/me', undefined, bearer(token));
    } catch (err) {
      // 401: the token opens nothing any more (say, the organiser removed me): already gone.
      if (!(err instanceof ApiError && err.status === 401)) {
        this.host.reconnect();
        return { ok: false, message: messageOf(err) };
      }
    }
    forgetEvent(code);
    this.host.signedOut({ name: 'goodbye', eventName: state?.event.name ?? '' });
    return { ok: true };
  }

  /** Downloads one person's vCard (`person`) or all of them, with the token in a header. */
  async saveContact(person?: Person): Promise<Outcome> {
    const token = this.host.token();
    if (!token) return { ok: false, message: 'This phone is not signed in to the event.' };
    const eventName = this.host.model().state?.event.name ?? '';
    // Everyone's, but not whom this phone keeps apart (the server lists them still after a block).
    const apart = [...this.apart()];
    const path = person
      ? `/api/me/connections.vcf?id=${encodeURIComponent(person.id)}`
      : `/api/me/connections.vcf${apart.length > 0 ? `?except=${encodeURIComponent(apart.join(','))}` : ''}`;
    const file = person ? `${slug(person.name, 'contact')}.vcf` : `mingle-${slug(eventName)}-contacts.vcf`;
    try {
      await downloadWithToken(path, token, file);
      return { ok: true };
    } catch (err) {
      const nothing = err instanceof ApiError && err.code === 'NOT_FOUND';
      return { ok: false, message: nothing ? 'There are no shared details to save yet.' : messageOf(err) };
    }
  }

  /**
   * Reloads the people I met; calls while one is in flight make one more, not many, and every
   * caller waits for that one. True when the list now is the server's, as of after the last call.
   */
  refreshConnections(): Promise<boolean> {
    if (this.loading) {
      this.stale = true;
      return this.loading;
    }
    const run = async () => {
      let fresh = false;
      do {
        this.stale = false;
        fresh = await this.loadConnections();
      } while (this.stale);
      // Cleared here, not in a .finally(): a call between the two would wait on a finished run.
      this.loading = null;
      return fresh;
    };
    this.loading = run();
    return this.loading;
  }

  private async loadConnections(): Promise<boolean> {
    const token = this.host.token();
    if (!token) return false;
    const covers = endedOnShow(this.host.model());
    // Reveals that came before this list was asked for: it names those of their people still here.
    const judged = this.host.model().revealedSinceList;
    try {
      const listed = await request<Omit<ConnectionsResponse, 'swapped' | 'reported'> & Partial<ConnectionsResponse>>('GET', '/api/me/connections', undefined, bearer(token));
      if (this.host.token() !== token) return false;
      // The server leaves out whom I reported, and says whom: from another phone of mine too, whose
      // report this one would otherwise read as their leaving the event. A block it keeps with no
      // word of who asked for it.
      for (const id of listed.reported ?? []) if (!this.apart().has(id)) this.keepApart(id);
      const apart = this.apart();
      const connections = listed.connections.filter((c) => !apart.has(c.attendeeId));
      const { connectionsCover, revealedSinceList } = this.host.model();
      this.host.set({
        connections,
        swapped: listed.swapped ?? [],
        connectionsCover: [...new Set([...connectionsCover, ...covers])],
        revealedSinceList: revealedSinceList.filter((id) => !judged.includes(id)),
      });
      // An older server does not say where I swapped.
      this.followServerShares(connections, listed.swapped ?? []);
      return true;
    } catch (err) {
      // A dead token while the socket still stands (the event's data deleted, nobody told it):
      // connecting again has the handshake say why (removed, or signed out), as on any resume.
      if (err instanceof ApiError && err.code === 'UNAUTHORIZED' && this.host.token() === token) this.host.reconnect();
      // Otherwise the list stays as it was.
      return false;
    }
  }

  /**
   * The server's word on the matches it lists: an offer it dropped (someone joined the match
   * before everyone had shared), or one that was taken up (details were swapped: an older server
   * does not say), is no longer "waiting for them to share too" on this phone.
   */
  private followServerShares(connections: readonly Connection[], swapped: readonly string[]): void {
    const mine = new Map<string, boolean>();
    for (const c of connections) mine.set(c.matchId, (mine.get(c.matchId) ?? false) || c.shared);
    // Where I swapped, whoever of them is still listed (none, once all of them have left).
    for (const matchId of swapped) mine.set(matchId, false);
    for (const [matchId, shared] of mine) {
      if (this.host.model().shared.includes(matchId) !== shared) this.setShared(matchId, shared);
    }
  }

  /** Someone joined a match before everyone had shared: the server dropped the offers in it. */
  joined(matchId: string): void {
    if (!this.host.model().revealed[matchId]?.length) this.setShared(matchId, false);
    void this.refreshConnections();
  }

  private setShared(matchId: string, on: boolean): void {
    const { code, shared } = this.host.model();
    const next = on ? [...new Set([...shared, matchId])] : shared.filter((id) => id !== matchId);
    saveShared(code, next);
    this.host.set({ shared: next });
  }
}

/**
 * The ended matches the page shows something about (the after-chat card, a Keep in touch sheet):
 * a list asked for now lists everyone still in the event I met in them.
 */
function endedOnShow(m: Model): string[] {
  const shown = [m.afterChat?.matchId, m.sheet?.kind === 'keep' ? m.sheet.matchId : undefined];
  return shown.filter((id): id is string => !!id && id !== m.state?.match?.id);
}

/** Where the swapped details are to be found from the screen the phone shows now. */
function whereToSee(m: Model, matchId: string): string {
  // People I met is a button on the idle screen only; the match card has Keep in touch.
  if (m.state?.match?.id === matchId) return 'Tap Keep in touch to see their details.';
  if (m.state?.status === 'idle') return 'See People I met.';
  return "They're in People I met, on the main screen between chats.";
}
