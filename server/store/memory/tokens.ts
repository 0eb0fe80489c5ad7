import type { TokenGrant } from '../records';

/** One event's token hashes: all of them, and each attendee's. */
interface EventTokens {
  all: Set<string>;
  byAttendee: Map<string, Set<string>>;
}

/**
 * The memory store's token grants by hash, indexed by event and by attendee, so that one
 * attendee's tokens (a removal, a forget) or one event's (its deletion) are found without
 * reading every token of every event. Every write goes through here, so the index is never
 * out of step with the grants.
 */
export class TokenTable {
  private readonly byHash = new Map<string, TokenGrant>();
  private readonly byEvent = new Map<string, EventTokens>();

  /** Every grant by hash, in the order granted (for snapshots). */
  get grants(): ReadonlyMap<string, TokenGrant> {
    return this.byHash;
  }

  get(hash: string): TokenGrant | undefined {
    return this.byHash.get(hash);
  }

  /** Grants `hash`. A hash that granted something else before no longer does. */
  set(hash: string, grant: TokenGrant): void {
    const before = this.byHash.get(hash);
    if (before) this.unindex(hash, before);
    this.byHash.set(hash, grant);
    let tokens = this.byEvent.get(grant.eventId);
    if (!tokens) this.byEvent.set(grant.eventId, (tokens = { all: new Set(), byAttendee: new Map() }));
    tokens.all.add(hash);
    if (grant.kind !== 'attendee') return;
    const mine = tokens.byAttendee.get(grant.attendeeId);
    if (mine) mine.add(hash);
    else tokens.byAttendee.set(grant.attendeeId, new Set([hash]));
  }

  /** The hashes of one attendee's tokens, in the order granted. */
  ofAttendee(eventId: string, attendeeId: string): string[] {
    return [...(this.byEvent.get(eventId)?.byAttendee.get(attendeeId) ?? [])];
  }

  /** Revokes every token of one attendee. */
  dropAttendee(eventId: string, attendeeId: string): void {
    const tokens = this.byEvent.get(eventId);
    for (const hash of tokens?.byAttendee.get(attendeeId) ?? []) {
      this.byHash.delete(hash);
      tokens!.all.delete(hash);
    }
    tokens?.byAttendee.delete(attendeeId);
  }

  /** Revokes every token of one event, its organiser's included. */
  dropEvent(eventId: string): void {
    for (const hash of this.byEvent.get(eventId)?.all ?? []) this.byHash.delete(hash);
    this.byEvent.delete(eventId);
  }

  private unindex(hash: string, grant: TokenGrant): void {
    const tokens = this.byEvent.get(grant.eventId);
    if (!tokens) return;
    tokens.all.delete(hash);
    if (grant.kind !== 'attendee') return;
    const mine = tokens.byAttendee.get(grant.attendeeId);
    mine?.delete(hash);
    if (mine?.size === 0) tokens.byAttendee.delete(grant.attendeeId);
  }
}
