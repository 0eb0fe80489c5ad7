/**
 * A simulated attendee: on top of their phone, what a person does with Mingle over an evening.
 * Tap find (sometimes two or three times), walk over when matched (or give up: "can't find
 * them"), chat, leave or block, rest, and find again; now and then lock the phone.
 */
import type { Ack } from '../../shared/events';
import type { Match } from '../../shared/schemas';
import { draw } from './link';
import { Phone } from './phone';
import { now } from './stats';

interface FindSession {
  emit: number;
  ack: number;
  found: boolean;
}

export class SimAttendee extends Phone {
  private plan: { key: string; timer: NodeJS.Timeout | null } | null = null;
  private session: FindSession | null = null;
  private everLooked = false;
  private episode: { start: number; g0: number } | null = null;
  private lockTimer: NodeJS.Timeout | null = null;

  /** Keeps the crowd's looking count and this person's waiting episodes up to date. */
  protected mutate(change: () => void): void {
    const before = this.lookingOnline();
    change();
    const after = this.lookingOnline();
    if (before === after) return;
    const clock = this.link.clock;
    if (after) {
      clock.change(+1);
      this.episode = { start: now(), g0: clock.read() };
    } else {
      const e = this.episode;
      if (e) {
        this.link.stats.waits.push(now() - e.start);
        this.link.stats.waitsWhileOthers.push(clock.read() - e.g0);
      }
      this.episode = null;
      clock.change(-1);
    }
  }

  private lookingOnline(): boolean {
    return this.phase === 'online' && this.known.status === 'looking';
  }

  /** Schedules the phone's locks: exponential gaps, so some lock twice and some never. */
  startLife(): void {
    const { pace, random } = this.link;
    const gap = -Math.log(1 - random()) * pace.offlineEveryMs;
    this.lockTimer = setTimeout(() => {
      if (this.link.stopping()) return;
      const ms = draw(random, pace.offline);
      if (this.connected) {
        this.session = null;
        this.clearPlan();
        this.lock(ms, random() < pace.silent);
      }
      this.startLife();
    }, gap);
  }

  protected decide(): void {
    if (this.phase !== 'online' || this.link.stopping()) return this.clearPlan();
    const k = this.known;
    const key = `${k.status}|${k.matchId}|${k.matchStatus}`;
    if (this.plan?.key === key || this.busy) return;
    this.clearPlan();
    const { pace: p, random: r } = this.link;
    const tempo = this.link.tempo();
    switch (k.status) {
      case 'idle':
        return this.schedule(key, this.everLooked ? tempo * draw(r, p.rest) : draw(r, p.think), () => this.find());
      case 'looking':
        if (r() < p.cancel) return this.schedule(key, draw(r, p.cancelAfter), () => this.cancel());
        this.plan = { key, timer: null };
        return;
      case 'matched':
        return this.schedule(key, tempo * draw(r, p.walk), () => (r() < p.cantFind ? this.leave('cant_find') : this.met()));
      case 'chatting':
        return this.schedule(key, tempo * draw(r, p.chat), () => (r() < p.block ? this.block() : this.leave('done')));
    }
  }

  private schedule(key: string, ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      if (this.plan?.timer === timer) this.plan.timer = null;
      action();
    }, ms);
    this.plan = { key, timer };
  }

  private clearPlan(): void {
    if (this.plan?.timer) clearTimeout(this.plan.timer);
    this.plan = null;
  }

  /** After an ack: carry on, or on a failure try again a little later. */
  private after(ack: Ack | null): void {
    if (ack?.ok) return this.decide();
    this.clearPlan();
    if (ack?.error.code === 'CONFLICT') return void this.probe(); // our view was stale: refresh it
    this.schedule('retry', 1_000 + this.link.random() * 2_000, () => {
      this.plan = null;
      this.decide();
    });
  }

  private find(): void {
    if (this.known.status !== 'idle') return this.decide();
    this.everLooked = true;
    const session: FindSession = { emit: now(), ack: 0, found: false };
    this.session = session;
    const { stats, random, pace } = this.link;
    stats.findSessions++;
    const taps = random() < pace.doubleTap ? (random() < 0.3 ? 3 : 2) : 1;
    const tap = () => {
      if (this.session !== session || !this.connected) return;
      stats.findEmits++;
      this.call('match:find', {}, (ack, sent, at) => {
        if (ack?.ok) {
          this.link.journal.attendee(this.id).finds.push([sent, at]);
          if (!session.ack) session.ack = at;
        }
        this.after(ack);
      });
    };
    tap();
    for (let i = 1; i < taps; i++) setTimeout(tap, 80 + random() * 220 * i);
  }

  protected onFound(m: Match, at: number): void {
    this.link.journal.sawMatch(this.id, m, -Infinity, at, true);
    const s = this.session;
    if (s && !s.found) {
      s.found = true;
      const createdAt = Date.parse(m.createdAt);
      this.link.stats.taps.push({ matchId: m.id, emit: s.emit, ack: s.ack || at, receipt: at, createdAt, pair: m.partners.length === 1 });
    }
    this.session = null;
    const partners = m.partners.map((p) => p.id);
    this.mutate(() => (this.known = { status: 'matched', matchId: m.id, matchStatus: m.status, partners }));
    this.decide();
  }

  private met(): void {
    const matchId = this.known.matchId;
    if (!matchId) return this.decide();
    this.call('match:met', { matchId }, (ack, _sent, at) => {
      if (ack?.ok && ack.state.status === 'chatting' && ack.state.match?.id === matchId) {
        this.link.journal.attendee(this.id).mets.push([matchId, at]);
      }
      this.after(ack);
    });
  }

  private leave(reason: 'done' | 'cant_find'): void {
    const matchId = this.known.matchId;
    if (!matchId) return this.decide();
    this.link.journal.leaving(matchId, now());
    this.call('match:leave', { matchId, reason }, (ack, _sent, at) => {
      if (ack?.ok) this.link.journal.attendee(this.id).leaves.push([matchId, at]);
      this.after(ack);
    });
  }

  /** Never again with this partner; the match ends at once (silently for them). */
  private block(): void {
    const matchId = this.known.matchId;
    const partner = this.known.partners[0];
    if (!matchId || !partner) return this.leave('done');
    this.link.journal.leaving(matchId, now());
    this.call('attendee:block', { attendeeId: partner }, (ack, _sent, at) => {
      if (ack?.ok) {
        this.link.journal.blocks.push({ by: this.id, blocked: partner, matchId, acked: at });
        if (ack.state.match?.id !== matchId) this.link.journal.attendee(this.id).leaves.push([matchId, at]);
      }
      this.after(ack);
    });
  }

  private cancel(): void {
    this.link.journal.attendee(this.id).cancels.push(now());
    this.session = null;
    this.call('match:cancel', {}, (ack) => this.after(ack));
  }

  /** `profile:update {}`: changes nothing, acks the state. The emit+ack baseline, and a fresh read. */
  probe(): Promise<boolean> {
    return new Promise((resolve) => {
      if (!this.connected) return resolve(false);
      this.call('profile:update', {}, (ack, sent, at) => {
        if (ack?.ok) this.link.stats.probeRtt.push(at - sent);
        resolve(!!ack?.ok);
        this.decide();
      });
    });
  }

  /** The evening is over: stop acting, and bring a locked phone back for the final check. */
  finish(): void {
    this.clearPlan();
    if (this.lockTimer) clearTimeout(this.lockTimer);
    this.session = null;
    if (this.phase === 'offline') this.unlock();
  }
}
