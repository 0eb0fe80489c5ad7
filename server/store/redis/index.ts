import Redis, { type RedisOptions } from 'ioredis';
import { AppError } from '../../errors';
import { pairKey } from '../../matching/pairs';
import type { MatchHistory } from '../../matching/types';
import type { AttendeeStatus } from '../../../shared/schemas';
import type { AttendeePatch, AttendeeRecord, EventRecord, MatchRecord, TokenGrant } from '../records';
import type { Store } from '../store';
import {
  decodeAttendee,
  decodeEvent,
  decodeMatch,
  encodeAttendeePatch,
  encodeEvent,
  encodeEventPatch,
  encodeMatch,
  hashToArgs,
  pairsToHash,
} from './codec';
import { Keys } from './keys';
import { scripts, type ScriptName } from './scripts';

export interface RedisStoreOptions {
  /** e.g. redis://127.0.0.1:6379/0 */
  url: string;
  /**
   * Prefix of every key, so several deployments (or test runs) can share one Redis.
   * @default "mingle:"
   */
  prefix?: string;
  /**
   * How long an event's keys live after it ends.
   * @default 86400000 (24 h)
   */
  retentionMs?: number;
  /**
   * When an event has no `endsAt`, it is taken to end this long after it was created.
   * @default 86400000 (24 h)
   */
  defaultEventMs?: number;
  /**
   * A command that has not answered by then fails with UNAVAILABLE.
   * @default 1500
   */
  commandTimeoutMs?: number;
}

type Hash = Record<string, string>;
type ScriptFn = (...args: Array<string | number>) => Promise<unknown>;

const HOUR = 3_600_000;

/**
 * The store for several instances: every write is one Lua script, so claims are atomic across
 * instances. Requests fail fast with UNAVAILABLE while Redis is unreachable (no offline queue,
 * one retry, a command timeout) and recover by themselves when it returns.
 */
export class RedisStore implements Store {
  readonly redis: Redis;
  readonly keys: Keys;
  private readonly retentionMs: number;
  private readonly defaultEventMs: number;

  constructor(o: RedisStoreOptions) {
    this.keys = new Keys(o.prefix ?? 'mingle:');
    this.retentionMs = o.retentionMs ?? 24 * HOUR;
    this.defaultEventMs = o.defaultEventMs ?? 24 * HOUR;
    const options: RedisOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: o.commandTimeoutMs ?? 1500,
      retryStrategy: (times) => Math.min(times * 100, 1000),
    };
    this.redis = new Redis(o.url, options);
    this.redis.on('error', () => {}); // surfaced per request as UNAVAILABLE; main.ts logs state changes
    for (const [name, s] of Object.entries(scripts)) {
      this.redis.defineCommand(name, { numberOfKeys: s.numberOfKeys, lua: s.lua });
    }
  }

  /** Connects and waits until Redis answers. */
  async connect(): Promise<void> {
    await this.redis.connect();
    await this.redis.ping();
  }

  /** When an event's keys expire. */
  expiresAt(event: Pick<EventRecord, 'endsAt' | 'createdAt'>): number {
    return (event.endsAt ?? event.createdAt + this.defaultEventMs) + this.retentionMs;
  }

  async createEvent(event: EventRecord, organiserTokenHash: string) {
    const grant: TokenGrant = { kind: 'organiser', eventId: event.id };
    const exp = this.expiresAt(event);
    const k = this.keys;
    const ok = await this.script(
      'createEvent',
      [k.code(event.code), k.event(event.id), k.token(organiserTokenHash)],
      [event.id, exp, JSON.stringify(grant), ...hashToArgs(encodeEvent(event, exp))],
    );
    return ok === 1;
  }

  async getEvent(eventId: string) {
    return decodeEvent(await this.run(() => this.redis.hgetall(this.keys.event(eventId))));
  }

  async getEventByCode(code: string) {
    const id = await this.run(() => this.redis.get(this.keys.code(code)));
    return id ? this.getEvent(id) : null;
  }

  async updateEvent(eventId: string, patch: Partial<EventRecord>) {
    const out = await this.script('updateEvent', [this.keys.event(eventId)], hashToArgs(encodeEventPatch(patch)));
    return out ? decodeEvent(pairsToHash(out)) : null;
  }

  async createAttendee(attendee: AttendeeRecord, tokenHash: string) {
    const k = this.keys;
    const grant: TokenGrant = { kind: 'attendee', eventId: attendee.eventId, attendeeId: attendee.id };
    const ok = await this.script(
      'createAttendee',
      [k.event(attendee.eventId), k.attendee(attendee.eventId, attendee.id), k.attendees(attendee.eventId), k.token(tokenHash)],
      [attendee.id, JSON.stringify(grant), ...hashToArgs(encodeAttendeePatch(attendee))],
    );
    if (ok !== 1) throw new AppError('NOT_FOUND', 'Event not found');
  }

  async getAttendee(eventId: string, attendeeId: string) {
    return decodeAttendee(await this.run(() => this.redis.hgetall(this.keys.attendee(eventId, attendeeId))));
  }

  async getAttendees(eventId: string, attendeeIds: string[]) {
    const hashes = await this.hgetallMany(attendeeIds.map((id) => this.keys.attendee(eventId, id)));
    return hashes.flatMap((h) => {
      const a = decodeAttendee(h);
      return a ? [a] : [];
    });
  }

  async listAttendees(eventId: string) {
    return this.getAttendees(eventId, await this.run(() => this.redis.smembers(this.keys.attendees(eventId))));
  }

  async countLooking(eventId: string) {
    return this.run(() => this.redis.scard(this.keys.looking(eventId)));
  }

  async listLooking(eventId: string) {
    return this.getAttendees(eventId, await this.run(() => this.redis.smembers(this.keys.looking(eventId))));
  }

  async listBusyEvents() {
    const ids = await this.run(() => this.redis.smembers(this.keys.busy()));
    if (ids.length === 0) return [];
    const k = this.keys;
    const still = await Promise.all(
      ids.map((e) => this.script('releaseIfIdle', [k.busy(), k.looking(e), k.active(e)], [e])),
    );
    return ids.filter((_, i) => still[i] === 1);
  }

  async resolveToken(tokenHash: string) {
    const raw = await this.run(() => this.redis.get(this.keys.token(tokenHash)));
    return raw ? (JSON.parse(raw) as TokenGrant) : null;
  }

  async transitionAttendee(
    eventId: string,
    attendeeId: string,
    from: AttendeeStatus[],
    patch: AttendeePatch,
    matchId?: string | null,
  ) {
    const k = this.keys;
    const out = await this.script(
      'transitionAttendee',
      [k.event(eventId), k.attendee(eventId, attendeeId), k.looking(eventId), k.busy()],
      [eventId, attendeeId, `,${from.join(',')},`, matchId === undefined ? '*' : (matchId ?? ''), ...hashToArgs(encodeAttendeePatch(patch))],
    );
    return out ? decodeAttendee(pairsToHash(out)) : null;
  }

  async addOnline(eventId: string, attendeeId: string, delta: number, now: number) {
    const out = await this.script('addOnline', [this.keys.attendee(eventId, attendeeId)], [delta, now]);
    return out ? decodeAttendee(pairsToHash(out)) : null;
  }

  async touchOnline(eventId: string, attendeeIds: string[], now: number) {
    if (attendeeIds.length === 0) return;
    await this.script('touchOnline', [], [now, ...attendeeIds.map((id) => this.keys.attendee(eventId, id))]);
  }

  async acquireLease(eventId: string, holder: string, ttlMs: number) {
    return (await this.script('acquireLease', [this.keys.lease(eventId)], [holder, ttlMs])) === 1;
  }

  async claimMatch(match: MatchRecord) {
    const k = this.keys;
    const e = match.eventId;
    const ok = await this.script(
      'claimMatch',
      [k.event(e), k.match(e, match.id), k.active(e), k.met(e), k.looking(e), k.busy(), k.matches(e)],
      [e, match.id, k.attendeePrefix(e), match.memberIds.length, ...match.memberIds, ...hashToArgs(encodeMatch(match))],
    );
    return ok === 1;
  }

  async joinMatch(eventId: string, matchId: string, attendeeId: string, maxSize: number, reasons: string[], waitMs: number) {
    const k = this.keys;
    const out = await this.script(
      'joinMatch',
      [k.match(eventId, matchId), k.attendee(eventId, attendeeId), k.met(eventId), k.looking(eventId)],
      [attendeeId, maxSize, JSON.stringify(reasons), waitMs],
    );
    return out ? decodeMatch(pairsToHash(out)) : null;
  }

  async getMatch(eventId: string, matchId: string) {
    return decodeMatch(await this.run(() => this.redis.hgetall(this.keys.match(eventId, matchId))));
  }

  async listMatches(eventId: string) {
    const ids = await this.run(() => this.redis.smembers(this.keys.matches(eventId)));
    const hashes = await this.hgetallMany(ids.map((id) => this.keys.match(eventId, id)));
    return hashes
      .flatMap((h) => {
        const m = decodeMatch(h);
        return m ? [m] : [];
      })
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async deleteAttendee(eventId: string, attendeeId: string) {
    const k = this.keys;
    const out = await this.script('deleteAttendee', [k.attendee(eventId, attendeeId), k.attendees(eventId), k.looking(eventId)], [attendeeId]);
    return out ? decodeAttendee(pairsToHash(out)) : null;
  }

  async listActiveMatches(eventId: string) {
    const ids = await this.run(() => this.redis.smembers(this.keys.active(eventId)));
    const hashes = await this.hgetallMany(ids.map((id) => this.keys.match(eventId, id)));
    return hashes.flatMap((h) => {
      const m = decodeMatch(h);
      return m && m.status !== 'ended' ? [m] : [];
    });
  }

  async updateMatch(
    eventId: string,
    matchId: string,
    from: Array<MatchRecord['status']>,
    patch: Partial<Pick<MatchRecord, 'status' | 'metAt' | 'open'>>,
  ) {
    const fields: Hash = {};
    if (patch.status !== undefined) fields.st = patch.status;
    if (patch.metAt !== undefined) fields.met = patch.metAt === null ? '' : String(patch.metAt);
    if (patch.open !== undefined) fields.open = patch.open ? '1' : '0';
    const out = await this.script(
      'updateMatch',
      [this.keys.match(eventId, matchId)],
      [`,${from.join(',')},`, this.keys.attendeePrefix(eventId), ...hashToArgs(fields)],
    );
    return out ? decodeMatch(pairsToHash(out)) : null;
  }

  async endMatch(
    eventId: string,
    matchId: string,
    reason: NonNullable<MatchRecord['endReason']>,
    endedAt: number,
    next: Record<string, { status: AttendeeStatus; lookingSince: number | null }>,
  ) {
    const k = this.keys;
    const triples = Object.entries(next).flatMap(([id, n]) => [id, n.status, n.lookingSince === null ? '' : String(n.lookingSince)]);
    const out = await this.script(
      'endMatch',
      [k.event(eventId), k.match(eventId, matchId), k.active(eventId), k.looking(eventId), k.busy()],
      [eventId, reason, endedAt, k.attendeePrefix(eventId), ...triples],
    );
    return out ? decodeMatch(pairsToHash(out)) : null;
  }

  async removeFromMatch(
    eventId: string,
    matchId: string,
    attendeeId: string,
    next: { status: AttendeeStatus; lookingSince: number | null },
  ) {
    const k = this.keys;
    const out = await this.script(
      'removeFromMatch',
      [k.event(eventId), k.match(eventId, matchId), k.attendee(eventId, attendeeId), k.looking(eventId), k.busy()],
      [eventId, attendeeId, next.status, next.lookingSince === null ? '' : String(next.lookingSince)],
    );
    return out ? decodeMatch(pairsToHash(out)) : null;
  }

  async getHistory(eventId: string, now: number): Promise<MatchHistory> {
    const k = this.keys;
    const res = await this.run(() =>
      this.redis
        .pipeline()
        .smembers(k.met(eventId))
        .smembers(k.blocked(eventId))
        .zrangebyscore(k.cooldown(eventId), `(${now}`, '+inf')
        .zremrangebyscore(k.cooldown(eventId), '-inf', now)
        .exec(),
    );
    const [met, blocked, cooldown] = (res ?? []).slice(0, 3).map(([err, value]) => {
      if (err) throw unavailable(err);
      return (value as string[]).map((key) => key.split('|') as [string, string]);
    });
    return { met: met ?? [], blocked: blocked ?? [], cooldown: cooldown ?? [] };
  }

  async addCooldown(eventId: string, a: string, b: string, until: number) {
    await this.script('addCooldown', [this.keys.event(eventId), this.keys.cooldown(eventId)], [pairKey(a, b), until]);
  }

  async ping() {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close() {
    if (this.redis.status === 'end') return;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async hgetallMany(keys: string[]): Promise<Hash[]> {
    if (keys.length === 0) return [];
    const res = await this.run(() => {
      const p = this.redis.pipeline();
      for (const key of keys) p.hgetall(key);
      return p.exec();
    });
    return (res ?? []).map(([err, value]) => {
      if (err) throw unavailable(err);
      return value as Hash;
    });
  }

  private script(name: ScriptName, keys: string[], args: Array<string | number>): Promise<unknown> {
    const fn = (this.redis as unknown as Record<ScriptName, ScriptFn>)[name].bind(this.redis);
    return this.run(() => fn(...keys, ...args));
  }

  /** Runs a command; connection trouble becomes UNAVAILABLE, anything else is a bug. */
  private async run<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw unavailable(err);
    }
  }
}

function unavailable(err: unknown): Error {
  if (err instanceof AppError) return err;
  if (err instanceof Error && err.name === 'ReplyError') return err; // a script bug: INTERNAL
  return new AppError('UNAVAILABLE', 'The service is briefly unavailable; try again in a moment');
}
