/**
 * Redis key layout. Every key of one event carries the event id as a hash tag (`{E}`), so one
 * event's keys share a slot and a Lua script may touch several of them.
 */
export class Keys {
  constructor(readonly prefix: string) {}

  code(code: string) {
    return this.codePrefix() + code;
  }
  /** Prefix of join-code keys; a script appends the code. */
  codePrefix() {
    return `${this.prefix}code:`;
  }
  token(hash: string) {
    return this.tokenPrefix() + hash;
  }
  /** Events with someone looking or an active match: the ones a tick visits. */
  busy() {
    return `${this.prefix}busy`;
  }
  event(e: string) {
    return `${this.prefix}{${e}}:ev`;
  }
  /** Prefix of attendee hashes; a script appends the attendee id. */
  attendeePrefix(e: string) {
    return `${this.prefix}{${e}}:a:`;
  }
  attendee(e: string, a: string) {
    return this.attendeePrefix(e) + a;
  }
  attendees(e: string) {
    return `${this.prefix}{${e}}:as`;
  }
  looking(e: string) {
    return `${this.prefix}{${e}}:look`;
  }
  match(e: string, m: string) {
    return this.matchPrefix(e) + m;
  }
  /** Every match of the event, ended ones included. */
  matches(e: string) {
    return `${this.prefix}{${e}}:ms`;
  }
  /** The ids of every match one attendee was claimed or joined into (see Store.listMatchesOf). */
  matchesOf(e: string, a: string) {
    return this.matchesOfPrefix(e) + a;
  }
  /** Prefix of the per-attendee match sets; a script appends the attendee id. */
  matchesOfPrefix(e: string) {
    return `${this.prefix}{${e}}:am:`;
  }
  active(e: string) {
    return `${this.prefix}{${e}}:act`;
  }
  met(e: string) {
    return `${this.prefix}{${e}}:met`;
  }
  /** Contacts offered in one match; a prefix a script appends the match id to. */
  contactsPrefix(e: string) {
    return `${this.prefix}{${e}}:ct:`;
  }
  contacts(e: string, m: string) {
    return this.contactsPrefix(e) + m;
  }
  /** Prefix of match hashes; a script appends the match id. */
  matchPrefix(e: string) {
    return `${this.prefix}{${e}}:m:`;
  }
  feedback(e: string) {
    return `${this.prefix}{${e}}:fb`;
  }
  reports(e: string) {
    return `${this.prefix}{${e}}:rep`;
  }
  /** Prefix of token keys; a script appends the token hash. */
  tokenPrefix() {
    return `${this.prefix}tok:`;
  }
  /** Prefix of removed-token keys (see Store.markRemoved): the token hash to its event's id. */
  removedTokenPrefix() {
    return `${this.prefix}rmtok:`;
  }
  removedToken(hash: string) {
    return this.removedTokenPrefix() + hash;
  }
  /** The token hashes of the event's removed attendees, so ending the event re-expires their keys. */
  removed(e: string) {
    return `${this.prefix}{${e}}:rmv`;
  }
  /** The hashes of the ids of the event's removed attendees (see Store.wasRemoved). */
  removedPeople(e: string) {
    return `${this.prefix}{${e}}:rmp`;
  }
  blocked(e: string) {
    return `${this.prefix}{${e}}:blk`;
  }
  /** Who started over from whom: attendee id -> JSON list of the ids that started over from them. */
  successors(e: string) {
    return `${this.prefix}{${e}}:next`;
  }
  cooldown(e: string) {
    return `${this.prefix}{${e}}:cool`;
  }
  /** The matcher lease of one event: which instance runs its ticks. */
  lease(e: string) {
    return `${this.prefix}{${e}}:lease`;
  }
  /** A glob matching every key of one event, for SCAN. */
  eventPattern(e: string) {
    return `${this.prefix}{${e}}:*`;
  }
}
