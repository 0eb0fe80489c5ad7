import { pairKey, pairSet } from '../../server/matching/pairs';
import type { MatchInput, MatchPlan, Seeker } from '../../server/matching/types';

/**
 * Every rule a plan must keep, checked against its input. Throws with the rule that broke.
 * "Fresh" means allowed and not met before; "allowed" means not self, blocked or on cooldown.
 */
export function checkPlan(input: MatchInput, plan: MatchPlan): void {
  const { options } = input;
  const connected = new Map<string, Seeker>();
  for (const s of input.seekers) if (s.connected && !connected.has(s.id)) connected.set(s.id, s);
  const never = pairSet([...input.history.blocked, ...input.history.cooldown]);
  const met = pairSet(input.history.met);
  const allowed = (a: string, b: string) => a !== b && !never.has(pairKey(a, b));
  const fresh = (a: string, b: string) => allowed(a, b) && !met.has(pairKey(a, b));
  const waited = (id: string) => options.now - connected.get(id)!.lookingSince >= options.trioAfterMs;
  const check = (ok: boolean, rule: string) => {
    if (!ok) throw new Error(`${rule}\n${JSON.stringify(plan)}`);
  };

  const placed = [...plan.groups.flatMap((g) => g.memberIds), ...plan.joins.map((j) => j.attendeeId)];
  check(new Set(placed).size === placed.length, 'nobody is in two groups or joins');
  check(placed.every((id) => connected.has(id)), 'only connected seekers of this event are placed');
  check(plan.waiting.every((id) => connected.has(id) && !placed.includes(id)), 'waiting are unplaced seekers');
  check(placed.length + plan.waiting.length === connected.size, 'every connected seeker is placed or waiting');
  check(new Set(plan.waiting).size === plan.waiting.length, 'nobody waits twice');

  const freshPartnerWaiting = (id: string) => plan.waiting.some((w) => fresh(id, w));
  for (const g of plan.groups) {
    const [a, b] = g.memberIds as [string, string];
    check(g.memberIds.length === 2, 'new groups are pairs');
    check(allowed(a, b), 'never self, blocked or on cooldown');
    check(g.repeat === met.has(pairKey(a, b)), 'repeat is flagged');
    if (g.repeat) {
      check(!freshPartnerWaiting(a) && !freshPartnerWaiting(b), 'no repeat while someone new is free');
      check(waited(a) && waited(b), 'a repeat only after both waited trioAfterMs');
    }
    check(Object.keys(g.reasons).sort().join() === [...g.memberIds].sort().join(), 'reasons for each member');
    check(g.memberIds.every((m) => g.reasons[m]!.length > 0), 'at least one reason each');
  }

  const joinsTo = new Map<string, number>();
  const trioJoiners = plan.joins.filter((j) => j.kind === 'trio').map((j) => j.attendeeId);
  for (const j of plan.joins) {
    const target = input.active.find((g) => g.id === j.matchId);
    check(target !== undefined, 'joins go to active matches of this event');
    const members = target!.members.map((m) => m.id);
    check(members.every((m) => allowed(j.attendeeId, m)), 'never joins someone blocked, on cooldown, or itself');
    const others = plan.joins.filter((o) => o.matchId === j.matchId && o.attendeeId !== j.attendeeId).map((o) => o.attendeeId);
    check(others.every((o) => allowed(j.attendeeId, o)), 'two joining one group are never blocked or on cooldown');
    joinsTo.set(j.matchId, (joinsTo.get(j.matchId) ?? 0) + 1);
    const size = members.length + joinsTo.get(j.matchId)!;
    if (j.kind === 'circle') {
      check(target!.open && target!.status === 'chatting', 'circles are open and chatting');
      check(size <= options.maxGroupSize, 'circles stay within maxGroupSize');
      check(joinsTo.get(j.matchId) === 1 && !target!.arriving, 'a circle takes one more, and none while someone is on their way');
    } else {
      check(options.trios, 'no trios when they are off');
      check(size <= 3, 'a trio is three');
      check(options.now - target!.createdAt <= options.recentMatchMs, 'trios join recent matches');
      const unconfirmed = options.unconfirmedTrioMs ?? Infinity;
      check(target!.status !== 'matched' || options.now - target!.createdAt <= unconfirmed, 'a third joins an unconfirmed pair only while it has time left');
      check(waited(j.attendeeId), 'a trio only after trioAfterMs');
      check(!freshPartnerWaiting(j.attendeeId), 'a trio only when nobody new is free to pair with');
      check(!trioJoiners.some((o) => o !== j.attendeeId && fresh(o, j.attendeeId)), 'no trio for two who could pair');
    }
    if (members.some((m) => met.has(pairKey(j.attendeeId, m)))) {
      check(!freshPartnerWaiting(j.attendeeId), 'no group with someone met while someone new is free');
    }
  }

  for (let x = 0; x < plan.waiting.length; x++) {
    for (let y = x + 1; y < plan.waiting.length; y++) {
      const a = plan.waiting[x]!;
      const b = plan.waiting[y]!;
      check(!fresh(a, b), 'two seekers who could pair are not both left waiting');
      check(!(allowed(a, b) && waited(a) && waited(b)), 'two long waiters who met are paired rather than left waiting');
    }
  }
}
